//! Property tests: documents generated with known cookies parse back to exactly those
//! cookies in every layout (tab, pipe, HTML; plain text and Markdown), with any line endings
//! and encodings.
//!
//! One generated [`Case`] is a document in the template's wording (French or English):
//! sometimes page furniture before the title, a title, an introduction, "what is a cookie"
//! with its prose, the "cookies used" heading with the platform URL (in the heading or on its
//! own line, bracketed or bare), then one to three category sections (headings numbered or
//! not), each with an optional lead-in and a cookie table of one to six rows, and sometimes
//! a closing section. Every row has a provider, a service (rarely left empty), one to three
//! cookie names in one cell, a purpose and, when the document has that column, a duration
//! (rarely left empty); three column orders are used. The same document is then written five
//! times: plain text with a tab table, plain text with a pipe table, Markdown with a tab table
//! (as the corpus does), Markdown with a pipe table (as the fixtures and the canonical form
//! do) and Markdown with HTML `<table>`s (as pages copied from a CMS do). Each rendering
//! draws its own dashed separator row or not, outer pipes (both, the newer template's `| `
//! ending, trailing only, none), aligned columns, Markdown heading style (ATX from `#`, `##`
//! or `###`, closed or not, or setext), blank lines inside tables, pipe rows broken over two
//! lines, indented tables, tables right under their heading or lead-in, trailing whitespace,
//! line endings (LF, CRLF, CR, mixed per line) and encoding (UTF-8 with or without BOM,
//! UTF-16 LE/BE with or without BOM, Windows-1252). An HTML table draws its own [`HtmlStyle`]:
//! tag case, attributes, header in `<thead>` or not (`<th>` cells, or `<td>` cells known by
//! their words), `<tbody>`, `<caption>`, row headers, the whole table on one line or a line
//! per row, per cell or per tag (a purpose then broken over two lines), indentation, end tags
//! left out, character references (only `&amp;` `&lt;` `&gt;`, by name, by number), names
//! split by `<br>` and in `<code>`.
//!
//! Expected values are written by the generator, never computed with the library: every
//! field is generated in its display form (NFC, single spaces, trimmed) and then written with
//! a slip people make (a double space, decomposed accents, no-break spaces in French
//! typography, spaces around the separators, a `|` escaped as `\|` in pipe cells) that the
//! model must undo. Each rendering is decoded and parsed as the CLI does
//! ([`SourceFile::from_bytes`], then [`parse`]), and every field is compared exactly:
//! encoding, decoded text, line endings, format, preamble, title, platform URL and its
//! placement, introduction, sections (depth, heading, paragraphs), tables (section, layout,
//! category, headers, row count), cookies in order (name, provider, service, purpose,
//! duration, category, section, table, row), the source each cookie name's span covers (the
//! name as written: in HTML with its references and `<code>`), no parse problem, and the
//! model's invariants.
//!
//! The other tests show that the check is not vacuous: altering any expected field of a
//! sample is reported, and the generator produces every variant listed above.
//!
//! Reproducing a failure: the runner uses a fixed seed ([`SEED`]) unless `PROPTEST_RNG_SEED`
//! is set, and `PROPTEST_CASES` overrides the number of cases ([`CASES`]). Failure
//! persistence is off (no file is written into the tree); a failure prints the seed, the
//! rendering, every field that differs, the minimal document with its line endings visible,
//! and the minimal case.
//!
//! Bugs found by this property are kept out of the generator (comments `KNOWN ... BUG`) and
//! pinned by `#[ignore]`d tests at the end of this file, with their minimal inputs; once
//! fixed, the pinned tests stay there as regression tests.

use std::fmt::Debug;

use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};
use proptest::strategy::ValueTree;
use proptest::string::string_regex;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use unicode_normalization::UnicodeNormalization;

use cookielint::model::{invariants, parse, ParseOptions, UrlPlacement};
use cookielint::source::{Encoding, LineEndings, SourceFile, DEFAULT_MAX_FILE_SIZE};
use cookielint::syntax::{Format, TableLayout};
use cookielint::vocab::{Category, ColumnRole};

/// The seed used when `PROPTEST_RNG_SEED` is not set, so that every run checks the same cases.
const SEED: u64 = 0x00C0_0C1E_2025;

/// Cases per run: the module takes about 4 s in a debug build on two cores (a failure and
/// its shrinking about 10 s).
const CASES: u32 = 512;

// ---------------------------------------------------------------------------------------
// What is generated
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Fr,
    En,
}

/// A slip made while writing a text; the display form must not show it.
#[derive(Clone, Copy, Debug)]
enum Slip {
    None,
    /// One space doubled (the one chosen by the index).
    DoubleSpace(Index),
    /// Accents decomposed (NFD), as some editors save them. Not applied in Windows-1252,
    /// which cannot carry combining marks.
    Nfd,
    /// No-break spaces before `:` `;` `?` `!` `»`, after `«` and between a number and its
    /// unit (French typography).
    NoBreakSpaces,
}

/// A text: its display form, and the slip made when writing it.
#[derive(Clone, Debug)]
struct Words {
    shown: String,
    slip: Slip,
}

impl Words {
    fn plain(shown: &str) -> Self {
        Words {
            shown: shown.to_owned(),
            slip: Slip::None,
        }
    }

    /// The text as written in the document.
    fn write(&self, nfd_ok: bool) -> String {
        let shown = self.shown.as_str();
        match self.slip {
            Slip::None => shown.to_owned(),
            Slip::DoubleSpace(index) => {
                let spaces: Vec<usize> = shown.match_indices(' ').map(|(i, _)| i).collect();
                if spaces.is_empty() {
                    return shown.to_owned();
                }
                let at = spaces[index.index(spaces.len())];
                format!("{} {}", &shown[..at], &shown[at..])
            }
            Slip::Nfd if nfd_ok => shown.nfd().collect(),
            Slip::Nfd => shown.to_owned(),
            Slip::NoBreakSpaces => {
                let mut out = String::with_capacity(shown.len());
                let mut previous = ' ';
                let mut chars = shown.chars().peekable();
                while let Some(c) = chars.next() {
                    let next = chars.peek().copied().unwrap_or(' ');
                    let no_break = c == ' '
                        && (matches!(next, ':' | ';' | '?' | '!' | '»')
                            || previous == '«'
                            || previous.is_ascii_digit());
                    out.push(if no_break { '\u{a0}' } else { c });
                    previous = c;
                }
                out
            }
        }
    }
}

/// One table row: the cookies it names and what it says about them.
#[derive(Clone, Debug)]
struct Row {
    names: Vec<String>,
    /// How several names share the cell (`, `, `; `, ` et `, ...).
    joiner: &'static str,
    provider: Words,
    /// An empty display form: the cell is left empty.
    service: Words,
    purpose: Words,
    /// `None`: the cell is left empty (when the document has a duration column).
    duration: Option<Words>,
    /// Blank lines written before the row (after the header or the previous row).
    gap_before: usize,
    /// Spacing around the separators (0, 1 or 2 spaces).
    pad: usize,
    /// In a pipe table with outer pipes, the row is broken over two lines at this space of
    /// its purpose.
    break_at: Option<Index>,
}

/// A category section and its table.
#[derive(Clone, Debug)]
struct Table {
    category: Category,
    heading: Words,
    lead_in: Option<Words>,
    /// No blank line between the table and the block before it (heading or lead-in).
    attached: bool,
    /// Spaces before every line of the table (0 to 3).
    indent: usize,
    rows: Vec<Row>,
}

/// A document.
#[derive(Clone, Debug)]
struct Doc {
    lang: Lang,
    leading_blanks: usize,
    /// Blank lines between blocks.
    spacing: usize,
    /// Headings directly followed by their first paragraph or table, without a blank line.
    tight: bool,
    /// Whitespace left at the end of lines: line `i` ends with `TRAILING[trailing[i % len]]`.
    trailing: Vec<usize>,
    /// Page furniture before the title ("Download as PDF").
    noise: Option<String>,
    title: Words,
    introduction: Vec<Words>,
    what_is: Words,
    what_is_text: Vec<Words>,
    /// The "cookies used" heading, with the URL when it is written in it.
    used: Words,
    url: String,
    /// The URL's own line after the heading, when it is not in the heading.
    url_line: Option<String>,
    used_text: Option<Words>,
    columns: Vec<ColumnRole>,
    headers: Vec<Words>,
    tables: Vec<Table>,
    closing: Option<(Words, Words)>,
    final_newline: bool,
}

/// How headings are marked up in Markdown.
#[derive(Clone, Copy, Debug)]
enum Headings {
    /// `#` for the title (level 1 to 3), one more `#` per level below; with a closing
    /// sequence (`## Title ##`) or not.
    Atx(usize, bool),
    /// `===` and `---` underlines for the title and the sections, `###` for categories.
    Setext,
}

#[derive(Clone, Copy, Debug)]
enum Markup {
    Text,
    Markdown(Headings),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edges {
    /// `| a | b |`
    Both,
    /// `| a | b | ` (the newer template: a space after the last pipe)
    BothSpaceAfter,
    /// `a | b`
    None,
    /// `a | b |`
    TrailingOnly,
}

#[derive(Clone, Copy, Debug)]
enum Grid {
    Tab {
        dashes: bool,
    },
    Pipe {
        /// The style of the dashed separator row, if there is one.
        dashes: Option<usize>,
        edges: Edges,
        /// Cells padded with spaces to the width of their column, as Markdown formatters
        /// do (rows are then never broken).
        aligned: bool,
    },
    /// An HTML `<table>`, only in Markdown (plain text does not read HTML).
    Html(HtmlStyle),
}

/// How an HTML table is written: what real pages vary and the Markdown front end reads
/// (see `src/syntax/html.rs`). Nothing it reports as a problem is written: no nested table,
/// no merged cell (`colspan="1"` merges none), no text outside cells, no row indented into a
/// code block after a blank line.
#[derive(Clone, Copy, Debug)]
struct HtmlStyle {
    /// Tag and attribute names in capitals (`<TABLE>`, `<TD DATA-LABEL="...">`).
    upper: bool,
    /// Attributes on the tags: quoted or not, `>` inside quotes, `data-label` with the
    /// column's header, `colspan="1" rowspan="1"` as editors write them.
    attributes: bool,
    head: Head,
    /// The data rows in `<tbody>`.
    tbody: bool,
    /// A `<caption>` with the section's heading (not read as text of the document).
    caption: bool,
    /// The first cell of each data row a `<th scope="row">`.
    row_headers: bool,
    lines: LinePer,
    /// The indentation of each level of nesting when the table spans several lines.
    step: &'static str,
    /// `</td>`, `</th>`, `</tr>`, `</tbody>` (and `</thead>` before `<tbody>`) written;
    /// HTML lets them be left out, and the front end closes them at the next tag.
    closed: bool,
    entities: Entities,
    /// Several names in a cell separated by this tag (`br`, `br/`, `br /`: `<br>`, ...)
    /// instead of the row's joiner.
    br: Option<&'static str>,
    /// Each name in `<code>`.
    code: bool,
    /// With a line per tag, a blank line before and after each cell's content, which
    /// Markdown then reads as a paragraph, shown in the cell (only when the table's lines
    /// are indented by less than four columns, or they would be code).
    paragraphs: bool,
}

/// How the header row of an HTML table is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    /// In `<thead>`, with `<th>` cells.
    TheadTh,
    /// In `<thead>`, with `<td>` cells.
    TheadTd,
    /// `<th>` cells, without `<thead>`.
    Th,
    /// `<td>` cells without `<thead>`: the header only because its words are header words.
    /// The name column's header always is (the ASCII words of `header_words`, whatever
    /// their case, slip or escape), so the front end takes the row as the header.
    Td,
}

/// What each line of an HTML table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LinePer {
    /// The whole table on one line.
    Table,
    /// A row per line (and a line for each of `<table>`, `<thead>`, ...).
    Row,
    /// A cell per line, the row's tags on lines of their own; a purpose is broken over two
    /// lines at [`Row::break_at`].
    Cell,
    /// Every tag on a line of its own, a cell's content on the lines between them (a
    /// purpose broken over two at [`Row::break_at`]).
    Tag,
}

/// Which characters of a cell are written as character references.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entities {
    /// Only what HTML needs: `&amp;`, `&lt;`, `&gt;`.
    Minimal,
    /// Also quotes, apostrophes, guillemets, no-break spaces and accented letters by name
    /// (`&quot;`, `&#039;`, `&rsquo;`, `&laquo;`, `&nbsp;`, `&eacute;`), as PHP's
    /// `htmlentities` does.
    Named,
    /// Those of `Minimal`, quotes, and every non-ASCII character by number (`&#38;`,
    /// `&#233;`, `&#x2019;`; combining accents of a decomposed text too).
    Numeric,
}

#[derive(Clone, Debug)]
enum Breaks {
    Lf,
    Crlf,
    Cr,
    /// Line `i` ends with `["\n", "\r\n", "\r"][choices[i % len] % 3]`.
    Mixed(Vec<usize>),
}

#[derive(Clone, Copy, Debug)]
enum Storage {
    Utf8,
    Utf8Bom,
    Utf16 { big_endian: bool, bom: bool },
    Windows1252,
}

/// One way of writing the document.
#[derive(Clone, Debug)]
struct Rendering {
    markup: Markup,
    grid: Grid,
    breaks: Breaks,
    storage: Storage,
}

/// A document and the four ways it is written.
#[derive(Clone, Debug)]
struct Case {
    doc: Doc,
    renderings: Vec<Rendering>,
}

// ---------------------------------------------------------------------------------------
// Vocabulary of the template
// ---------------------------------------------------------------------------------------

const TITLES_FR: &[&str] = &[
    "Charte cookies",
    "Charte des cookies",
    "Charte d’utilisation des cookies",
    "Politique de cookies",
];
const TITLES_EN: &[&str] = &["Cookies policy", "Cookie Policy", "Cookie policy"];

const NOISE_FR: &[&str] = &["Télécharger le PDF", "Imprimer", "Retour en haut de page"];
const NOISE_EN: &[&str] = &["Download as PDF", "Print this page", "Back to top"];

const INTRO_FR: &[&str] = &[
    "Afin de vous proposer le meilleur service possible, nous utilisons des cookies pour assurer son bon fonctionnement.",
    "Afin de vous proposer le meilleur service possible nous utilisons des cookies pour assurer son bon fonctionnement.",
];
const INTRO_EN: &[&str] = &[
    "In order to provide you with the best service possible, we use cookies to ensure it functions properly.",
    "In order to provide you with the best service possible, we use cookies to ensure it functions properly, and to perform web analytics.",
];

const WHAT_IS_FR: &[&str] = &[
    "Qu'est-ce qu'un cookie ?",
    "Qu'est ce qu'un cookie ?",
    "Qu’est-ce qu’un cookie ?",
    "Qu'est-ce qu'un « cookie » ?",
];
const WHAT_IS_EN: &[&str] = &["What is a cookie?", "What are cookies?", "What’s a cookie?"];

const WHAT_IS_TEXT_FR: &[&str] = &[
    "Un \"cookie\" est une suite d'informations, généralement de petite taille et identifiée par un nom, qui peut être transmise à votre navigateur par un site web sur lequel vous vous connectez.",
    "Il existe plusieurs types de cookies :",
    "Les cookies « nécessaires », internes, permettent d'enregistrer des informations entre deux consultations d'un même site web sur un même appareil.",
    "Les cookies « statistiques » permettent de suivre les actions d'un internaute sur un site web.",
    "Les cookies dits « tiers » sont des cookies déposés par (ou pour) un site B sur un site A.",
];
const WHAT_IS_TEXT_EN: &[&str] = &[
    "A cookie is a generally small piece of data identified by a name that may be sent to your browser by a website you are visiting.",
    "Several types of cookies exist:",
    "“Necessary” internal cookies allow information to be saved between two visits to the same website by the same device.",
    "“Statistical” cookies make it possible to track an Internet user's actions on a website.",
    "“Third-party” cookies are cookies stored by (or for) a Website B on Website A.",
];

/// "Cookies used" headings: with `{url}` where the URL goes, and without it.
const USED_FR: &[(&str, &str)] = &[
    (
        "A quoi servent les cookies sur la plateforme {url}",
        "A quoi servent les cookies sur la plateforme",
    ),
    (
        "À quoi servent les cookies sur la plateforme {url}",
        "À quoi servent les cookies sur la plateforme",
    ),
    (
        "Quels cookies sont utilisés sur la plateforme {url}",
        "Quels cookies sont utilisés sur la plateforme",
    ),
];
const USED_EN: &[(&str, &str)] = &[
    (
        "What cookies are used on the {url} platform",
        "What cookies are used on the platform",
    ),
    (
        "What cookies are used on the platform {url}",
        "What cookies are used on the platform",
    ),
    (
        "What are cookies used for on the platform {url}",
        "What are cookies used for on the platform",
    ),
];

const USED_TEXT_FR: &str =
    "Les cookies utilisés sur la plateforme sont listés ci-dessous, par catégorie.";
const USED_TEXT_EN: &str = "The cookies used on the platform are listed below, by category.";

/// The headings of a category section.
fn category_headings(category: Category, lang: Lang) -> &'static [&'static str] {
    match (category, lang) {
        (Category::Necessary, Lang::Fr) => &[
            "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels",
            "Cookies strictement nécessaires",
            "Cookies nécessaires",
        ],
        (Category::Necessary, Lang::En) => &[
            "Cookies necessary for the platform to function properly/functionality cookies",
            "Strictly necessary cookies",
            "Necessary cookies",
        ],
        (Category::Functional, Lang::Fr) => &["Cookies fonctionnels", "Cookies de préférences"],
        (Category::Functional, Lang::En) => &["Functional cookies", "Preference cookies"],
        (Category::Analytics, Lang::Fr) => &[
            "Cookies statistiques",
            "Cookies de mesure d'audience",
            "Cookies de mesure d’audience",
        ],
        (Category::Analytics, Lang::En) => &[
            "Analytics cookies",
            "Audience measurement cookies",
            "Statistics cookies",
        ],
        (Category::Advertising, Lang::Fr) => &["Cookies publicitaires", "Cookies de ciblage"],
        (Category::Advertising, Lang::En) => &["Advertising cookies", "Targeting cookies"],
        (Category::Social, Lang::Fr) => &["Cookies de réseaux sociaux"],
        (Category::Social, Lang::En) => &["Social media cookies"],
        (Category::Other, Lang::Fr) => &["Autres cookies"],
        (Category::Other, Lang::En) => &["Other cookies"],
    }
}

const LEAD_IN_FR: &[&str] = &[
    "Ces cookies sont déposés par la plateforme et par ses prestataires.",
    "Les cookies suivants sont utilisés :",
];
const LEAD_IN_EN: &[&str] = &[
    "These cookies are set by the platform and by its providers.",
    "The following cookies are used:",
];

const CLOSING_FR: &[(&str, &str)] = &[
    (
        "Gestion des cookies",
        "Vous pouvez modifier vos choix à tout moment depuis le bandeau de la plateforme.",
    ),
    (
        "Nous contacter",
        "Pour toute question, écrivez au délégué à la protection des données.",
    ),
];
const CLOSING_EN: &[(&str, &str)] = &[
    (
        "Managing cookies",
        "You can change your choices at any time from the platform's cookie banner.",
    ),
    (
        "Contact",
        "For any question, write to the data protection officer.",
    ),
];

/// Column header wordings of a role.
fn header_words(role: ColumnRole, lang: Lang) -> &'static [&'static str] {
    match (role, lang) {
        (ColumnRole::Provider, Lang::Fr) => &["Nom du prestataire", "Prestataire", "Fournisseur"],
        (ColumnRole::Provider, Lang::En) => &[
            "Service provider's name",
            "Service provider’s name",
            "Supplier name",
            "Provider",
        ],
        (ColumnRole::Service, Lang::Fr) => &["Service et emplacement", "Fonction et emplacement"],
        (ColumnRole::Service, Lang::En) => {
            &["Function and location", "Service and location", "Service"]
        }
        (ColumnRole::Name, Lang::Fr) => &["Nom du cookies", "Nom du cookie", "Nom des cookies"],
        (ColumnRole::Name, Lang::En) => &["Cookie name(s)", "Cookie name", "Cookie names"],
        (ColumnRole::Purpose, Lang::Fr) => &["Finalités", "Finalité"],
        (ColumnRole::Purpose, Lang::En) => &["Purposes", "Purpose", "Function"],
        (ColumnRole::Duration, Lang::Fr) => &["Durée", "Durée de conservation", "Durée de vie"],
        (ColumnRole::Duration, Lang::En) => {
            &["Duration", "Expiration", "Expiry", "Retention period"]
        }
        _ => &["?"],
    }
}

/// Column orders seen in the template and its variants (the name before the provider, the
/// duration before the purpose); the duration column is dropped when the document has none.
const ORDERS: &[[ColumnRole; 5]] = &[
    [
        ColumnRole::Provider,
        ColumnRole::Service,
        ColumnRole::Name,
        ColumnRole::Purpose,
        ColumnRole::Duration,
    ],
    [
        ColumnRole::Name,
        ColumnRole::Provider,
        ColumnRole::Service,
        ColumnRole::Purpose,
        ColumnRole::Duration,
    ],
    [
        ColumnRole::Provider,
        ColumnRole::Service,
        ColumnRole::Name,
        ColumnRole::Duration,
        ColumnRole::Purpose,
    ],
];

// Services and durations may start with a column header's words ("Service de ...", "Durée de
// ...", "Expires after ..."): a row after a blank line with several such cells is still a row
// (see `row_after_a_gap_with_header_like_cells`).

const PROVIDERS: &[&str] = &[
    "Opendatasoft",
    "Google",
    "Google Analytics",
    "Matomo",
    "Hotjar",
    "Meta",
    "Microsoft",
    "Axeptio",
    "Didomi",
    "AT Internet",
    "Exemple SA",
    "Example SA",
];

const SERVICES_FR: &[&str] = &[
    "Authentification",
    "Sélection de la langue",
    "API (CSRF)",
    "Choix concernant vos préférences sur les cookies",
    "Mesure d'audience",
    "Carte interactive",
    "Vidéos intégrées",
    "Partage sur les réseaux sociaux",
    "Équilibrage de charge",
    "Formulaire de contact",
    "Cœur de la plateforme",
    "Service de cartographie",
];
const SERVICES_EN: &[&str] = &[
    "Authentication",
    "Language selection",
    "API (CSRF)",
    "Choices related to your cookie preferences",
    "Audience measurement",
    "Interactive map",
    "Embedded videos",
    "Social sharing",
    "Load balancing",
    "Contact form",
    "Service status page",
];
const PLACES_FR: &[&str] = &[
    "",
    " (front et back office)",
    " (front office)",
    " (back office)",
];
const PLACES_EN: &[&str] = &[
    "",
    " (front and back office)",
    " (front office)",
    " (back office)",
];

const PURPOSES_FR: &[&str] = &[
    "Se souvenir de l'utilisateur d'une page à une autre",
    "Se souvenir de la langue du visiteur",
    "Récupérer des données via des appels API",
    "Se souvenir du choix opéré par le visiteur concernant les cookies",
    "Mesurer l'audience de la plateforme",
    "Distinguer les visiteurs uniques",
    "Enregistrer la durée d'une visite",
    "Répartir la charge entre les serveurs",
    "Afficher les vidéos intégrées",
    "Protéger les formulaires contre les attaques CSRF",
    "Conserver l'état de la carte (zoom, position)",
    "Statistiques : mesurer le nombre de pages vues",
    "Éviter d'afficher à nouveau le bandeau « cookies »",
    "Afficher le bandeau \"cookies\" une seule fois",
    "Mesurer l'audience (voir https://policies.google.com/privacy)",
    "Choisir l'affichage (tableau | carte)",
];
const PURPOSES_EN: &[&str] = &[
    "To remember the user from one page to another",
    "To remember the visitor's language",
    "To retrieve data via API calls",
    "To remember the visitor's cookie preferences",
    "To measure the platform's audience",
    "To distinguish unique visitors",
    "To record the length of a visit",
    "To balance the load between servers",
    "To display embedded videos",
    "To protect forms against CSRF attacks",
    "To keep the state of the map (zoom, position)",
    "Statistics: counts the pages viewed",
    "Avoids showing the “cookies” banner again",
    "Shows the \"cookies\" banner only once",
    "To measure the audience (see <https://policies.google.com/privacy>)",
    "To choose the view (table | map)",
];

const DURATIONS_FR: &[&str] = &[
    "13 mois",
    "Session",
    "1 an",
    "6 mois",
    "30 minutes",
    "2 semaines",
    "Fin de la session",
    "24 heures",
    "365 jours",
    "Jusqu'à 12 mois",
    "Durée de la session",
];
const DURATIONS_EN: &[&str] = &[
    "13 months",
    "Session",
    "1 year",
    "6 months",
    "30 minutes",
    "2 weeks",
    "Until the end of the session",
    "24 hours",
    "2 weeks by default",
    "Token reset between two sessions. Up to 12 months",
    "Expires after 13 months",
];

const KNOWN_NAMES: &[&str] = &[
    "_ga",
    "_gid",
    "_gat",
    "PHPSESSID",
    "JSESSIONID",
    "django_language",
    "has_js",
    "cookie-consent",
    "sessionid",
    "csrftoken",
    "cookies_preferences",
    "_fbp",
    "IDE",
    "NID",
    "_hjid",
    "__cf_bm",
    "ods.session",
    "_pk_id.*",
    "_pk_ses.*",
    "_pk_ses.{num}",
    "SSESS<hash>",
    "1P_JAR",
    "__Secure-3PSID",
];

/// Whitespace left at the end of a line.
const TRAILING: &[&str] = &["", " ", "  ", "\t", " \t"];

// ---------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    select(items).prop_map(str::to_owned)
}

fn lang_pick(
    lang: Lang,
    fr: &'static [&'static str],
    en: &'static [&'static str],
) -> BoxedStrategy<String> {
    pick(match lang {
        Lang::Fr => fr,
        Lang::En => en,
    })
    .boxed()
}

fn slip() -> impl Strategy<Value = Slip> {
    prop_oneof![
        6 => Just(Slip::None),
        1 => any::<Index>().prop_map(Slip::DoubleSpace),
        1 => Just(Slip::Nfd),
        1 => Just(Slip::NoBreakSpaces),
    ]
}

fn words(shown: impl Strategy<Value = String>) -> impl Strategy<Value = Words> {
    (shown, slip()).prop_map(|(shown, slip)| Words { shown, slip })
}

/// Prose paragraphs of a pool, in order.
fn paragraphs(pool: &'static [&'static str], min: usize) -> impl Strategy<Value = Vec<Words>> {
    subsequence(pool, min..=pool.len()).prop_flat_map(|chosen| {
        chosen
            .into_iter()
            .map(|p| words(Just(p.to_owned())))
            .collect::<Vec<_>>()
    })
}

/// A cookie name: well-known names, Matomo, Hotjar and GA4 names with their generated parts,
/// and identifiers made of lower-case words, digits, `_`, `-` and `.`.
fn cookie_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pick(KNOWN_NAMES),
        1 => (0u8..10, "[0-9a-f]{4}").prop_map(|(site, hash)| format!("_pk_id.{site}.{hash}")),
        1 => (0u8..10, "[0-9a-f]{4}").prop_map(|(site, hash)| format!("_pk_ses.{site}.{hash}")),
        1 => "[0-9]{6,8}".prop_map(|id| format!("_hjSessionUser_{id}")),
        1 => "[A-Z0-9]{8,10}".prop_map(|id| format!("_ga_{id}")),
        4 => string_regex("_{0,2}[a-z][a-z0-9]{1,7}([_.-][a-z0-9]{1,6}){1,3}").unwrap(),
    ]
}

/// A purpose: one or two of the template's purposes, with or without a final period, with
/// straight or curly apostrophes.
fn purpose(lang: Lang) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(lang_pick(lang, PURPOSES_FR, PURPOSES_EN), 1..=2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(parts, period, curly)| {
            let mut text = parts[0].clone();
            if let Some(second) = parts.get(1) {
                let mut chars = second.chars();
                let first: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_lowercase)
                    .collect();
                text = format!("{text}, {first}{}", chars.as_str());
            }
            if period {
                text.push('.');
            }
            if curly {
                text = text.replace('\'', "’");
            }
            text
        })
}

fn row(lang: Lang) -> impl Strategy<Value = Row> {
    let names = prop_oneof![
        6 => prop::collection::vec(cookie_name(), 1..=1),
        1 => prop::collection::vec(cookie_name(), 2..=3),
    ];
    let joiners: &'static [&'static str] = match lang {
        Lang::Fr => &[", ", ",", "; ", " ; ", " et ", " / "],
        Lang::En => &[", ", ",", "; ", " and ", " / "],
    };
    let provider = prop_oneof![
        4 => pick(PROVIDERS),
        1 => "[A-Z][a-z]{3,9}( SA| SAS)?",
    ];
    let service = prop_oneof![
        19 => (
            lang_pick(lang, SERVICES_FR, SERVICES_EN),
            lang_pick(lang, PLACES_FR, PLACES_EN),
        )
            .prop_map(|(service, place)| format!("{service}{place}")),
        1 => Just(String::new()),
    ];
    let duration = prop_oneof![
        9 => words(lang_pick(lang, DURATIONS_FR, DURATIONS_EN)).prop_map(Some),
        1 => Just(None),
    ];
    let gap = prop_oneof![8 => Just(0usize), 2 => Just(1usize), 1 => 2usize..=3];
    (
        names,
        select(joiners),
        words(provider),
        words(service),
        words(purpose(lang)),
        duration,
        gap,
        0usize..=2,
        prop::option::weighted(0.2, any::<Index>()),
    )
        .prop_map(
            |(names, joiner, provider, service, purpose, duration, gap_before, pad, break_at)| {
                Row {
                    names,
                    joiner,
                    provider,
                    service,
                    purpose,
                    duration,
                    gap_before,
                    pad,
                    break_at,
                }
            },
        )
}

fn table(lang: Lang, category: Category) -> impl Strategy<Value = Table> {
    (
        words(pick(category_headings(category, lang))),
        prop::option::weighted(0.3, words(lang_pick(lang, LEAD_IN_FR, LEAD_IN_EN))),
        prop::bool::weighted(0.2),
        prop_oneof![6 => Just(0usize), 1 => 1usize..=3],
        prop::collection::vec(row(lang), 1..=6),
    )
        .prop_map(move |(heading, lead_in, attached, indent, rows)| Table {
            category,
            heading,
            lead_in,
            attached,
            indent,
            rows,
        })
}

fn url() -> impl Strategy<Value = String> {
    (
        select(&["https", "https", "http"][..]),
        select(&["opendata", "data", "donnees", "portail"][..]),
        "[a-z]{3,12}(-[a-z]{3,8})?",
        select(&["fr", "com", "org", "net", "eu"][..]),
        select(&["", "", "/"][..]),
    )
        .prop_map(|(scheme, sub, name, tld, slash)| format!("{scheme}://{sub}.{name}.{tld}{slash}"))
}

/// Where the platform URL is written.
#[derive(Clone, Copy, Debug)]
enum UrlPlace {
    Heading { brackets: bool },
    OwnLine { brackets: bool },
}

/// A column header, sometimes in capitals.
fn header(role: ColumnRole, lang: Lang) -> impl Strategy<Value = Words> {
    words(
        (pick(header_words(role, lang)), prop::bool::weighted(0.15)).prop_map(|(h, upper)| {
            if upper {
                h.to_uppercase()
            } else {
                h
            }
        }),
    )
}

fn doc_in(lang: Lang) -> impl Strategy<Value = Doc> {
    let (titles, noise, intros, what_is, what_is_text, used, used_text, closings) = match lang {
        Lang::Fr => (
            TITLES_FR,
            NOISE_FR,
            INTRO_FR,
            WHAT_IS_FR,
            WHAT_IS_TEXT_FR,
            USED_FR,
            USED_TEXT_FR,
            CLOSING_FR,
        ),
        Lang::En => (
            TITLES_EN,
            NOISE_EN,
            INTRO_EN,
            WHAT_IS_EN,
            WHAT_IS_TEXT_EN,
            USED_EN,
            USED_TEXT_EN,
            CLOSING_EN,
        ),
    };
    let url_place = prop_oneof![
        Just(UrlPlace::Heading { brackets: true }),
        Just(UrlPlace::Heading { brackets: false }),
        Just(UrlPlace::OwnLine { brackets: true }),
        Just(UrlPlace::OwnLine { brackets: false }),
    ];
    let trailing = prop::collection::vec(
        prop_oneof![12 => Just(0usize), 1 => 1..TRAILING.len()],
        1..8,
    );
    let shape = (
        0usize..=3,
        1usize..=2,
        prop::bool::weighted(0.25),
        trailing,
        prop::option::weighted(0.15, pick(noise)),
        prop::bool::weighted(0.25),
        any::<bool>(),
    );
    let top = (
        words(pick(titles)),
        paragraphs(intros, 0).prop_map(|mut p| {
            p.truncate(1);
            p
        }),
        words(pick(what_is)),
        paragraphs(what_is_text, 1),
        (select(used), url(), url_place, slip()),
        prop::option::of(words(Just(used_text.to_owned()))),
    );
    let columns = (select(ORDERS), any::<bool>()).prop_flat_map(move |(order, duration)| {
        let columns: Vec<ColumnRole> = order
            .iter()
            .copied()
            .filter(|r| duration || *r != ColumnRole::Duration)
            .collect();
        let headers: Vec<_> = columns.iter().map(|r| header(*r, lang)).collect();
        (Just(columns), headers)
    });
    let tables = subsequence(Category::ALL.to_vec(), 1..=3).prop_flat_map(move |categories| {
        categories
            .into_iter()
            .map(|c| table(lang, c))
            .collect::<Vec<_>>()
    });
    let closing = prop::option::weighted(
        0.3,
        select(closings).prop_flat_map(|(heading, text)| {
            (
                words(Just(heading.to_owned())),
                words(Just(text.to_owned())),
            )
        }),
    );
    (shape, top, columns, tables, closing).prop_map(
        move |(shape, top, (columns, headers), tables, closing)| {
            let (leading_blanks, spacing, tight, trailing, noise, numbered, final_newline) = shape;
            let (title, introduction, what_is, what_is_text, used, used_text) = top;
            let ((with_url, without_url), url, place, used_slip) = used;
            let written_url = |brackets: bool| {
                if brackets {
                    format!("<{url}>")
                } else {
                    url.clone()
                }
            };
            let (used_shown, url_line) = match place {
                UrlPlace::Heading { brackets } => {
                    (with_url.replace("{url}", &written_url(brackets)), None)
                }
                UrlPlace::OwnLine { brackets } => {
                    (without_url.to_owned(), Some(written_url(brackets)))
                }
            };
            let mut doc = Doc {
                lang,
                leading_blanks,
                spacing,
                tight,
                trailing,
                noise,
                title,
                introduction,
                what_is,
                what_is_text,
                used: Words {
                    shown: used_shown,
                    slip: used_slip,
                },
                url,
                url_line,
                used_text,
                columns,
                headers,
                tables,
                closing,
                final_newline,
            };
            if numbered {
                number_headings(&mut doc);
            }
            doc
        },
    )
}

/// Numbers the section headings as some portals do: `1.`, `2.`, `2.1.`, `2.2.`, `3.`.
fn number_headings(doc: &mut Doc) {
    let number = |words: &mut Words, number: &str| {
        words.shown = format!("{number} {}", words.shown);
    };
    number(&mut doc.what_is, "1.");
    number(&mut doc.used, "2.");
    for (i, table) in doc.tables.iter_mut().enumerate() {
        number(&mut table.heading, &format!("2.{}.", i + 1));
    }
    if let Some((heading, _)) = &mut doc.closing {
        number(heading, "3.");
    }
}

fn breaks() -> BoxedStrategy<Breaks> {
    prop_oneof![
        Just(Breaks::Lf),
        Just(Breaks::Crlf),
        Just(Breaks::Cr),
        prop::collection::vec(0usize..3, 2..12).prop_map(Breaks::Mixed),
    ]
    .boxed()
}

fn storage() -> impl Strategy<Value = Storage> {
    prop_oneof![
        2 => Just(Storage::Utf8),
        1 => Just(Storage::Utf8Bom),
        1 => (any::<bool>(), any::<bool>())
            .prop_map(|(big_endian, bom)| Storage::Utf16 { big_endian, bom }),
        2 => Just(Storage::Windows1252),
    ]
}

fn edges() -> impl Strategy<Value = Edges> {
    prop_oneof![
        Just(Edges::Both),
        Just(Edges::BothSpaceAfter),
        Just(Edges::None),
        Just(Edges::TrailingOnly),
    ]
}

fn headings_style() -> impl Strategy<Value = Headings> {
    prop_oneof![
        (1usize..=3, prop::bool::weighted(0.2))
            .prop_map(|(title, closed)| Headings::Atx(title, closed)),
        Just(Headings::Setext),
    ]
}

/// The five renderings: text and Markdown, tab and pipe tables, and Markdown with HTML
/// tables.
fn renderings() -> impl Strategy<Value = Vec<Rendering>> {
    let tab = || {
        any::<bool>()
            .prop_map(|dashes| Grid::Tab { dashes })
            .boxed()
    };
    let pipe = || {
        (
            prop::option::of(0usize..3),
            edges(),
            prop::bool::weighted(0.25),
        )
            .prop_map(|(dashes, edges, aligned)| Grid::Pipe {
                dashes,
                edges,
                aligned,
            })
            .boxed()
    };
    let html = || {
        let heads = &[Head::TheadTh, Head::TheadTd, Head::Th, Head::Td][..];
        let lines = &[LinePer::Table, LinePer::Row, LinePer::Cell, LinePer::Tag][..];
        let entities = &[Entities::Minimal, Entities::Named, Entities::Numeric][..];
        (
            (
                prop::bool::weighted(0.2),
                any::<bool>(),
                select(heads),
                any::<bool>(),
                prop::bool::weighted(0.2),
                prop::bool::weighted(0.2),
            ),
            (
                select(lines),
                select(&["", "  ", "  ", "    ", "\t"][..]),
                prop::bool::weighted(0.7),
                select(entities),
                prop::option::weighted(0.3, select(&["br", "br/", "br /"][..])),
                prop::bool::weighted(0.3),
                prop::bool::weighted(0.3),
            ),
        )
            .prop_map(|(tags, layout)| {
                let (upper, attributes, head, tbody, caption, row_headers) = tags;
                let (lines, step, closed, entities, br, code, paragraphs) = layout;
                Grid::Html(HtmlStyle {
                    upper,
                    attributes,
                    head,
                    tbody,
                    caption,
                    row_headers,
                    lines,
                    step,
                    closed,
                    entities,
                    br,
                    code,
                    paragraphs,
                })
            })
            .boxed()
    };
    let rendering = |markup: BoxedStrategy<Markup>,
                     grid: BoxedStrategy<Grid>,
                     breaks: BoxedStrategy<Breaks>| {
        (markup, grid, breaks, storage()).prop_map(|(markup, grid, breaks, storage)| Rendering {
            markup,
            grid,
            breaks,
            storage,
        })
    };
    let text = || Just(Markup::Text).boxed();
    let markdown = || headings_style().prop_map(Markup::Markdown).boxed();
    vec![
        rendering(text(), tab(), breaks()),
        rendering(text(), pipe(), breaks()),
        rendering(markdown(), tab(), breaks()),
        rendering(markdown(), pipe(), breaks()),
        rendering(markdown(), html(), breaks()),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop_oneof![Just(Lang::Fr), Just(Lang::En)].prop_flat_map(doc_in),
        renderings(),
    )
        .prop_map(|(doc, renderings)| Case { doc, renderings })
}

// ---------------------------------------------------------------------------------------
// Writing a document out
// ---------------------------------------------------------------------------------------

/// A rendering written out: the text, its bytes, and what decoding them must report.
struct Written {
    name: &'static str,
    text: String,
    bytes: Vec<u8>,
    encoding: Encoding,
    line_endings: LineEndings,
}

/// The cells of a row in the document's column order, as written (pipes not yet escaped).
fn cells(doc: &Doc, row: &Row, nfd_ok: bool) -> Vec<String> {
    doc.columns
        .iter()
        .map(|role| match role {
            ColumnRole::Provider => row.provider.write(nfd_ok),
            ColumnRole::Service => row.service.write(nfd_ok),
            ColumnRole::Name => row.names.join(row.joiner),
            ColumnRole::Purpose => row.purpose.write(nfd_ok),
            ColumnRole::Duration => row
                .duration
                .as_ref()
                .map(|d| d.write(nfd_ok))
                .unwrap_or_default(),
            _ => String::new(),
        })
        .collect()
}

fn pipe_line(cells: &[String], edges: Edges, pad: usize) -> String {
    let space = " ".repeat(pad);
    let body = cells.join(&format!("{space}|{space}"));
    match edges {
        Edges::Both => format!("|{space}{body}{space}|"),
        Edges::BothSpaceAfter => format!("|{space}{body}{space}| "),
        Edges::None => body,
        Edges::TrailingOnly => format!("{body}{space}|"),
    }
}

fn table_lines(doc: &Doc, table: &Table, grid: Grid, nfd_ok: bool, out: &mut Vec<String>) {
    let headers: Vec<String> = doc.headers.iter().map(|h| h.write(nfd_ok)).collect();
    let mut lines: Vec<String> = Vec::new();
    match grid {
        Grid::Tab { dashes } => {
            lines.push(headers.join("\t"));
            if dashes {
                let dashes: Vec<String> = headers
                    .iter()
                    .map(|h| "-".repeat(h.chars().count().max(3)))
                    .collect();
                lines.push(dashes.join("\t"));
            }
            for row in &table.rows {
                lines.extend(std::iter::repeat_n(String::new(), row.gap_before));
                let separator = ["\t", " \t", "\t "][row.pad];
                lines.push(cells(doc, row, nfd_ok).join(separator));
            }
        }
        Grid::Pipe {
            dashes,
            edges,
            aligned,
        } => {
            let rows: Vec<Vec<String>> = table
                .rows
                .iter()
                .map(|row| {
                    cells(doc, row, nfd_ok)
                        .iter()
                        .map(|c| c.replace('|', "\\|"))
                        .collect()
                })
                .collect();
            let widths: Vec<usize> = (0..headers.len())
                .map(|c| {
                    rows.iter()
                        .chain(std::iter::once(&headers))
                        .map(|r| r.get(c).map_or(0, |cell| cell.chars().count()))
                        .max()
                        .unwrap_or(0)
                        .max(3)
                })
                .collect();
            let align = |cells: &[String]| -> Vec<String> {
                if !aligned {
                    return cells.to_vec();
                }
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(cell, width)| {
                        let fill = width.saturating_sub(cell.chars().count());
                        format!("{cell}{}", " ".repeat(fill))
                    })
                    .collect()
            };
            lines.push(pipe_line(&align(&headers), edges, 1));
            if let Some(style) = dashes {
                let dashes: Vec<String> = widths
                    .iter()
                    .map(|width| {
                        let dashes = if aligned { *width } else { 3 };
                        match style {
                            0 => "-".repeat(dashes),
                            1 => format!(" {} ", "-".repeat(dashes)),
                            _ => format!(":{}", "-".repeat(dashes)),
                        }
                    })
                    .collect();
                lines.push(pipe_line(&dashes, edges, 0));
            }
            let purpose = doc.columns.iter().position(|r| *r == ColumnRole::Purpose);
            for (row, cells) in table.rows.iter().zip(&rows) {
                lines.extend(std::iter::repeat_n(String::new(), row.gap_before));
                let pad = if aligned { 1 } else { row.pad };
                let broken = match (row.break_at, purpose) {
                    (Some(at), Some(p)) if !aligned => break_row(cells, p, at, edges, pad),
                    _ => None,
                };
                match broken {
                    Some((first, second)) => {
                        lines.push(first);
                        lines.push(second);
                    }
                    None => lines.push(pipe_line(&align(cells), edges, pad)),
                }
            }
        }
        Grid::Html(style) => lines = html_table_lines(doc, table, style, nfd_ok),
    }
    let indent = " ".repeat(table.indent);
    out.extend(lines.into_iter().map(|line| {
        if line.is_empty() {
            line
        } else {
            format!("{indent}{line}")
        }
    }));
}

/// A pipe row with outer pipes broken over two lines at a space of cell `p` (a row opened
/// with a pipe and not closed continues on the next line).
fn break_row(
    cells: &[String],
    p: usize,
    at: Index,
    edges: Edges,
    pad: usize,
) -> Option<(String, String)> {
    let close = match edges {
        Edges::Both => "|",
        Edges::BothSpaceAfter => "| ",
        Edges::None | Edges::TrailingOnly => return None,
    };
    let cell = cells.get(p)?;
    let spaces: Vec<usize> = cell.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.is_empty() {
        return None;
    }
    let split = spaces[at.index(spaces.len())];
    let (head, tail) = (cell[..split].trim_end(), cell[split..].trim_start());
    if head.is_empty() || tail.is_empty() {
        return None;
    }
    let space = " ".repeat(pad);
    let separator = format!("{space}|{space}");
    let mut first: Vec<&str> = cells[..p].iter().map(String::as_str).collect();
    first.push(head);
    let mut second: Vec<&str> = vec![tail];
    second.extend(cells[p + 1..].iter().map(String::as_str));
    let second = format!("{}{space}{close}", second.join(&separator));
    Some((format!("|{space}{}", first.join(&separator)), second))
}

/// A character reference by name, in the [`Entities::Named`] style.
fn named_entity(c: char) -> Option<&'static str> {
    Some(match c {
        '"' => "&quot;",
        '\'' => "&#039;",
        '\u{a0}' => "&nbsp;",
        '«' => "&laquo;",
        '»' => "&raquo;",
        '’' => "&rsquo;",
        '“' => "&ldquo;",
        '”' => "&rdquo;",
        'à' => "&agrave;",
        'â' => "&acirc;",
        'ç' => "&ccedil;",
        'é' => "&eacute;",
        'è' => "&egrave;",
        'ê' => "&ecirc;",
        'ë' => "&euml;",
        'î' => "&icirc;",
        'ï' => "&iuml;",
        'ô' => "&ocirc;",
        'ù' => "&ugrave;",
        'û' => "&ucirc;",
        'œ' => "&oelig;",
        'À' => "&Agrave;",
        'É' => "&Eacute;",
        _ => return None,
    })
}

/// Text as written in an HTML cell: `&`, `<` and `>` always escaped, other characters as
/// the style says. A reader sees `text` again.
fn escape_html(text: &str, entities: Entities) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        match (c, entities) {
            ('&' | '<' | '>' | '"' | '\'', Entities::Numeric) => {
                out.push_str(&format!("&#{code};"))
            }
            (_, Entities::Numeric) if !c.is_ascii() && code < 0x100 => {
                out.push_str(&format!("&#{code};"));
            }
            (_, Entities::Numeric) if !c.is_ascii() => out.push_str(&format!("&#x{code:X};")),
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            (_, Entities::Named) => match named_entity(c) {
                Some(entity) => out.push_str(entity),
                None => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out
}

/// A tag or attribute name in the style's case.
fn html_name(style: &HtmlStyle, name: &str) -> String {
    if style.upper {
        name.to_uppercase()
    } else {
        name.to_owned()
    }
}

/// A start tag, with its attributes (values as written, quotes included) when the style
/// writes them.
fn start_tag(style: &HtmlStyle, name: &str, attributes: &[(&str, String)]) -> String {
    let mut tag = format!("<{}", html_name(style, name));
    if style.attributes {
        for (attribute, value) in attributes {
            tag.push_str(&format!(" {}={value}", html_name(style, attribute)));
        }
    }
    tag.push('>');
    tag
}

fn end_tag(style: &HtmlStyle, name: &str) -> String {
    format!("</{}>", html_name(style, name))
}

/// A cookie name as written in an HTML name cell (what its span must cover).
fn html_cookie_name(style: &HtmlStyle, name: &str) -> String {
    let name = escape_html(name, style.entities);
    if style.code {
        format!(
            "{}{name}{}",
            start_tag(style, "code", &[]),
            end_tag(style, "code")
        )
    } else {
        name
    }
}

/// Columns of indentation (a tab reaches the next multiple of four).
fn indent_columns(indent: &str) -> usize {
    indent
        .chars()
        .fold(0, |at, c| if c == '\t' { at / 4 * 4 + 4 } else { at + 1 })
}

/// One line of an HTML table: its level of nesting and its text.
struct HtmlLine {
    level: usize,
    text: String,
    /// Blank lines before it (before a data row, around a cell's paragraph).
    gap_before: usize,
}

/// A cell: its start tag, its content (in one or two parts, or none), its end tag.
type HtmlCell = (String, Vec<String>, Option<String>);

/// The lines of an HTML table, as they are written.
struct HtmlWriter<'s> {
    style: &'s HtmlStyle,
    lines: Vec<HtmlLine>,
    /// Cells' content written as paragraphs, between blank lines.
    paragraphs: bool,
    /// Blank lines to write before the next line.
    pending: usize,
}

impl HtmlWriter<'_> {
    fn push(&mut self, level: usize, text: String, gap_before: usize) {
        self.lines.push(HtmlLine {
            level,
            text,
            gap_before: gap_before + std::mem::take(&mut self.pending),
        });
    }

    /// The end tag of `name`, unless the style leaves it out.
    fn close(&self, name: &str) -> Option<String> {
        self.style.closed.then(|| end_tag(self.style, name))
    }

    fn row(&mut self, level: usize, open: String, cells: Vec<HtmlCell>, gap_before: usize) {
        let end = self.close("tr");
        match self.style.lines {
            LinePer::Table | LinePer::Row => {
                let mut text = open;
                for (open, parts, end) in cells {
                    text.push_str(&open);
                    text.push_str(&parts.join(" "));
                    text.extend(end);
                }
                text.extend(end);
                self.push(level, text, gap_before);
                return;
            }
            LinePer::Cell => {
                self.push(level, open, gap_before);
                for (open, parts, end) in cells {
                    // The first part on the start tag's line, the end tag after the last.
                    let mut parts = parts.into_iter();
                    let mut line = (level + 1, open + &parts.next().unwrap_or_default());
                    for part in parts {
                        let (level, text) = std::mem::replace(&mut line, (level + 2, part));
                        self.push(level, text, 0);
                    }
                    let (level, mut text) = line;
                    text.extend(end);
                    self.push(level, text, 0);
                }
            }
            LinePer::Tag => {
                self.push(level, open, gap_before);
                for (open, parts, end) in cells {
                    self.push(level + 1, open, 0);
                    let blank = usize::from(self.paragraphs && !parts.is_empty());
                    self.pending = blank;
                    for part in parts {
                        self.push(level + 2, part, 0);
                    }
                    self.pending = blank;
                    if let Some(end) = end {
                        self.push(level + 1, end, 0);
                    }
                }
            }
        }
        if let Some(end) = end {
            self.push(level, end, 0);
        }
    }
}

/// The lines of a table written as HTML (without the table's own indentation).
fn html_table_lines(doc: &Doc, table: &Table, style: HtmlStyle, nfd_ok: bool) -> Vec<String> {
    let s = &style;
    let broken_cells = matches!(s.lines, LinePer::Cell | LinePer::Tag);
    let headers: Vec<String> = doc.headers.iter().map(|h| h.write(nfd_ok)).collect();
    let label = |c: usize| {
        let header = escape_html(&headers[c], Entities::Minimal).replace('"', "&quot;");
        vec![("data-label", format!("\"{header}\""))]
    };
    // Lines are nested four levels deep at most (a cell's content in a row in `<tbody>`).
    let deepest = format!("{}{}", " ".repeat(table.indent), s.step.repeat(4));
    let mut w = HtmlWriter {
        style: s,
        lines: Vec::new(),
        paragraphs: s.paragraphs && s.lines == LinePer::Tag && indent_columns(&deepest) < 4,
        pending: 0,
    };
    let table_tag = start_tag(
        s,
        "table",
        &[
            ("class", "\"cookie-table\"".to_owned()),
            ("border", "1".to_owned()),
            ("summary", "'Cookies > list'".to_owned()),
        ],
    );
    w.push(0, table_tag, 0);
    if s.caption {
        let heading = escape_html(&table.heading.write(nfd_ok), s.entities);
        let caption = format!(
            "{}{heading}{}",
            start_tag(s, "caption", &[]),
            end_tag(s, "caption")
        );
        w.push(1, caption, 0);
    }
    let thead = matches!(s.head, Head::TheadTh | Head::TheadTd);
    if thead {
        w.push(
            1,
            start_tag(s, "thead", &[("class", "thead".to_owned())]),
            0,
        );
    }
    let header_cell = match s.head {
        Head::TheadTh | Head::Th => "th",
        Head::TheadTd | Head::Td => "td",
    };
    let header_cells = headers
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let attributes = if header_cell == "th" {
                vec![("scope", "\"col\"".to_owned())]
            } else {
                label(c)
            };
            (
                start_tag(s, header_cell, &attributes),
                vec![escape_html(h, s.entities)],
                w.close(header_cell),
            )
        })
        .collect();
    let head_row = start_tag(s, "tr", &[("class", "head".to_owned())]);
    w.row(1 + usize::from(thead), head_row, header_cells, 0);
    // `</thead>` may be left out before `<tbody>`.
    if thead && (s.closed || !s.tbody) {
        w.push(1, end_tag(s, "thead"), 0);
    }
    if s.tbody {
        w.push(
            1,
            start_tag(s, "tbody", &[("class", "tbody".to_owned())]),
            0,
        );
    }
    let data_level = 1 + usize::from(s.tbody);
    // After a blank line, a row indented by four columns or more would be a code block:
    // blank lines are written only before rows indented less.
    let row_indent = format!("{}{}", " ".repeat(table.indent), s.step.repeat(data_level));
    let gaps = s.lines != LinePer::Table && indent_columns(&row_indent) < 4;
    let purpose = doc.columns.iter().position(|r| *r == ColumnRole::Purpose);
    for (r, data) in table.rows.iter().enumerate() {
        let texts = cells(doc, data, nfd_ok);
        let cells = doc
            .columns
            .iter()
            .zip(texts)
            .enumerate()
            .map(|(c, (role, text))| {
                let parts = if *role == ColumnRole::Name {
                    let names: Vec<String> =
                        data.names.iter().map(|n| html_cookie_name(s, n)).collect();
                    let joiner = match s.br {
                        Some(br) => format!("<{}>", html_name(s, br)),
                        None => escape_html(data.joiner, s.entities),
                    };
                    vec![names.join(&joiner)]
                } else {
                    let split = match (data.break_at, purpose) {
                        (Some(at), Some(p)) if broken_cells && p == c => split_at_space(&text, at),
                        _ => None,
                    };
                    match split {
                        Some((head, tail)) => {
                            vec![escape_html(head, s.entities), escape_html(tail, s.entities)]
                        }
                        None if text.is_empty() => Vec::new(),
                        None => vec![escape_html(&text, s.entities)],
                    }
                };
                let (cell, attributes) = if s.row_headers && c == 0 {
                    ("th", vec![("scope", "\"row\"".to_owned())])
                } else if *role == ColumnRole::Name {
                    let mut attributes = label(c);
                    attributes.push(("colspan", "\"1\"".to_owned()));
                    attributes.push(("rowspan", "\"1\"".to_owned()));
                    ("td", attributes)
                } else {
                    ("td", label(c))
                };
                (start_tag(s, cell, &attributes), parts, w.close(cell))
            })
            .collect();
        let gap = if gaps { data.gap_before } else { 0 };
        let open = start_tag(s, "tr", &[("class", format!("row-{r}"))]);
        w.row(data_level, open, cells, gap);
    }
    if s.tbody && s.closed {
        w.push(1, end_tag(s, "tbody"), 0);
    }
    w.push(0, end_tag(s, "table"), 0);
    if s.lines == LinePer::Table {
        return vec![w.lines.into_iter().map(|l| l.text).collect()];
    }
    let mut out = Vec::new();
    for line in w.lines {
        out.extend(std::iter::repeat_n(String::new(), line.gap_before));
        out.push(format!("{}{}", s.step.repeat(line.level), line.text));
    }
    out
}

/// `text` split at one of its spaces (chosen by `at`) into two non-empty parts.
fn split_at_space(text: &str, at: Index) -> Option<(&str, &str)> {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.is_empty() {
        return None;
    }
    let split = spaces[at.index(spaces.len())];
    let (head, tail) = (text[..split].trim_end(), text[split..].trim_start());
    (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
}

/// A block of the document, before it is written out.
enum Block<'d> {
    /// Level 1: the title; 2: sections; 3: category sections.
    Heading(usize, &'d Words),
    Paragraph(&'d Words),
    /// The platform URL on its own line.
    Url(&'d str),
    Table(&'d Table),
}

fn blocks(doc: &Doc) -> Vec<Block<'_>> {
    let mut blocks = vec![Block::Heading(1, &doc.title)];
    blocks.extend(doc.introduction.iter().map(Block::Paragraph));
    blocks.push(Block::Heading(2, &doc.what_is));
    blocks.extend(doc.what_is_text.iter().map(Block::Paragraph));
    blocks.push(Block::Heading(2, &doc.used));
    blocks.extend(doc.url_line.as_deref().map(Block::Url));
    blocks.extend(doc.used_text.iter().map(Block::Paragraph));
    for table in &doc.tables {
        blocks.push(Block::Heading(3, &table.heading));
        blocks.extend(table.lead_in.iter().map(Block::Paragraph));
        blocks.push(Block::Table(table));
    }
    if let Some((heading, text)) = &doc.closing {
        blocks.push(Block::Heading(2, heading));
        blocks.push(Block::Paragraph(text));
    }
    blocks
}

/// The lines of the document (without line endings).
fn lines(doc: &Doc, markup: Markup, grid: Grid, nfd_ok: bool) -> Vec<String> {
    let mut out = vec![String::new(); doc.leading_blanks];
    if let Some(noise) = &doc.noise {
        out.push(noise.clone());
        out.extend(std::iter::repeat_n(String::new(), doc.spacing));
    }
    let blocks = blocks(doc);
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading(level, words) => {
                let text = words.write(nfd_ok);
                // Numbered headings cannot be setext headings: `1. Text` then `---` is a
                // list in Markdown.
                let numbered = text.starts_with(|c: char| c.is_ascii_digit());
                match markup {
                    Markup::Text => out.push(text),
                    Markup::Markdown(Headings::Setext) if *level <= 2 && !numbered => {
                        let underline = if *level == 1 { "=" } else { "-" };
                        let width = text.chars().count().clamp(3, 60);
                        out.push(text);
                        out.push(underline.repeat(width));
                    }
                    Markup::Markdown(Headings::Setext) => {
                        out.push(format!("{} {text}", "#".repeat(*level)));
                    }
                    Markup::Markdown(Headings::Atx(title, closed)) => {
                        let hashes = "#".repeat(title + level - 1);
                        out.push(if closed {
                            format!("{hashes} {text} {hashes}")
                        } else {
                            format!("{hashes} {text}")
                        });
                    }
                }
            }
            Block::Paragraph(words) => out.push(words.write(nfd_ok)),
            Block::Url(url) => out.push((*url).to_owned()),
            Block::Table(table) => table_lines(doc, table, grid, nfd_ok, &mut out),
        }
        let next = blocks.get(i + 1);
        let blank = match (block, next) {
            (_, None) => false,
            (_, Some(Block::Table(table))) if table.attached => false,
            (Block::Heading(..), Some(Block::Paragraph(_) | Block::Url(_) | Block::Table(_))) => {
                !doc.tight
            }
            _ => true,
        };
        if blank {
            out.extend(std::iter::repeat_n(String::new(), doc.spacing));
        }
    }
    for (i, line) in out.iter_mut().enumerate() {
        line.push_str(TRAILING[doc.trailing[i % doc.trailing.len()]]);
    }
    out
}

/// Joins the lines with the line endings chosen, and classifies the endings used.
fn join(lines: &[String], breaks: &Breaks, final_newline: bool) -> (String, LineEndings) {
    let mut text = String::new();
    let (mut lf, mut crlf, mut cr) = (false, false, false);
    for (i, line) in lines.iter().enumerate() {
        text.push_str(line);
        if i + 1 == lines.len() && !final_newline {
            break;
        }
        let mut ending = match breaks {
            Breaks::Lf => "\n",
            Breaks::Crlf => "\r\n",
            Breaks::Cr => "\r",
            Breaks::Mixed(choices) => ["\n", "\r\n", "\r"][choices[i % choices.len()] % 3],
        };
        // A lone CR, then an empty line ended by LF, would read as one CRLF: the blank line
        // would vanish from the file. Nobody writes that on purpose; end the blank line with
        // a CR instead.
        if ending == "\n" && line.is_empty() && text.ends_with('\r') {
            ending = "\r";
        }
        match ending {
            "\n" => lf = true,
            "\r\n" => crlf = true,
            _ => cr = true,
        }
        text.push_str(ending);
    }
    let endings = match (lf, crlf, cr) {
        (_, false, false) => LineEndings::Lf,
        (false, true, false) => LineEndings::Crlf,
        (false, false, true) => LineEndings::Cr,
        _ => LineEndings::Mixed,
    };
    (text, endings)
}

fn encode(text: &str, storage: Storage) -> Result<(Vec<u8>, Encoding), String> {
    Ok(match storage {
        Storage::Utf8 => (text.as_bytes().to_vec(), Encoding::Utf8),
        Storage::Utf8Bom => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend(text.as_bytes());
            (bytes, Encoding::Utf8Bom)
        }
        Storage::Utf16 { big_endian, bom } => {
            let mut bytes = Vec::new();
            let units = (if bom { "\u{feff}" } else { "" }).encode_utf16();
            for unit in units.chain(text.encode_utf16()) {
                bytes.extend(if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let encoding = if big_endian {
                Encoding::Utf16Be
            } else {
                Encoding::Utf16Le
            };
            (bytes, encoding)
        }
        Storage::Windows1252 => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            if unmappable {
                return Err(format!(
                    "generator bug: the text cannot be written in Windows-1252:\n{text}"
                ));
            }
            // Text that is also valid UTF-8 (plain ASCII) is rightly read as UTF-8.
            let encoding = if std::str::from_utf8(&bytes).is_ok() {
                Encoding::Utf8
            } else {
                Encoding::Windows1252
            };
            (bytes.into_owned(), encoding)
        }
    })
}

fn write(doc: &Doc, rendering: &Rendering) -> Result<Written, String> {
    if matches!(
        (rendering.markup, rendering.grid),
        (Markup::Text, Grid::Html(_))
    ) {
        return Err("generator bug: an HTML table in plain text, which does not read HTML".into());
    }
    let nfd_ok = !matches!(rendering.storage, Storage::Windows1252);
    let lines = lines(doc, rendering.markup, rendering.grid, nfd_ok);
    let (text, line_endings) = join(&lines, &rendering.breaks, doc.final_newline);
    let (bytes, encoding) = encode(&text, rendering.storage)?;
    let name = match rendering.markup {
        Markup::Text => "generated.txt",
        Markup::Markdown(_) => "generated.md",
    };
    Ok(Written {
        name,
        text,
        bytes,
        encoding,
        line_endings,
    })
}

// ---------------------------------------------------------------------------------------
// What the model must give back
// ---------------------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
struct SectionSeen {
    depth: u8,
    heading: String,
    paragraphs: Vec<String>,
}

#[derive(Debug, PartialEq)]
struct TableSeen {
    section: Option<usize>,
    layout: TableLayout,
    category: Option<Category>,
    headers: Vec<String>,
    rows: usize,
}

#[derive(Debug, PartialEq)]
struct CookieSeen {
    name: String,
    provider: Option<String>,
    service: Option<String>,
    purpose: Option<String>,
    duration: Option<String>,
    category: Option<Category>,
    section: Option<String>,
    table: usize,
    row: usize,
}

fn shown(words: &Words) -> String {
    words.shown.clone()
}

fn expected_sections(doc: &Doc) -> Vec<SectionSeen> {
    let mut sections = vec![
        SectionSeen {
            depth: 2,
            heading: shown(&doc.what_is),
            paragraphs: doc.what_is_text.iter().map(shown).collect(),
        },
        SectionSeen {
            depth: 2,
            heading: shown(&doc.used),
            paragraphs: doc.used_text.iter().map(shown).collect(),
        },
    ];
    sections.extend(doc.tables.iter().map(|t| SectionSeen {
        depth: 3,
        heading: shown(&t.heading),
        paragraphs: t.lead_in.iter().map(shown).collect(),
    }));
    sections.extend(doc.closing.iter().map(|(title, text)| SectionSeen {
        depth: 2,
        heading: shown(title),
        paragraphs: vec![shown(text)],
    }));
    sections
}

fn expected_tables(doc: &Doc, layout: TableLayout) -> Vec<TableSeen> {
    doc.tables
        .iter()
        .enumerate()
        .map(|(i, t)| TableSeen {
            section: Some(2 + i),
            layout,
            category: Some(t.category),
            headers: doc.headers.iter().map(shown).collect(),
            rows: t.rows.len(),
        })
        .collect()
}

fn expected_cookies(doc: &Doc) -> Vec<CookieSeen> {
    let has_duration = doc.columns.contains(&ColumnRole::Duration);
    let mut cookies = Vec::new();
    for (t, table) in doc.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            for name in &row.names {
                cookies.push(CookieSeen {
                    name: name.clone(),
                    provider: Some(shown(&row.provider)),
                    service: Some(shown(&row.service)).filter(|s| !s.is_empty()),
                    purpose: Some(shown(&row.purpose)),
                    duration: row.duration.as_ref().map(shown).filter(|_| has_duration),
                    category: Some(table.category),
                    section: Some(shown(&table.heading)),
                    table: t,
                    row: r,
                });
            }
        }
    }
    cookies
}

/// Each cookie's name as written: what its span must cover (in an HTML cell, with its
/// character references and its `<code>` tags).
fn expected_name_spans(doc: &Doc, grid: Grid) -> Vec<String> {
    doc.tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| &r.names)
        .map(|name| match grid {
            Grid::Html(style) => html_cookie_name(&style, name),
            Grid::Tab { .. } | Grid::Pipe { .. } => name.clone(),
        })
        .collect()
}

/// Records a difference between what was generated and what was parsed back.
fn compare<T: PartialEq + Debug>(failures: &mut Vec<String>, what: &str, expected: &T, got: &T) {
    if expected != got {
        failures.push(format!(
            "{what} differ:\n  expected {expected:#?}\n  got      {got:#?}"
        ));
    }
}

/// Decodes and parses the written bytes as the CLI does, and lists every field of the model
/// that differs from the generated document.
fn differences(doc: &Doc, rendering: &Rendering, written: &Written) -> Vec<String> {
    let mut failures = Vec::new();
    let source = match SourceFile::from_bytes(written.name, &written.bytes, DEFAULT_MAX_FILE_SIZE) {
        Ok(source) => source,
        Err(e) => return vec![format!("the bytes could not be decoded: {e}")],
    };
    let parsed = parse(&source, ParseOptions::default());
    let model = &parsed.document;
    if let Err(violation) = invariants::check(&source.text, model) {
        failures.push(format!("model invariant broken: {violation}"));
    }
    compare(
        &mut failures,
        "encodings",
        &written.encoding,
        &source.encoding,
    );
    compare(&mut failures, "decoded texts", &written.text, &source.text);
    compare(
        &mut failures,
        "line endings",
        &written.line_endings,
        &source.line_endings,
    );
    let format = match rendering.markup {
        Markup::Text => Format::Text,
        Markup::Markdown(_) => Format::Markdown,
    };
    compare(&mut failures, "formats", &format, &model.format);
    compare(
        &mut failures,
        "preambles",
        &doc.noise.iter().cloned().collect::<Vec<_>>(),
        &model
            .preamble
            .iter()
            .map(|t| t.display.to_string())
            .collect::<Vec<_>>(),
    );
    compare(
        &mut failures,
        "titles",
        &Some(shown(&doc.title)),
        &model.title.as_ref().map(|t| t.text.display.to_string()),
    );
    let placement = if doc.url_line.is_some() {
        UrlPlacement::OwnLine
    } else {
        UrlPlacement::Heading
    };
    compare(
        &mut failures,
        "platform URLs",
        &Some((doc.url.clone(), placement)),
        &model
            .platform_url
            .as_ref()
            .map(|u| (u.url.clone(), u.placement)),
    );
    compare(
        &mut failures,
        "introductions",
        &doc.introduction.iter().map(shown).collect::<Vec<_>>(),
        &model
            .introduction
            .iter()
            .map(|p| p.text.display.to_string())
            .collect::<Vec<_>>(),
    );
    let sections: Vec<SectionSeen> = model
        .sections
        .iter()
        .map(|s| SectionSeen {
            depth: s.depth,
            heading: s.heading.text.display.to_string(),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| p.text.display.to_string())
                .collect(),
        })
        .collect();
    compare(
        &mut failures,
        "sections",
        &expected_sections(doc),
        &sections,
    );
    let layout = match rendering.grid {
        Grid::Tab { .. } => TableLayout::Tab,
        Grid::Pipe { .. } => TableLayout::Pipe,
        Grid::Html(_) => TableLayout::Html,
    };
    let tables: Vec<TableSeen> = model
        .tables
        .iter()
        .map(|t| TableSeen {
            section: t.section,
            layout: t.layout,
            category: t.category,
            headers: t
                .columns
                .iter()
                .map(|c| c.header.display.to_string())
                .collect(),
            rows: t.rows.len(),
        })
        .collect();
    compare(
        &mut failures,
        "tables",
        &expected_tables(doc, layout),
        &tables,
    );
    let cookies: Vec<CookieSeen> = model
        .cookies
        .iter()
        .map(|c| {
            let field = |role| model.cookie_field(c, role).map(|t| t.display.to_string());
            CookieSeen {
                name: c.name.display.to_string(),
                provider: field(ColumnRole::Provider),
                service: field(ColumnRole::Service),
                purpose: field(ColumnRole::Purpose),
                duration: field(ColumnRole::Duration),
                category: c.category,
                section: c
                    .section
                    .and_then(|s| model.sections.get(s))
                    .map(|s| s.heading.text.display.to_string()),
                table: c.table,
                row: c.row,
            }
        })
        .collect();
    compare(&mut failures, "cookies", &expected_cookies(doc), &cookies);
    let name_spans: Vec<String> = model
        .cookies
        .iter()
        .map(|c| c.name.span.slice(&source.text).to_owned())
        .collect();
    compare(
        &mut failures,
        "cookie name spans",
        &expected_name_spans(doc, rendering.grid),
        &name_spans,
    );
    let problems: Vec<String> = parsed
        .problems
        .iter()
        .map(|p| format!("{}: {}", source.line(p.span.start), p.message))
        .collect();
    compare(
        &mut failures,
        "parse problems",
        &Vec::<String>::new(),
        &problems,
    );
    failures
}

/// The text with every line's ending made visible, numbered.
fn visible(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut n = 1;
    while !rest.is_empty() {
        let end = rest.find(['\r', '\n']).map_or(rest.len(), |i| {
            if rest[i..].starts_with("\r\n") {
                i + 2
            } else {
                i + 1
            }
        });
        out.push_str(&format!("{n:>4} {:?}\n", &rest[..end]));
        rest = &rest[end..];
        n += 1;
    }
    out
}

/// Checks every rendering of a case.
fn check(case: &Case) -> Result<(), String> {
    assert_non_vacuous(&case.doc)?;
    for rendering in &case.renderings {
        let written = write(&case.doc, rendering)?;
        let failures = differences(&case.doc, rendering, &written);
        if !failures.is_empty() {
            return Err(format!(
                "{:?} / {:?} / {:?} / {:?} / {:?}:\n{}\n--- the document ({}) ---\n{}",
                case.doc.lang,
                rendering.markup,
                rendering.grid,
                rendering.breaks,
                rendering.storage,
                failures.join("\n"),
                written.name,
                visible(&written.text)
            ));
        }
    }
    Ok(())
}

/// The generator must produce something to find.
fn assert_non_vacuous(doc: &Doc) -> Result<(), String> {
    if expected_cookies(doc).is_empty() || doc.tables.is_empty() {
        return Err("generator bug: a document without cookies".into());
    }
    Ok(())
}

fn config() -> Config {
    let defaults = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            defaults.cases
        } else {
            CASES
        },
        failure_persistence: None,
        rng_seed: match defaults.rng_seed {
            RngSeed::Random => RngSeed::Fixed(SEED),
            seed => seed,
        },
        max_shrink_iters: 4096,
        ..defaults
    }
}

#[test]
fn generated_documents_parse_back_in_every_layout() {
    let config = config();
    let seed = config.rng_seed;
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |case| check(&case).map_err(TestCaseError::fail));
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, case)) => panic!(
            "property failed (seed {seed}; rerun with PROPTEST_RNG_SEED={seed})\n{reason}\n\
             minimal case: {case:?}"
        ),
        Err(TestError::Abort(reason)) => panic!("property aborted (seed {seed}): {reason}"),
    }
}

// ---------------------------------------------------------------------------------------
// The checks can fail
// ---------------------------------------------------------------------------------------

/// A generated case (the same one on every run).
fn sample() -> Case {
    let mut runner = TestRunner::new(Config {
        rng_seed: RngSeed::Fixed(SEED),
        failure_persistence: None,
        ..Config::default()
    });
    case().new_tree(&mut runner).unwrap().current()
}

/// Writes the sample in plain UTF-8 with a tab table, then checks it against an altered
/// expectation: the altered field must be reported.
fn reported(alter: impl Fn(&mut Doc, &mut Written), field: &str) {
    let rendering = Rendering {
        markup: Markup::Text,
        grid: Grid::Tab { dashes: false },
        breaks: Breaks::Lf,
        storage: Storage::Utf8,
    };
    reported_in(&rendering, alter, field);
}

/// An HTML table with every variant that changes what a cookie name's span covers.
fn html_rendering() -> Rendering {
    Rendering {
        markup: Markup::Markdown(Headings::Atx(1, false)),
        grid: Grid::Html(HtmlStyle {
            upper: true,
            attributes: true,
            head: Head::TheadTh,
            tbody: true,
            caption: true,
            row_headers: false,
            lines: LinePer::Cell,
            step: "  ",
            closed: false,
            entities: Entities::Numeric,
            br: Some("br"),
            code: true,
            paragraphs: false,
        }),
        breaks: Breaks::Crlf,
        storage: Storage::Utf8,
    }
}

/// Writes the sample as `rendering` says, then checks it against an altered expectation:
/// the altered field must be reported.
fn reported_in(rendering: &Rendering, alter: impl Fn(&mut Doc, &mut Written), field: &str) {
    let case = sample();
    let mut written = write(&case.doc, rendering).unwrap();
    assert_eq!(
        differences(&case.doc, rendering, &written),
        Vec::<String>::new(),
        "the unaltered sample must pass"
    );
    let mut doc = case.doc.clone();
    alter(&mut doc, &mut written);
    let failures = differences(&doc, rendering, &written);
    assert!(
        failures.iter().any(|f| f.starts_with(field)),
        "altering {field} was not reported: {failures:#?}"
    );
}

#[test]
fn a_changed_cookie_field_is_reported() {
    reported(|doc, _| doc.tables[0].rows[0].names[0].push('x'), "cookies");
    reported(
        |doc, _| doc.tables[0].rows[0].names[0].push('x'),
        "cookie name spans",
    );
    reported(
        |doc, _| doc.tables[0].rows[0].provider.shown.push('x'),
        "cookies",
    );
    reported(
        |doc, _| doc.tables[0].rows[0].service.shown.push('x'),
        "cookies",
    );
    reported(
        |doc, _| doc.tables[0].rows[0].purpose.shown.push('x'),
        "cookies",
    );
    reported(
        |doc, _| {
            if !doc.columns.contains(&ColumnRole::Duration) {
                doc.columns.push(ColumnRole::Duration);
            }
            doc.tables[0].rows[0].duration = Some(Words::plain("never written"));
        },
        "cookies",
    );
    reported(|doc, _| doc.tables[0].category = Category::Other, "cookies");
    reported(|doc, _| doc.tables[0].rows.truncate(0), "cookies");
}

#[test]
fn a_changed_cookie_in_an_html_table_is_reported() {
    let html = html_rendering();
    reported_in(
        &html,
        |doc, _| doc.tables[0].rows[0].names[0].push('x'),
        "cookies",
    );
    reported_in(
        &html,
        |doc, _| doc.tables[0].rows[0].names[0].push('x'),
        "cookie name spans",
    );
    reported_in(
        &html,
        |doc, _| doc.tables[0].rows[0].purpose.shown.push('x'),
        "cookies",
    );
    reported_in(&html, |doc, _| doc.tables[0].rows.truncate(0), "cookies");
    // The same text checked as if it held a pipe table: the layout and the spans differ.
    let case = sample();
    let written = write(&case.doc, &html).unwrap();
    let pipe = Rendering {
        grid: Grid::Pipe {
            dashes: None,
            edges: Edges::Both,
            aligned: false,
        },
        ..html
    };
    let failures = differences(&case.doc, &pipe, &written);
    for field in ["tables", "cookie name spans"] {
        assert!(
            failures.iter().any(|f| f.starts_with(field)),
            "{field} not reported: {failures:#?}"
        );
    }
}

#[test]
fn a_changed_heading_text_or_table_is_reported() {
    reported(|doc, _| doc.title.shown.push('x'), "titles");
    reported(|doc, _| doc.what_is.shown.push('x'), "sections");
    reported(|doc, _| doc.what_is_text.clear(), "sections");
    reported(
        |doc, _| doc.introduction.push(Words::plain("x.")),
        "introductions",
    );
    reported(|doc, _| doc.url.push('x'), "platform URLs");
    reported(|doc, _| doc.headers[0].shown.push('x'), "tables");
}

#[test]
fn a_wrong_decoding_or_a_parse_problem_is_reported() {
    reported(|_, w| w.encoding = Encoding::Windows1252, "encodings");
    reported(|_, w| w.line_endings = LineEndings::Crlf, "line endings");
    reported(|_, w| w.text.push('x'), "decoded texts");
    reported(|_, w| w.name = "generated.md", "formats");
    // An odd trailing byte in UTF-16 is replaced and reported as a parse problem.
    reported(
        |_, w| {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(w.text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes.push(b'x');
            w.bytes = bytes;
            w.encoding = Encoding::Utf16Le;
            w.text.push('\u{FFFD}');
        },
        "parse problems",
    );
}

/// The generator is not vacuous: over the first cases of the fixed seed, every variant it
/// is meant to produce is produced and written out.
#[test]
fn the_generator_covers_every_variant() {
    let mut runner = TestRunner::new(Config {
        rng_seed: RngSeed::Fixed(SEED),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = case();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..CASES {
        let case = strategy.new_tree(&mut runner).unwrap().current();
        let doc = &case.doc;
        let mut see = |feature: String| {
            seen.insert(feature);
        };
        see(format!("language {:?}", doc.lang));
        see(format!("columns {:?}", doc.columns));
        see(format!("URL in heading {}", doc.url_line.is_none()));
        see(format!("numbered {}", doc.what_is.shown.starts_with("1.")));
        see(format!("noise {}", doc.noise.is_some()));
        see(format!("tight {}", doc.tight));
        see(format!("closing {}", doc.closing.is_some()));
        for table in &doc.tables {
            see(format!("category {:?}", table.category));
            see(format!("attached {}", table.attached));
            see(format!("indented {}", table.indent > 0));
            see(format!("lead-in {}", table.lead_in.is_some()));
            for row in &table.rows {
                see(format!("names {}", row.names.len().min(2)));
                see(format!("gap {}", row.gap_before.min(2)));
                see(format!("empty service {}", row.service.shown.is_empty()));
                see(format!("empty duration {}", row.duration.is_none()));
            }
        }
        for rendering in &case.renderings {
            let written = write(doc, rendering).unwrap();
            see(format!("{:?}", rendering.markup));
            see(format!("{:?}", rendering.grid));
            see(format!("encoding {:?}", written.encoding));
            see(format!("line endings {:?}", written.line_endings));
            if let Storage::Utf16 { bom, .. } = rendering.storage {
                see(format!("UTF-16 BOM {bom}"));
            }
            let text = &written.text;
            see(format!(
                "decomposed {}",
                text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c))
            ));
            see(format!("no-break space {}", text.contains('\u{a0}')));
            see(format!("escaped pipe {}", text.contains("\\|")));
            see(format!("trailing tab {}", text.contains("\t\n")));
            if let Grid::Html(style) = rendering.grid {
                see(format!("html upper {}", style.upper));
                see(format!("html attributes {}", style.attributes));
                see(format!("html head {:?}", style.head));
                see(format!("html tbody {}", style.tbody));
                see(format!("html caption {}", style.caption));
                see(format!("html row headers {}", style.row_headers));
                see(format!("html lines {:?}", style.lines));
                see(format!("html step {:?}", style.step));
                see(format!("html closed {}", style.closed));
                see(format!("html entities {:?}", style.entities));
                see(format!("html br {:?}", style.br));
                see(format!("html code {}", style.code));
                let lines: Vec<&str> = text.lines().map(str::trim).collect();
                let gap = lines.windows(2).any(|pair| {
                    pair[0].is_empty() && pair[1].to_ascii_lowercase().starts_with("<tr")
                });
                see(format!("html gap {gap}"));
                let paragraph = lines.windows(3).any(|l| {
                    l[0].is_empty() && !l[1].is_empty() && !l[1].starts_with('<') && l[2].is_empty()
                });
                see(format!("html paragraph in a cell {paragraph}"));
                let broken = matches!(style.lines, LinePer::Cell | LinePer::Tag)
                    && doc
                        .tables
                        .iter()
                        .flat_map(|t| &t.rows)
                        .any(|r| r.break_at.is_some());
                see(format!("html broken purpose {broken}"));
                see(format!(
                    "html two names {}",
                    doc.tables
                        .iter()
                        .flat_map(|t| &t.rows)
                        .any(|r| r.names.len() > 1)
                ));
                see(format!(
                    "html combining reference {}",
                    text.contains("&#x3")
                ));
                see(format!(
                    "html table indented {}",
                    doc.tables.iter().any(|t| t.indent > 0)
                ));
            }
            let broken = text.lines().any(|l| {
                let l = l.trim();
                l.starts_with('|') && !l.ends_with('|') && !l.ends_with("| ")
            });
            see(format!("broken row {broken}"));
        }
    }
    let seen: Vec<String> = seen.into_iter().collect();
    let mut missing = Vec::new();
    let mut expect = |feature: &str| {
        if !seen.iter().any(|s| s == feature) {
            missing.push(feature.to_owned());
        }
    };
    for feature in [
        "language Fr",
        "language En",
        "URL in heading true",
        "URL in heading false",
        "numbered true",
        "noise true",
        "tight true",
        "closing true",
        "attached true",
        "indented true",
        "lead-in true",
        "names 2",
        "gap 1",
        "gap 2",
        "empty service true",
        "empty duration true",
        "Text",
        "Markdown(Setext)",
        "encoding Utf8",
        "encoding Utf8Bom",
        "encoding Utf16Le",
        "encoding Utf16Be",
        "encoding Windows1252",
        "UTF-16 BOM true",
        "UTF-16 BOM false",
        "line endings Lf",
        "line endings Crlf",
        "line endings Cr",
        "line endings Mixed",
        "decomposed true",
        "no-break space true",
        "escaped pipe true",
        "trailing tab true",
        "broken row true",
    ] {
        expect(feature);
    }
    for category in Category::ALL {
        expect(&format!("category {category:?}"));
    }
    for closed in [false, true] {
        for title in 1..=3 {
            expect(&format!("Markdown(Atx({title}, {closed}))"));
        }
    }
    for dashes in [false, true] {
        expect(&format!("Tab {{ dashes: {dashes} }}"));
    }
    for flag in [
        "upper",
        "attributes",
        "tbody",
        "caption",
        "row headers",
        "closed",
        "code",
        "gap",
        "broken purpose",
        "two names",
        "combining reference",
        "paragraph in a cell",
        "table indented",
    ] {
        for value in [false, true] {
            expect(&format!("html {flag} {value}"));
        }
    }
    for head in ["TheadTh", "TheadTd", "Th", "Td"] {
        expect(&format!("html head {head}"));
    }
    for lines in ["Table", "Row", "Cell", "Tag"] {
        expect(&format!("html lines {lines}"));
    }
    for step in ["", "  ", "    ", "\t"] {
        expect(&format!("html step {step:?}"));
    }
    for entities in ["Minimal", "Named", "Numeric"] {
        expect(&format!("html entities {entities}"));
    }
    for br in ["None", "Some(\"br\")", "Some(\"br/\")", "Some(\"br /\")"] {
        expect(&format!("html br {br}"));
    }
    for edges in ["Both", "BothSpaceAfter", "None", "TrailingOnly"] {
        for aligned in [false, true] {
            let prefix = "Pipe { dashes: ";
            let suffix = format!(", edges: {edges}, aligned: {aligned} }}");
            if !seen
                .iter()
                .any(|s| s.starts_with(prefix) && s.ends_with(&suffix))
            {
                missing.push(format!("Pipe edges {edges} aligned {aligned}"));
            }
        }
    }
    assert!(missing.is_empty(), "never generated: {missing:#?}");
}

// ---------------------------------------------------------------------------------------
// Bugs the property found, pinned with their minimal inputs. An open bug is `#[ignore]`d and
// kept out of the generator (a `KNOWN ... BUG` comment); when it is fixed, remove both and
// keep the test as a regression test. (All below are fixed but the last two,
// `html_block_ended_by_a_lone_cr` and `inline_tag_in_a_paragraph_of_an_html_cell`.)
// ---------------------------------------------------------------------------------------

/// The names and purposes of the cookies of a document.
fn names_and_purposes(name: &str, text: &str) -> Vec<(String, String)> {
    let (_, parsed) = crate::support::parse_bytes(name, text.as_bytes());
    let doc = &parsed.document;
    doc.cookies
        .iter()
        .map(|c| {
            let purpose = doc.cookie_field(c, ColumnRole::Purpose);
            (
                c.name.display.to_string(),
                purpose.map(|p| p.display.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn escaped_pipe_in_the_continuation_of_a_broken_row() {
    let text =
        "| Cookie name | Purpose |\n|---|---|\n| _ga | To choose the view (table\n\\| map) |\n";
    assert_eq!(
        names_and_purposes("broken.txt", text),
        pairs(&[("_ga", "To choose the view (table | map)")])
    );
    // In Markdown, where pulldown-cmark starts the escaped `|` after its backslash.
    assert_eq!(
        names_and_purposes("broken.md", text),
        pairs(&[("_ga", "To choose the view (table | map)")])
    );
}

#[test]
fn url_starting_the_continuation_of_a_broken_row() {
    let text = "| Cookie name | Purpose |\n|---|---|\n| _ga | To measure the audience (see\nhttps://policies.google.com/privacy)|\n";
    assert_eq!(
        names_and_purposes("broken.txt", text),
        pairs(&[(
            "_ga",
            "To measure the audience (see https://policies.google.com/privacy)"
        )])
    );
}

#[test]
fn closed_atx_heading_followed_by_a_tab() {
    let text = "# Cookie Policy #\t\n\n## Necessary cookies ##\t\n\n| Cookie name | Purpose |\n|---|---|\n| _ga | To count. |\n";
    let (_, parsed) = crate::support::parse_bytes("closed.md", text.as_bytes());
    let doc = &parsed.document;
    assert_eq!(
        doc.title.as_ref().map(|t| &*t.text.display),
        Some("Cookie Policy")
    );
    assert_eq!(
        crate::support::headings(doc),
        [(2, "Necessary cookies".to_owned())]
    );
}

/// Found by `roundtrip_markdown`: a heading opening with an escaped backslash kept its
/// escape only after the first pair, so every round trip lost one backslash.
#[test]
fn heading_opening_with_an_escaped_backslash_keeps_its_text() {
    let text = "# Cookie Policy\n\n## \\\\Necessary cookies\n\nSome text.\n";
    let (_, parsed) = crate::support::parse_bytes("escaped.md", text.as_bytes());
    assert_eq!(
        crate::support::headings(&parsed.document),
        [(2, "\\\\Necessary cookies".to_owned())]
    );
}

/// Found while choosing the value pools rather than by the property: a row's cells that only
/// start with header words (`Service de ...`, `cookie-consent`, `Durée de ...`) are not a header.
#[test]
fn row_after_a_gap_with_header_like_cells() {
    let text = "Nom du prestataire\tService et emplacement\tNom du cookie\tFinalités\tDurée\n\
                Axeptio\tBandeau\t_ga\tMesurer l'audience\t13 mois\n\
                \n\
                Axeptio\tService de cartographie\tcookie-consent\tSe souvenir du choix\tDurée de la session\n";
    assert_eq!(
        names_and_purposes("gap.txt", text),
        pairs(&[
            ("_ga", "Mesurer l'audience"),
            ("cookie-consent", "Se souvenir du choix")
        ])
    );
}

/// Found by the HTML rendering: pulldown-cmark ends the lines of an HTML block at LF only,
/// so with lone CR line endings the block runs on over the blank line after the table and
/// takes the rest of the document (the next heading and its pipe table are lost, without a
/// problem). Any HTML block did it (a suppression comment too). The same text with LF or
/// CRLF endings was read whole. Fixed: the front end gives pulldown-cmark each lone CR as
/// an LF.
#[test]
fn html_block_ended_by_a_lone_cr() {
    let text = "# Cookie policy\r\r## Necessary cookies\r\r\
                <table><tr><th>Cookie name</th><th>Purpose</th></tr><tr><td>_ga</td><td>Visits</td></tr></table>\r\r\
                ## Analytics cookies\r\r| Cookie name | Purpose |\r|---|---|\r| _gid | Sessions |\r";
    let expected = pairs(&[("_ga", "Visits"), ("_gid", "Sessions")]);
    assert_eq!(
        names_and_purposes("lf.md", &text.replace('\r', "\n")),
        expected
    );
    assert_eq!(names_and_purposes("cr.md", text), expected);
    let comment =
        "# Cookie policy\r\r## Necessary cookies\r\r<!-- cookielint-disable empty-cell -->\r\r\
                   | Cookie name | Purpose |\r|---|---|\r| _gid | Sessions |\r";
    assert_eq!(
        names_and_purposes("comment.md", comment),
        pairs(&[("_gid", "Sessions")])
    );
}

/// Found by the HTML rendering: a cell's content between blank lines is a Markdown paragraph
/// that the front end reads into the cell, but there the inline tags a reader does not see
/// (`<code>`, as on the HTML lines) are kept as text: the cookie is named `<code>_ga</code>`.
/// Fixed: Markdown's inline tags a reader does not see are read as markup, as in HTML cells.
#[test]
fn inline_tag_in_a_paragraph_of_an_html_cell() {
    let table = |cell: &str| {
        format!(
            "# Cookie policy\n\n## Necessary cookies\n\n<table>\n<tr><th>Cookie name</th><th>Purpose</th></tr>\n\
             <tr>\n<td>{cell}</td>\n<td>Visits</td>\n</tr>\n</table>\n"
        )
    };
    let expected = pairs(&[("_ga", "Visits")]);
    assert_eq!(
        names_and_purposes("line.md", &table("<code>_ga</code>")),
        expected
    );
    assert_eq!(
        names_and_purposes("paragraph.md", &table("\n\n<code>_ga</code>\n\n")),
        expected
    );
}
