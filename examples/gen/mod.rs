//! A deterministic generator of cookie-policy corpora with known injected drifts, shared by
//! `examples/gen_corpus.rs` and the integration tests (through `#[path]`).
//!
//! Documents are built from the bundled corpus's French (`fr-regaz.md`) and English
//! (`en-eco-compteur.txt`) documents, with the variation real portals show and that must
//! *not* be reported by the corpus rules: platform URLs and portal names, plain text or
//! Markdown, the URL inside the heading or on its own line, dashed separator rows, blank
//! lines inside tables, leading blank lines, nested folders, and some portals publishing
//! both languages. A share of the documents get one injected drift each (a reworded
//! paragraph, a dropped section, a removed or added row, a changed provider or purpose, a
//! reworded header cell, a platform URL copied from another document); each is recorded in
//! `MANIFEST.json` with the rule that must report it and the line it must be reported at.
//!
//! The random generator is a seeded xorshift64*, so the same `N` and seed always give the
//! same corpus.

use std::io;
use std::path::{Path, PathBuf};

const FRENCH: &str = include_str!("../../corpus/fr-regaz.md");
const ENGLISH: &str = include_str!("../../corpus/en-eco-compteur.txt");

/// The family size below which the corpus rules do not judge a family (the default).
const MIN_FAMILY_SIZE: usize = 3;

/// Per thousand documents: how many get a drift.
const DRIFT_PER_MILLE: u64 = 130;

/// One injected drift.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Drift {
    /// The document's path relative to the corpus directory, with `/`.
    pub path: String,
    /// What was changed.
    pub kind: &'static str,
    /// The rule that must report it.
    pub rule: &'static str,
    /// The 1-based line it must be reported at.
    pub line: usize,
}

/// What was generated.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Manifest {
    /// The seed.
    pub seed: u64,
    /// Number of documents written.
    pub documents: usize,
    /// The injected drifts, in path order.
    pub drifts: Vec<Drift>,
}

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True with probability `per_mille / 1000`.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// The template of one language, cut out of a corpus document.
struct Template {
    title: String,
    intro: String,
    what: String,
    paragraphs: Vec<String>,
    /// The "cookies used" heading around its URL.
    used: (String, String),
    category: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// A sentence added to reword a paragraph.
    addition: &'static str,
    /// A reworded purpose.
    purpose: &'static str,
    /// The intro with one comma more or less.
    intro_drift: (&'static str, &'static str),
    /// A header cell and its rewording.
    header_drift: (&'static str, &'static str),
}

impl Template {
    fn parse(text: &str, language: Language) -> Option<Self> {
        let mut blocks: Vec<String> = Vec::new();
        let mut table: Vec<Vec<String>> = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in text.lines().map(str::trim_end).chain(std::iter::once("")) {
            if line.contains('\t') {
                table.push(line.split('\t').map(str::to_owned).collect());
            } else if line.trim().is_empty() {
                if !current.is_empty() {
                    blocks.push(current.join(" ").trim_start_matches('#').trim().to_owned());
                    current.clear();
                }
            } else {
                current.push(line);
            }
        }
        let n = blocks.len();
        let used = blocks.get(n.checked_sub(2)?)?;
        let (before, rest) = used.split_once('<')?;
        let (_, after) = rest.split_once('>')?;
        let mut rows = table.into_iter();
        let header = rows.next()?;
        let (addition, purpose, intro_drift, header_drift) = match language {
            Language::Fr => (
                " Vous pouvez les supprimer à tout moment.",
                "Mesurer la fréquentation des pages",
                ("possible nous", "possible, nous"),
                ("Nom du cookies", "Nom des cookies"),
            ),
            Language::En => (
                " You can delete them at any time.",
                "To measure how often pages are visited",
                ("possible, we", "possible we"),
                ("Cookie name(s)", "Cookie names"),
            ),
        };
        Some(Template {
            title: blocks.first()?.clone(),
            intro: blocks.get(1)?.clone(),
            what: blocks.get(2)?.clone(),
            paragraphs: blocks.get(3..n.checked_sub(2)?)?.to_vec(),
            used: (before.trim_end().to_owned(), after.to_owned()),
            category: blocks.get(n - 1)?.clone(),
            header,
            rows: rows.collect(),
            addition,
            purpose,
            intro_drift,
            header_drift,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Language {
    Fr,
    En,
}

impl Language {
    fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Intro,
    Paragraph(usize),
    DropSection,
    RemoveRow(usize),
    ExtraRow,
    Provider(usize),
    Purpose(usize),
    Header,
    /// The platform URL of another document (by index).
    CopyUrl(usize),
}

impl Kind {
    fn name(&self) -> &'static str {
        match self {
            Kind::Intro => "intro-comma",
            Kind::Paragraph(_) => "paragraph-reworded",
            Kind::DropSection => "section-dropped",
            Kind::RemoveRow(_) => "row-removed",
            Kind::ExtraRow => "row-added",
            Kind::Provider(_) => "provider-changed",
            Kind::Purpose(_) => "purpose-reworded",
            Kind::Header => "header-reworded",
            Kind::CopyUrl(_) => "platform-url-copied",
        }
    }

    /// The rule that reports it, given whether the document's family is large enough to be
    /// judged on its own (otherwise it is judged as a translation, or against the corpus).
    fn rule(&self, judged: bool) -> Option<&'static str> {
        Some(match self {
            Kind::Intro | Kind::Paragraph(_) | Kind::Header if judged => "template-drift",
            Kind::DropSection if judged => "structure-drift",
            Kind::Purpose(_) if judged => "conflicting-declaration",
            Kind::RemoveRow(_) if judged => "missing-cookie",
            Kind::ExtraRow if judged => "extra-cookie",
            Kind::RemoveRow(_) | Kind::ExtraRow => "translation-drift",
            Kind::Provider(_) => "conflicting-declaration",
            Kind::CopyUrl(_) => "duplicate-platform",
            _ => return None,
        })
    }
}

/// One document to write.
struct Spec {
    language: Language,
    markdown: bool,
    portal: String,
    host: String,
    path: String,
    url_own_line: bool,
    separator: bool,
    gap_after_header: usize,
    gap_in_rows: Option<usize>,
    leading_blanks: usize,
    drift: Option<Kind>,
}

const SYLLABLES: &[&str] = &[
    "bri", "mont", "lor", "vane", "cas", "tel", "ro", "sa", "nie", "vil", "ber", "gon", "da",
    "tur", "mer", "qua", "lis", "pon", "ra", "ven", "dor", "ma", "lu", "sen",
];

const HOSTS: &[&str] = &[
    "opendata.{}.fr",
    "data.{}.org",
    "{}.opendatasoft.com",
    "{}-odsapps.opendatasoft.com",
    "donnees.{}.fr",
];

/// A portal name: random syllables cut or padded to a fixed length, then the portal's index
/// in letters. All names have the same length and differ, so none contains another (a path
/// never names someone else's portal), for any number of portals.
fn portal_name(rng: &mut Rng, index: usize, width: usize) -> String {
    const STEM: usize = 7;
    let mut name = String::new();
    while name.len() < STEM {
        name.push_str(rng.pick(SYLLABLES).copied().unwrap_or("xa"));
    }
    name.truncate(STEM);
    let mut letters = Vec::with_capacity(width);
    let mut rest = index;
    for _ in 0..width {
        letters.push(char::from(b'a' + u8::try_from(rest % 26).unwrap_or(0)));
        rest /= 26;
    }
    name.extend(letters.into_iter().rev());
    name
}

/// Letters needed to write every index below `n` in base 26 (at least two).
fn index_width(n: usize) -> usize {
    let mut width = 2;
    while 26usize.saturating_pow(u32::try_from(width).unwrap_or(u32::MAX)) < n {
        width += 1;
    }
    width
}

/// Generates `n` documents (a few more when portals publish both languages) into `dir` and
/// writes `dir/MANIFEST.json`.
pub fn generate(n: usize, dir: &Path, seed: u64) -> io::Result<Manifest> {
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
    let french = Template::parse(FRENCH, Language::Fr).ok_or_else(|| invalid("French template"))?;
    let english =
        Template::parse(ENGLISH, Language::En).ok_or_else(|| invalid("English template"))?;
    let mut rng = Rng::new(seed);
    let mut specs: Vec<Spec> = Vec::with_capacity(n + n / 10);
    let width = index_width(n);
    for index in 0..n {
        let language = if rng.chance(250) {
            Language::En
        } else {
            Language::Fr
        };
        let portal = portal_name(&mut rng, index, width);
        let host = rng
            .pick(HOSTS)
            .copied()
            .unwrap_or("{}.fr")
            .replace("{}", &portal);
        specs.push(spec(
            &mut rng,
            language,
            portal.clone(),
            host.clone(),
            index,
        ));
        // Some portals also publish the other language: a translation, same platform.
        if rng.chance(60) {
            let other = match language {
                Language::Fr => Language::En,
                Language::En => Language::Fr,
            };
            specs.push(spec(&mut rng, other, portal, host, index));
        }
    }
    let count = |language| specs.iter().filter(|s| s.language == language).count();
    let judged = [
        count(Language::Fr) >= MIN_FAMILY_SIZE,
        count(Language::En) >= MIN_FAMILY_SIZE,
    ];
    inject(&mut rng, &mut specs, judged);

    let mut drifts = Vec::new();
    for (index, s) in specs.iter().enumerate() {
        let template = match s.language {
            Language::Fr => &french,
            Language::En => &english,
        };
        let copied = match s.drift {
            Some(Kind::CopyUrl(from)) => specs.get(from).map(|f| f.host.as_str()),
            _ => None,
        };
        let (text, line) = render(template, s, copied.unwrap_or(&s.host), index);
        let path = dir.join(&s.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        let judged = match s.language {
            Language::Fr => judged[0],
            Language::En => judged[1],
        };
        if let (Some(kind), Some(line)) = (&s.drift, line) {
            if let Some(rule) = kind.rule(judged) {
                drifts.push(Drift {
                    path: s.path.clone(),
                    kind: kind.name(),
                    rule,
                    line,
                });
            }
        }
    }
    drifts.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        seed,
        documents: specs.len(),
        drifts,
    };
    let json = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    std::fs::write(dir.join("MANIFEST.json"), json + "\n")?;
    Ok(manifest)
}

fn spec(rng: &mut Rng, language: Language, portal: String, host: String, index: usize) -> Spec {
    let markdown = rng.chance(500);
    let folder = match rng.below(3) {
        0 => String::new(),
        1 => format!("part-{}/", index % 7),
        _ => format!("part-{}/set-{}/", index % 7, index % 3),
    };
    let path = format!(
        "{folder}{}-{portal}.{}",
        language.code(),
        if markdown { "md" } else { "txt" }
    );
    Spec {
        language,
        markdown,
        url_own_line: rng.chance(300),
        separator: !markdown && rng.chance(300),
        gap_after_header: if rng.chance(200) { 1 + rng.below(3) } else { 0 },
        gap_in_rows: rng.chance(400).then(|| 1 + rng.below(3)),
        leading_blanks: rng.below(4),
        portal,
        host,
        path,
        drift: None,
    }
}

/// Gives a share of the documents one drift each, cycling through the kinds so that every
/// kind is represented. Judged families get every kind; documents of families too small to
/// be judged get only the kinds checked against another family or the whole corpus.
fn inject(rng: &mut Rng, specs: &mut [Spec], judged: [bool; 2]) {
    let count = specs.len();
    let mut next_kind = 0;
    for index in 0..count {
        if !rng.chance(DRIFT_PER_MILLE) {
            continue;
        }
        let Some(s) = specs.get(index) else { continue };
        let judged = match s.language {
            Language::Fr => judged[0],
            Language::En => judged[1],
        };
        let row = rng.below(4);
        next_kind += 1;
        let mut kind = match next_kind % 9 {
            0 => Kind::Intro,
            1 => Kind::Paragraph([0, 2, 3, 4, 5].get(rng.below(5)).copied().unwrap_or(0)),
            2 => Kind::DropSection,
            3 => Kind::RemoveRow(row),
            4 => Kind::ExtraRow,
            5 => Kind::Provider(row),
            6 => Kind::Purpose(row),
            7 => Kind::Header,
            _ => match copy_source(rng, specs, index) {
                Some(from) => Kind::CopyUrl(from),
                None => Kind::Provider(row),
            },
        };
        // A document whose URL another one copies keeps its URL and its section.
        let is_source = specs
            .iter()
            .any(|o| matches!(o.drift, Some(Kind::CopyUrl(f)) if f == index));
        let keeps_url = is_source && matches!(kind, Kind::CopyUrl(_) | Kind::DropSection);
        if kind.rule(judged).is_none() || keeps_url {
            kind = Kind::Provider(row);
        }
        if let Some(s) = specs.get_mut(index) {
            s.drift = Some(kind);
        }
    }
}

/// Another document in the same language and the other format (so the two texts differ),
/// that names its platform and whose URL is not copied itself.
fn copy_source(rng: &mut Rng, specs: &[Spec], victim: usize) -> Option<usize> {
    let v = specs.get(victim)?;
    let copied: std::collections::HashSet<usize> = specs
        .iter()
        .filter_map(|o| match o.drift {
            Some(Kind::CopyUrl(from)) => Some(from),
            _ => None,
        })
        .collect();
    let candidates: Vec<usize> = specs
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            *i != victim
                && s.language == v.language
                && s.markdown != v.markdown
                && s.portal != v.portal
                && !matches!(s.drift, Some(Kind::CopyUrl(_) | Kind::DropSection))
                && !copied.contains(i)
        })
        .map(|(i, _)| i)
        .collect();
    rng.pick(&candidates).copied()
}

/// Renders a document; returns its text and the line its drift must be reported at.
fn render(t: &Template, s: &Spec, host: &str, index: usize) -> (String, Option<usize>) {
    let mut out = Lines::default();
    let drift = s.drift.as_ref();
    let heading = |level: usize, text: &str| {
        if s.markdown {
            format!("{} {text}", "#".repeat(level))
        } else {
            text.to_owned()
        }
    };
    let mut line = None;
    for _ in 0..s.leading_blanks {
        out.blank();
    }
    out.push(heading(2, &t.title));
    out.blank();
    let intro = match drift {
        Some(Kind::Intro) => t.intro.replace(t.intro_drift.0, t.intro_drift.1),
        _ => t.intro.clone(),
    };
    let at = out.push(intro);
    if drift == Some(&Kind::Intro) {
        line = Some(at);
    }
    out.blank();
    out.push(heading(3, &t.what));
    out.blank();
    for (i, p) in t.paragraphs.iter().enumerate() {
        if drift == Some(&Kind::Paragraph(i)) {
            line = Some(out.push(format!("{p}{}", t.addition)));
        } else {
            out.push(p.clone());
        }
        out.blank();
    }
    let url = format!("<https://{host}>");
    if drift != Some(&Kind::DropSection) {
        let (before, after) = &t.used;
        let at = if s.url_own_line {
            out.push(heading(3, &format!("{before}{after}")));
            out.blank();
            let at = out.push(url);
            out.blank();
            at
        } else {
            let at = out.push(heading(3, &format!("{before} {url}{after}")));
            out.blank();
            at
        };
        if matches!(drift, Some(Kind::CopyUrl(_))) {
            line = Some(at);
        }
    }
    let at = out.push(heading(4, &t.category));
    if drift == Some(&Kind::DropSection) {
        line = Some(at);
    }
    out.blank();
    let header: Vec<String> = t
        .header
        .iter()
        .map(|h| match drift {
            Some(Kind::Header) if h == t.header_drift.0 => t.header_drift.1.to_owned(),
            _ => h.clone(),
        })
        .collect();
    let at = out.push(header.join("\t"));
    if matches!(drift, Some(Kind::Header | Kind::RemoveRow(_))) {
        line = Some(at);
    }
    if s.separator {
        out.push(
            header
                .iter()
                .map(|h| "-".repeat(h.chars().count().max(3)))
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    for _ in 0..s.gap_after_header {
        out.blank();
    }
    for (i, row) in t.rows.iter().enumerate() {
        if s.gap_in_rows == Some(i) {
            out.blank();
        }
        let mut row = row.clone();
        match drift {
            Some(Kind::RemoveRow(r)) if *r == i => continue,
            Some(Kind::Provider(r)) if *r == i => set(&mut row, 0, "Example SA"),
            Some(Kind::Purpose(r)) if *r == i => set(&mut row, 3, t.purpose),
            _ => {}
        }
        let at = out.push(row.join("\t"));
        if matches!(drift, Some(Kind::Provider(r) | Kind::Purpose(r)) if *r == i) {
            line = Some(at);
        }
    }
    if drift == Some(&Kind::ExtraRow) {
        let extra = [
            "Example SA",
            "Audience",
            &format!("_gen_extra_{index}"),
            "To count visits",
        ];
        line = Some(out.push(extra.join("\t")));
    }
    let mut text = out.text;
    // Half the documents end with a line break, half do not (like the corpus).
    if index % 2 == 0 {
        text.push('\n');
    }
    (text, line)
}

fn set(row: &mut [String], column: usize, value: &str) {
    if let Some(cell) = row.get_mut(column) {
        *cell = value.to_owned();
    }
}

/// A text being built line by line, counting lines.
#[derive(Default)]
struct Lines {
    text: String,
    count: usize,
}

impl Lines {
    /// Appends a line; returns its 1-based number.
    fn push(&mut self, line: String) -> usize {
        if self.count > 0 {
            self.text.push('\n');
        }
        self.text.push_str(&line);
        self.count += 1;
        self.count
    }

    fn blank(&mut self) {
        self.push(String::new());
    }
}

/// The generated documents under `dir` (`*.txt`, `*.md`), sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
