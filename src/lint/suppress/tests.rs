use super::*;

const CODES: [&str; 3] = ["CL205", "CL405", "CL406"];

fn some_rules(next: &mut impl FnMut(usize) -> usize) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = Vec::new();
    for _ in 0..next(3) {
        let code = CODES[next(CODES.len())];
        if !rules.contains(&code) {
            rules.push(code);
        }
    }
    rules
}

/// The rules a random directive names: none (every rule), some, or only unknown ones.
fn some_named(next: &mut impl FnMut(usize) -> usize) -> Named {
    match next(6) {
        0 => Named::Every,
        1 => Named::Only(Vec::new()),
        _ => Named::Only(some_rules(next)),
    }
}

/// The `disable` that holds rule `code` off at byte `at`, found by reading the
/// `disable`s and `enable`s before `at` one rule at a time: a `disable` naming the rule
/// (or none) turns it off if it is on, an `enable` naming it (or none) turns it on.
fn holder(directives: &[Directive], at: usize, code: &str) -> Option<usize> {
    let mut holder = None;
    for (i, d) in directives.iter().enumerate() {
        let names = match &d.rules {
            Named::Every => true,
            Named::Only(codes) => codes.contains(&code),
        };
        match d.kind {
            Kind::Disable if d.span.end <= at => {
                if names && holder.is_none() {
                    holder = Some(i);
                }
            }
            Kind::Enable if d.span.start <= at => {
                if names {
                    holder = None;
                }
            }
            Kind::Disable | Kind::Enable => break,
            Kind::File | Kind::NextLine => {}
        }
    }
    holder
}

#[test]
fn regions_follow_the_rules_turned_off_and_on_and_the_first_silencing_one_is_found() {
    let text = "0123456789\n".repeat(40);
    let source = SourceFile::from_text("s.md", text.as_str());
    let mut next = crate::testing::pseudo_random(7);
    // The named rules, and one that no directive names.
    let codes = [CODES[0], CODES[1], CODES[2], "CL101"];
    for _ in 0..500 {
        let mut directives = Vec::new();
        let mut at = 0;
        while at + 10 < text.len() && directives.len() < 12 {
            // Comments do not overlap, and one byte at least lies between two.
            at += 1 + next(40);
            let kind = [Kind::Disable, Kind::Enable, Kind::NextLine, Kind::File][next(4)];
            let kind = if kind == Kind::File && next(4) > 0 {
                Kind::Disable
            } else {
                kind
            };
            let end = (at + 1 + next(5)).min(text.len());
            directives.push(Directive {
                kind,
                span: Span::new(at.min(end), end),
                rules: some_named(&mut next),
                unknown: Vec::new(),
            });
            at = end;
        }
        let regions = build_regions(&source, &directives);
        let fixed: Vec<Region> = directives
            .iter()
            .enumerate()
            .filter_map(|(i, d)| fixed_region(&source, i, d))
            .collect();
        let findings: Vec<(usize, &str)> = (0..30)
            .map(|_| (next(text.len() + 1), codes[next(codes.len())]))
            .collect();
        for &(at, code) in &findings {
            let held_by = holder(&directives, at, code);
            let by_disables: Vec<usize> = regions
                .iter()
                .filter(|r| directives[r.directive].kind == Kind::Disable)
                .filter(|r| r.silences(at, code))
                .map(|r| r.directive)
                .collect();
            let context = format!("{at} {code} {directives:?} {regions:?}");
            match held_by {
                Some(h) => assert!(
                    !by_disables.is_empty() && by_disables.iter().all(|&d| d == h),
                    "{context}"
                ),
                None => assert!(by_disables.is_empty(), "{context}"),
            }
            assert_eq!(
                regions.iter().any(|r| r.silences(at, code)),
                held_by.is_some() || fixed.iter().any(|r| r.silences(at, code)),
                "{context}"
            );
        }
        let expected: Vec<Option<usize>> = findings
            .iter()
            .map(|&(at, code)| regions.iter().position(|r| r.silences(at, code)))
            .collect();
        assert_eq!(
            first_silencing(&regions, &findings),
            expected,
            "{regions:?}"
        );
    }
}

/// The codes silenced at byte `at` of `text` (given the rules `codes`), by directive.
fn silencing_at(text: &str, at: &str, codes: &[&'static str]) -> Vec<Option<usize>> {
    let source = SourceFile::from_text("s.md", text);
    let spans: Vec<Span> = text
        .match_indices("<!--")
        .filter_map(|(start, _)| {
            let end = start + text.get(start..)?.find("-->")? + 3;
            Some(Span::new(start, end))
        })
        .collect();
    let directives: Vec<Directive> = spans
        .into_iter()
        .filter_map(|span| parse_directive(text, span))
        .collect();
    let regions = build_regions(&source, &directives);
    let at = text.find(at).unwrap();
    let findings: Vec<(usize, &str)> = codes.iter().map(|&code| (at, code)).collect();
    silencing(&regions, &findings)
}

#[test]
fn an_enable_turns_on_only_the_rules_it_names() {
    let codes = ["CL205", "CL406", "CL405"];
    let named = "<!-- cookielint-disable known-typo, table-gap -->\n@a\n\
        <!-- cookielint-enable table-gap -->\n@b\n<!-- cookielint-enable -->\n@c\n";
    assert_eq!(silencing_at(named, "@a", &codes), [Some(0), Some(0), None]);
    assert_eq!(silencing_at(named, "@b", &codes), [None, Some(0), None]);
    assert_eq!(silencing_at(named, "@c", &codes), [None, None, None]);

    let bare = "<!-- cookielint-disable -->\n@a\n<!-- cookielint-enable table-gap -->\n@b\n\
        <!-- cookielint-disable -->\n@c\n<!-- cookielint-enable known-typo -->\n@d\n\
        <!-- cookielint-enable -->\n@e\n";
    assert_eq!(
        silencing_at(bare, "@a", &codes),
        [Some(0), Some(0), Some(0)]
    );
    assert_eq!(silencing_at(bare, "@b", &codes), [None, Some(0), Some(0)]);
    // The second bare disable turns table-gap off again; the rest stays with the first.
    assert_eq!(
        silencing_at(bare, "@c", &codes),
        [Some(2), Some(0), Some(0)]
    );
    assert_eq!(silencing_at(bare, "@d", &codes), [Some(2), None, Some(0)]);
    assert_eq!(silencing_at(bare, "@e", &codes), [None, None, None]);

    // A named disable after a bare one adds nothing: the bare one holds its rules.
    let nested = "<!-- cookielint-disable table-gap -->\n<!-- cookielint-disable -->\n@a\n\
        <!-- cookielint-enable table-gap -->\n@b\n";
    assert_eq!(
        silencing_at(nested, "@a", &codes),
        [Some(0), Some(1), Some(1)]
    );
    assert_eq!(silencing_at(nested, "@b", &codes), [None, Some(1), Some(1)]);
}

#[test]
fn a_comment_naming_only_unknown_rules_silences_nothing() {
    let codes = ["CL205", "CL406"];
    for text in [
        "<!-- cookielint-disable-file tabel-gap -->\n@a\n",
        "<!-- cookielint-disable-next-line knwon-typo -->\n@a\n",
        "<!-- cookielint-disable tabel-gap -->\n@a\n<!-- cookielint-enable tabel-gap -->\n",
    ] {
        assert_eq!(silencing_at(text, "@a", &codes), [None, None], "{text}");
    }
    // Some names known: those rules only.
    let text = "<!-- cookielint-disable-next-line tabel-gap, known-typo -->\n@a\n";
    assert_eq!(silencing_at(text, "@a", &codes), [None, Some(0)]);
    // An enable naming only unknown rules turns nothing on.
    let text = "<!-- cookielint-disable -->\n<!-- cookielint-enable tabel-gap -->\n@a\n";
    assert_eq!(silencing_at(text, "@a", &codes), [Some(0), Some(0)]);
    // No name at all is every rule.
    let text = "<!-- cookielint-disable-next-line -->\n@a\n";
    assert_eq!(silencing_at(text, "@a", &codes), [Some(0), Some(0)]);
}

#[test]
fn a_rule_named_many_times_is_kept_once() {
    let text = format!(
        "<!-- cookielint-disable {} -->",
        ["table-gap"; 1000].join(", ")
    );
    let directive = parse_directive(&text, Span::new(0, text.len())).unwrap();
    assert_eq!(directive.rules, Named::Only(vec!["CL205"]));
}
