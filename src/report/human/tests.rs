//! The human report: excerpts, windows, wide findings, and miette's reading of spans.

use super::*;

/// What miette's own reading of the whole text gives, field by field, but the column
/// (miette counts it in bytes, the snippets in characters).
fn parts(contents: &dyn SpanContents<'_>) -> (Vec<u8>, usize, usize, usize, usize) {
    (
        contents.data().to_vec(),
        contents.span().offset(),
        contents.span().len(),
        contents.line(),
        contents.line_count(),
    )
}

#[test]
fn long_messages_wrap_at_spaces_never_inside_a_url_or_path() {
    let source = SourceFile::from_text("doc.md", "Cookies\n");
    let path = "/tmp/corpus/part-6/en-vanecasbcn-odsapps.txt";
    let url = "https://vanecasbcn-odsapps.opendatasoft.com/explore/dataset/x-y";
    let diagnostic = crate::lint::Diagnostic {
        code: "CL301",
        rule: "duplicate-platform",
        severity: Severity::Warning,
        file: "doc.md".to_owned(),
        span: crate::source::Span::new(0, 7),
        message: format!("the platform {url} is also named by {path}, whose content differs"),
        help: Some(format!(
            "see {path} and {url} before choosing which one to keep"
        )),
        related: Vec::new(),
        fingerprint: String::new(),
    };
    let out = human(
        &source,
        &[Located::new(&source, diagnostic)],
        HumanOptions::default(),
    );
    assert!(out.contains(path) && out.contains(url), "{out}");
    // The message is wider than the report: it was wrapped, at a space.
    assert!(
        out.lines()
            .any(|l| l.trim_end().ends_with("is also named by")),
        "{out}"
    );
}

#[test]
fn a_finding_drawn_unwrapped_is_drawn_as_wrapping_draws_it() {
    let source = SourceFile::from_text("doc.md", "Cookies\n");
    let width = HumanOptions::default().width;
    // Lengths around the limit, and what wrapping would trim, split or measure apart.
    let mut texts: Vec<String> = (width - 16..width + 2)
        .map(|n| "w".repeat(n % 7 + 1) + &" word".repeat(n / 5))
        .map(|t| t.chars().take(t.len().min(width)).collect())
        .collect();
    for n in [
        width - WRAP_INDENT - 6,
        width - WRAP_INDENT - 4,
        width - WRAP_INDENT - 3,
    ] {
        texts.push("x".repeat(n));
        texts.push(format!("{} y", "x".repeat(n.saturating_sub(2))));
        texts.push("\u{754C}".repeat(n / 3 + 1));
    }
    texts.extend(
        [
            "two  spaces  inside",
            "ends with a space ",
            " starts with one",
            "a\ttab",
            "line one\nline two",
            "line one\n\nafter an empty line",
            "ends with a line break\n",
            "\u{A0}no-break space first",
            "emoji \u{1F36A}\u{1F36A} and \u{E9}",
            "",
        ]
        .map(str::to_owned),
    );
    let shortcut = Handlers::new(HumanOptions::default(), true);
    let reference = Handlers::new(HumanOptions::default(), false);
    let snippets = Snippets {
        name: "doc.md",
        text: sanitize(&source.text),
        index: std::borrow::Cow::Borrowed(&source.line_index),
        lines_before: 0,
    };
    let mut unwrapped = 0;
    for message in &texts {
        for help in [None, Some(message.clone()), texts.first().cloned()] {
            let diagnostic = crate::lint::Diagnostic {
                code: "CL001",
                rule: "some-rule",
                severity: Severity::Warning,
                file: "doc.md".to_owned(),
                span: crate::source::Span::new(0, 7),
                message: message.clone(),
                help: help.clone(),
                related: Vec::new(),
                fingerprint: String::new(),
            };
            let located = Located::new(&source, diagnostic);
            let texts = (message.as_str(), &help);
            let fast = draw(&shortcut, &located, texts, &snippets, 0);
            let slow = draw(&reference, &located, texts, &snippets, 0);
            assert_eq!(fast, slow, "{message:?} / {help:?}");
            if std::ptr::eq(
                shortcut.for_texts(message, help.as_deref()),
                &shortcut.wrapping,
            ) {
                continue;
            }
            unwrapped += 1;
        }
    }
    // The shortcut was taken, and not always.
    assert!(unwrapped > 10 && unwrapped < texts.len() * 3, "{unwrapped}");
}

#[test]
fn drawing_a_window_is_drawing_the_whole_text() {
    let texts = [
        "one\ntwo\r\nthree\rfour\n\nsix\r\n\r\nnine",
        "\r\n\r\n\n\r\rx\ny\r\n",
        "a single line without a break",
        "\u{e9}\n\u{e0}\u{e7}\r\n\u{20ac} end\n\tlast\u{1b}[31m line\n",
        "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
        "a\r\rb\r\n\r\nc\n\rd\r\n\re\n\n\r\r\nf",
    ];
    let options = [
        HumanOptions::default(),
        HumanOptions {
            color: true,
            width: 40,
        },
    ];
    let mut compared = 0;
    for text in texts {
        let source = SourceFile::from_text("dir/doc.md", text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (i, &start) in boundaries.iter().enumerate() {
            let far = [boundaries.get(i + 12), boundaries.last()];
            for &end in boundaries
                .iter()
                .skip(i)
                .take(6)
                .chain(far.into_iter().flatten())
            {
                // The finding alone, then with a second label in the same file two
                // characters on, and with one in another file.
                let other = boundaries.get(i + 2).copied().unwrap_or(start);
                for related in 0..3 {
                    let related = match related {
                        0 => Vec::new(),
                        1 => vec![crate::lint::Related {
                            file: "dir/doc.md".to_owned(),
                            span: Span::new(other, other),
                            line: 1,
                            column: 1,
                            message: "also here".to_owned(),
                        }],
                        _ => vec![crate::lint::Related {
                            file: "other.md".to_owned(),
                            span: Span::new(0, 1),
                            line: 3,
                            column: 4,
                            message: "and there".to_owned(),
                        }],
                    };
                    let diagnostic = crate::lint::Diagnostic {
                        code: "CL101",
                        rule: "missing-section",
                        severity: Severity::Warning,
                        file: "dir/doc.md".to_owned(),
                        span: Span::new(start, end),
                        message: "something is wrong here".to_owned(),
                        help: Some("fix it".to_owned()),
                        related,
                        fingerprint: String::new(),
                    };
                    let located = Located::new(&source, diagnostic);
                    for options in options {
                        // Twice: drawn, then remembered.
                        for _ in 0..2 {
                            assert_eq!(
                                human(&source, std::slice::from_ref(&located), options),
                                human_from_whole_text(
                                    &source,
                                    std::slice::from_ref(&located),
                                    options
                                ),
                                "{text:?} at {start}..{end}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(compared > 1000, "{compared}");
}

/// Findings drawn once and renumbered for other line numbers with as many digits are
/// drawn as miette draws them in place: around 9, 99 and 999 lines, after lone `\r`
/// line breaks, coloured or not, with help and document lines that start like a gutter
/// line; and findings with a second label, which are not renumbered, too.
#[test]
fn renumbered_drawings_are_drawn_as_in_place() {
    let mut text = String::new();
    for n in 1..=1_200 {
        let line = match n % 7 {
            0 => String::new(),
            1 => format!("{n} \u{2502} {n}\tcells\there"),
            2 => "  12 \u{2502} looks like a gutter".to_owned(),
            _ => format!("line {n} of the text"),
        };
        text.push_str(&line);
        // Runs of lines ending with a lone `\r` across 10, 100 and 1,000, which miette
        // reads as one line unless the snippet is sanitised.
        let lone_cr = [9..=12, 95..=104, 995..=1_004]
            .iter()
            .any(|run| run.contains(&n));
        text.push_str(match n % 11 {
            _ if lone_cr => "\r",
            0 | 3 => "\r",
            _ if n % 5 == 0 => "\r\n",
            _ => "\n",
        });
    }
    let source = SourceFile::from_text("dir/doc.txt", &text);
    let options = [
        HumanOptions::default(),
        HumanOptions {
            color: true,
            width: 40,
        },
    ];
    let mut findings = Vec::new();
    for line in (1..=14)
        .chain(85..=112)
        .chain(990..=1_010)
        .chain([1_199, 1_200])
    {
        let Some(start) = source.line_index.line_start(line) else {
            continue;
        };
        let end = source.line_index.line_start(line + 1).unwrap_or(text.len());
        // A second label lines before: one snippet or two, as miette decides.
        let before = [2, 3, 4, 5, 6, 8, 12, 20, 40, 80]
            .map(|n| source.line_index.line_start(line.saturating_sub(n).max(1)));
        // One label (renumbered): a character, a line, three lines, an empty span,
        // the end of the text; then each with a second label.
        let spans = [
            Span::new(start, start + 1),
            Span::new(start, end),
            Span::new(start, (end + 40).min(text.len())),
            Span::new(start, start),
            Span::new(text.len(), text.len()),
        ];
        for (span, related) in spans
            .into_iter()
            .map(|span| (span, None))
            .chain(spans.into_iter().map(|span| (span, Some(span.end))))
            .chain(before.map(|at| (Span::new(start, start + 1), at)))
        {
            let related = related
                .map(|at| crate::lint::Related {
                    file: "dir/doc.txt".to_owned(),
                    span: Span::new(at, at),
                    line: 1,
                    column: 1,
                    message: "3 \u{2502} also".to_owned(),
                })
                .into_iter()
                .collect();
            let diagnostic = crate::lint::Diagnostic {
                code: "CL101",
                rule: "missing-section",
                severity: Severity::Warning,
                file: "dir/doc.txt".to_owned(),
                span,
                message: "12 \u{2502} wrong".to_owned(),
                // At forty columns, its second line starts with a number.
                help: Some(format!(
                    "{} 12 months, 1234 \u{2502} 99 more",
                    "x".repeat(30)
                )),
                related,
                fingerprint: String::new(),
            };
            findings.push(Located::new(&source, diagnostic));
        }
    }
    for options in options {
        // Twice: drawn or renumbered, then remembered.
        for _ in 0..2 {
            let drawn = human(&source, &findings, options);
            let expected = human_from_whole_text(&source, &findings, options);
            if drawn != expected {
                let (a, b) = drawn
                    .lines()
                    .zip(expected.lines())
                    .find(|(a, b)| a != b)
                    .unwrap_or_default();
                panic!("first difference:\n{a}\n{b}");
            }
        }
    }
    assert!(findings.len() > 150, "{}", findings.len());
}

#[test]
fn a_finding_past_the_end_of_its_text_is_drawn_as_miette_draws_it() {
    let source = SourceFile::from_text("doc.md", "short\n");
    let diagnostic = crate::lint::Diagnostic {
        code: "CL101",
        rule: "missing-section",
        severity: Severity::Warning,
        file: "doc.md".to_owned(),
        span: Span::new(3, 40),
        message: "out of bounds".to_owned(),
        help: None,
        related: Vec::new(),
        fingerprint: String::new(),
    };
    let located = Located::new(&source, diagnostic);
    let options = HumanOptions::default();
    assert_eq!(
        Window::around(&source, labelled(&located.diagnostic).map(|(span, _)| span)),
        None
    );
    let drawn = human(&source, std::slice::from_ref(&located), options);
    assert_eq!(
        drawn,
        human_from_whole_text(&source, std::slice::from_ref(&located), options)
    );
    assert!(drawn.contains("offset: 3"), "{drawn}");
}

#[test]
fn sanitizing_replaces_every_terminal_control_and_copies_only_then() {
    let plain =
        "Le cookie \u{AB}\u{A0}_ga\u{A0}\u{BB} dure 13\u{202F}mois, c\u{2019}est \u{E9}crit.\t\r\n";
    assert!(matches!(sanitize(plain), std::borrow::Cow::Borrowed(_)));
    for c in [
        '\u{1B}', '\u{7F}', '\u{85}', '\u{9B}', '\u{202E}', '\u{2067}', '\u{200B}', '\u{FEFF}',
    ] {
        let text = format!("a{c}b");
        let clean = sanitize(&text);
        assert!(matches!(clean, std::borrow::Cow::Owned(_)), "{c:?}");
        assert_eq!(clean.len(), text.len(), "{c:?}");
        assert!(!clean.contains(c), "{c:?}");
    }
}

#[test]
fn lines_ending_with_a_lone_carriage_return_are_drawn_as_lines() {
    // miette breaks its snippet lines at `\n` only: a lone `\r` reached the terminal
    // (moving the cursor back over the line) and the lines were numbered wrongly.
    for text in ["one\rtwo\rthree x\rfour\r", "one\r\ntwo\rthree x\nfour"] {
        let source = SourceFile::from_text("doc.txt", text);
        let at = text.find('x').unwrap_or_default();
        let diagnostic = crate::lint::Diagnostic {
            code: "CL101",
            rule: "missing-section",
            severity: Severity::Warning,
            file: "doc.txt".to_owned(),
            span: Span::new(at, at + 1),
            message: "wrong".to_owned(),
            help: None,
            related: Vec::new(),
            fingerprint: String::new(),
        };
        let located = Located::new(&source, diagnostic);
        for drawn in [
            human(&source, std::slice::from_ref(&located), Default::default()),
            human_from_whole_text(&source, std::slice::from_ref(&located), Default::default()),
        ] {
            assert!(!drawn.contains('\r'), "{text:?}:\n{drawn}");
            assert!(drawn.contains("[doc.txt:3:7]"), "{text:?}:\n{drawn}");
            for (number, line) in [(2, "two"), (3, "three x"), (4, "four")] {
                assert!(
                    drawn.contains(&format!(" {number} \u{2502} {line}\n")),
                    "{text:?}: line {number}:\n{drawn}"
                );
            }
        }
    }
}

#[test]
fn a_label_too_far_along_its_line_for_miette_is_reported_as_a_concise_line() {
    // miette pads an underline with a formatting width, which panics past `u16::MAX`
    // columns: the whole report was lost.
    let far = (
        format!("{}x\n", "a".repeat(70_000)),
        format!("{}x\n", "\t".repeat(17_000)),
    );
    // A line of more than `DRAWABLE_BYTES` is not drawn either, however near.
    let long = format!("{}x\n", "a".repeat(60_000));
    let near = format!("{}x\n", "\t".repeat(DRAWABLE_BYTES - 10));
    for (text, drawn_by_miette) in [
        (&far.0, false),
        (&far.1, false),
        (&long, false),
        (&near, true),
    ] {
        let source = SourceFile::from_text("doc.txt", text);
        let at = text.len() - 2;
        let diagnostic = crate::lint::Diagnostic {
            code: "CL101",
            rule: "missing-section",
            severity: Severity::Warning,
            file: "doc.txt".to_owned(),
            span: Span::new(at, at + 1),
            message: "wrong".to_owned(),
            help: None,
            related: Vec::new(),
            fingerprint: String::new(),
        };
        let located = Located::new(&source, diagnostic);
        let concise = format!("{}\n", super::super::concise_line(&located));
        let options = HumanOptions::default();
        let drawn = human(&source, std::slice::from_ref(&located), options);
        assert_eq!(
            drawn,
            human_from_whole_text(&source, std::slice::from_ref(&located), options)
        );
        assert_eq!(drawn == concise, !drawn_by_miette, "{}", text.len());
    }
}

#[test]
fn snippets_read_what_a_scan_from_the_top_reads() {
    let texts = [
        "one\ntwo\r\nthree\rfour\n\nsix\r\n\r\nnine",
        "\r\n\r\n\n\r\rx\ny\r\n",
        "a single line without a break",
        "é\nàç\r\n€ end\n",
        "",
    ];
    for text in texts {
        let index = LineIndex::new(text);
        let snippets = Snippets {
            name: "doc",
            text: text.into(),
            index: std::borrow::Cow::Borrowed(&index),
            lines_before: 0,
        };
        let whole = miette::NamedSource::new("doc", text.to_owned());
        // Spans inside the text, as every finding's is (miette itself panics past it).
        for offset in 0..=text.len() {
            let lens = [0, 1, 2, 5, text.len() - offset];
            for len in lens.into_iter().filter(|&len| offset + len <= text.len()) {
                for (before, after) in [(0, 0), (1, 1), (2, 3), (5, 0)] {
                    let span = SourceSpan::new(offset.into(), len);
                    let expected = whole.read_span(&span, before, after);
                    let got = snippets.read_span(&span, before, after);
                    match (expected, got) {
                        (Ok(e), Ok(g)) => {
                            assert_eq!(
                                parts(&*g),
                                parts(&*e),
                                "{text:?} at {offset}+{len}, context {before}/{after}"
                            );
                            // The column the other reports give (in characters),
                            // where the contents start on a character boundary.
                            let at = g.span().offset();
                            if text.is_char_boundary(at) {
                                let column = index.line_col(text, at).column;
                                assert_eq!(g.column() + 1, column, "{text:?} at {offset}+{len}");
                            }
                        }
                        (Err(_), Err(_)) => {}
                        (e, g) => panic!(
                            "{text:?} at {offset}+{len}: {:?} against {:?}",
                            e.map(|c| parts(&*c)),
                            g.map(|c| parts(&*c))
                        ),
                    }
                }
            }
        }
    }
}
