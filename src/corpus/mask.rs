//! Masking what legitimately differs between the documents of one family: the platform URL
//! and the portal's name. Applied to display text before it is compared, so that "A quoi
//! servent les cookies sur la plateforme <https://opendata.paris.fr>" and the same heading
//! with the URL on its own line compare equal.
//!
//! URLs are removed (with their angle brackets or parentheses), not replaced, because the
//! template is written both with the URL inside a sentence and without it. Words naming the
//! portal (the distinctive labels of the platform's host name, such as `paris` in
//! `opendata.paris.fr`) are replaced by [`PORTAL`]. Every function here is pure.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::source::Span;

/// What a portal name is replaced with.
pub const PORTAL: &str = "{portal}";

/// Host labels that name hosting platforms, generic words or top-level domains rather than
/// a portal; they are never masked and never identify a document's owner.
const GENERIC_LABELS: &[&str] = &[
    "app",
    "apps",
    "catalog",
    "catalogue",
    "com",
    "dades",
    "data",
    "daten",
    "dati",
    "datos",
    "donnees",
    "edu",
    "eu",
    "example",
    "gouv",
    "gov",
    "info",
    "net",
    "ods",
    "odsapps",
    "open",
    "opendata",
    "opendatasoft",
    "org",
    "portail",
    "portal",
    "public",
    "site",
    "web",
    "www",
];

/// The masking applied to one document's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mask {
    /// Lower-case portal words to replace.
    portal_words: Vec<String>,
    /// The platform host, lower case (also masked when written without a scheme).
    host: Option<String>,
}

impl Mask {
    /// The masking for a document whose platform URL is `url` (if any).
    pub fn for_platform(url: Option<&str>) -> Self {
        let host = url.and_then(host).map(str::to_ascii_lowercase);
        let portal_words = host.as_deref().map(distinctive_labels).unwrap_or_default();
        Mask { portal_words, host }
    }

    /// `display` with URLs removed and portal words replaced; borrowed when nothing changed.
    pub fn apply<'t>(&self, display: &'t str) -> Cow<'t, str> {
        if !self.may_touch(display) || !display.split_whitespace().any(|t| self.touches(t)) {
            return Cow::Borrowed(display);
        }
        let mut out = String::with_capacity(display.len());
        for token in display.split_whitespace() {
            if is_url(token, self.host.as_deref()) {
                // Keep punctuation that follows the URL ("... https://x.fr." ends a
                // sentence), glued to the previous word.
                out.push_str(trailing_punctuation(token));
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.mask_words(token));
        }
        Cow::Owned(out)
    }

    /// A quick necessary condition for [`Mask::touches`] on some token of `text`: a URL
    /// token holds `://` or `www.` or the platform host, and a portal word occurs in the
    /// text, all up to ASCII case. The first three are found in one scan for `:` and `.`
    /// (a host with a dot is matched around each dot of the text).
    fn may_touch(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let host = self.host.as_deref().map(str::as_bytes);
        let host_dot = host.and_then(|h| memchr::memchr(b'.', h));
        let url_like = memchr::memchr2_iter(b':', b'.', bytes).any(|at| {
            if bytes.get(at) == Some(&b':') {
                return bytes.get(at + 1..at + 3) == Some(b"//".as_slice());
            }
            let www = at
                .checked_sub(3)
                .and_then(|start| bytes.get(start..at))
                .is_some_and(|before| before.eq_ignore_ascii_case(b"www"));
            let platform = host.zip(host_dot).is_some_and(|(host, dot)| {
                at.checked_sub(dot)
                    .and_then(|start| bytes.get(start..start + host.len()))
                    .is_some_and(|candidate| candidate.eq_ignore_ascii_case(host))
            });
            www || platform
        });
        url_like
            || (host_dot.is_none()
                && self
                    .host
                    .as_deref()
                    .is_some_and(|h| contains_ignore_ascii_case(text, h)))
            || self
                .portal_words
                .iter()
                .any(|w| contains_ignore_ascii_case(text, w))
    }

    fn touches(&self, token: &str) -> bool {
        is_url(token, self.host.as_deref())
            || (!self.portal_words.is_empty() && words(token).any(|w| self.is_portal(w)))
    }

    fn is_portal(&self, word: &str) -> bool {
        self.portal_words
            .iter()
            .any(|p| p.eq_ignore_ascii_case(word))
    }

    fn mask_words<'t>(&self, token: &'t str) -> Cow<'t, str> {
        if self.portal_words.is_empty() || !words(token).any(|w| self.is_portal(w)) {
            return Cow::Borrowed(token);
        }
        let mut out = String::with_capacity(token.len());
        let mut rest = token;
        while let Some((start, word)) = words(rest).next().map(|w| (offset_in(rest, w), w)) {
            out.push_str(rest.get(..start).unwrap_or(""));
            if self.is_portal(word) {
                out.push_str(PORTAL);
            } else {
                out.push_str(word);
            }
            rest = rest.get(start + word.len()..).unwrap_or("");
        }
        out.push_str(rest);
        Cow::Owned(out)
    }
}

/// Where a mask can change the texts of one document: every occurrence, up to ASCII case, of
/// what [`Mask::may_touch`] looks for (`://`, `www.`, the platform host, a portal word),
/// found in one search of the whole source per pattern instead of one per text.
#[derive(Debug)]
pub struct Hits {
    /// Byte ranges of the occurrences, sorted by start; `None` when the shortcut of
    /// [`Hits::spare`] is never taken (see there).
    found: Option<Vec<(usize, usize)>>,
}

/// KELVIN SIGN: the one character whose NFC form is an ASCII letter (`K`).
const KELVIN: &str = "\u{212A}";

impl Hits {
    /// Whether the mask leaves the text `raw`, at `span` of the source, unchanged, known
    /// without looking at its display form (`false`: not known).
    ///
    /// The display form is the raw text in NFC, trimmed, its whitespace collapsed (or its
    /// lines joined by spaces). NFC turns no character into an ASCII letter, digit or
    /// `-./:` except the Kelvin sign, and composes no ASCII character away from its
    /// neighbours (a starter blocks composition), so every run of such characters in the
    /// display form is one in the raw text. The patterns are made of them: one that occurs
    /// in the display form occurs inside `span`. A source holding a Kelvin sign, or a
    /// pattern of other characters, turns the shortcut off, and so does a backslash in
    /// `raw`: a pipe cell's display form drops the one of `\-` and `\|`, which can join
    /// `data\-gouv` into a portal word.
    pub fn spare(&self, span: Span, raw: &str) -> bool {
        let Some(found) = &self.found else {
            return false;
        };
        if memchr::memchr(b'\\', raw.as_bytes()).is_some() {
            return false;
        }
        let first = found.partition_point(|&(s, _)| s < span.start);
        !found
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&(s, _)| s < span.end)
            .any(|&(_, e)| e <= span.end)
    }
}

impl Mask {
    /// The occurrences in `source` of everything the mask looks for (see [`Hits`]).
    pub fn hits(&self, source: &str) -> Hits {
        use memchr::memmem::Finder;
        // The fixed patterns' searchers are built once per process.
        static FIXED: OnceLock<[Finder<'static>; 3]> = OnceLock::new();
        let [kelvin, scheme, www] = FIXED.get_or_init(|| {
            [KELVIN, "://", "www."].map(|p| Finder::new(p.as_bytes()).into_owned())
        });
        if kelvin.find(source.as_bytes()).is_some() {
            return Hits { found: None };
        }
        let plain = |b: u8| b.is_ascii_alphanumeric() || b"-./:".contains(&b);
        let own: Vec<Finder<'_>> = self
            .host
            .iter()
            .chain(&self.portal_words)
            .map(|p| Finder::new(p.as_bytes()))
            .collect();
        if own
            .iter()
            .any(|f| f.needle().is_empty() || !f.needle().iter().all(|&b| plain(b)))
        {
            return Hits { found: None };
        }
        // Searched in a lower-case copy (the patterns are lower case); branch-free, so that
        // it compiles to vector code.
        let lower: Vec<u8> = source
            .bytes()
            .map(|b| b | (u8::from(b.wrapping_sub(b'A') < 26) << 5))
            .collect();
        let mut found = Vec::new();
        for finder in [scheme, www].into_iter().chain(&own) {
            // Overlapping occurrences too: each may be the one inside some text.
            let mut from = 0;
            while let Some(at) = lower.get(from..).and_then(|rest| finder.find(rest)) {
                found.push((from + at, from + at + finder.needle().len()));
                from += at + 1;
            }
        }
        found.sort_unstable();
        Hits { found: Some(found) }
    }
}

/// Whether `needle` occurs in `haystack` up to ASCII case (an empty needle occurs).
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, hay).any(|at| {
        hay.get(at..at + needle.len())
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(needle))
    })
}

/// The byte offset of `part` (a sub-slice) in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Runs of letters, digits and inner hyphens (portal names such as `eco-compteur`).
fn words(token: &str) -> impl Iterator<Item = &str> {
    token
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
}

/// Whether a whitespace-separated token is a URL (or the bare platform host).
fn is_url(token: &str, platform_host: Option<&str>) -> bool {
    let core = url_core(token);
    let starts = |prefix: &str| {
        core.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    starts("http://")
        || starts("https://")
        || starts("www.")
        || platform_host
            .is_some_and(|h| starts(h) && matches!(core.as_bytes().get(h.len()), None | Some(b'/')))
}

/// A token without the brackets and trailing punctuation around a URL.
fn url_core(token: &str) -> &str {
    token
        .trim_start_matches(['<', '('])
        .trim_end_matches(|c: char| ".,;:!?".contains(c))
        .trim_end_matches(['>', ')'])
}

/// The sentence punctuation after a URL's closing bracket, if any.
fn trailing_punctuation(token: &str) -> &str {
    let trimmed = token.trim_end_matches(|c: char| ".,;:!?".contains(c));
    token.get(trimmed.len()..).unwrap_or("")
}

/// The host of a URL (`https://opendata.paris.fr/p/x` gives `opendata.paris.fr`).
pub fn host(url: &str) -> Option<&str> {
    let url = url.trim().trim_start_matches('<').trim_end_matches('>');
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// A platform URL in comparable form: lower-case host without `www.`, path without a
/// trailing slash, no scheme (`https://www.Example.org/` gives `example.org`).
pub fn normalize_url(url: &str) -> String {
    let url = url.trim().trim_start_matches('<').trim_end_matches('>');
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        host.to_owned()
    } else {
        format!("{host}/{path}")
    }
}

/// The longest host name DNS allows, in bytes (RFC 1035): a longer one names no portal.
const MAX_HOST_LEN: usize = 253;

/// Most portal words taken from one host. Each is searched for in the whole document and
/// compared with every text, so their number multiplies the cost of a document; real
/// hosts have a handful.
const MAX_PORTAL_WORDS: usize = 16;

/// The labels of a host that name the portal: not the top-level domain, not generic words,
/// at least three characters; hyphenated labels also give their parts of four or more. At
/// most [`MAX_PORTAL_WORDS`], the first ones, and none for a host longer than DNS allows.
pub fn distinctive_labels(host: &str) -> Vec<String> {
    if host.len() > MAX_HOST_LEN {
        return Vec::new();
    }
    let host = host.to_ascii_lowercase();
    let mut labels: Vec<&str> = host.split('.').collect();
    labels.pop();
    let mut out: Vec<String> = Vec::new();
    let mut add = |word: &str, min: usize| {
        if out.len() < MAX_PORTAL_WORDS
            && word.chars().count() >= min
            && !GENERIC_LABELS.contains(&word)
            && !out.iter().any(|w| w == word)
        {
            out.push(word.to_owned());
        }
    };
    for label in labels {
        add(label, 3);
        if label.contains('-') {
            for part in label.split('-') {
                add(part, 4);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_gives_a_bounded_number_of_portal_words() {
        assert_eq!(
            distinctive_labels("opendata.electricite-de-mayotte.com"),
            ["electricite-de-mayotte", "electricite", "mayotte"]
        );
        // Each portal word is searched for in the whole document: a host of thousands of
        // labels made that quadratic.
        let labels = |n: usize| (0..n).map(|i| format!("p{i:03}")).collect::<Vec<_>>();
        let host = format!("{}.fr", labels(40).join("."));
        assert!(host.len() <= MAX_HOST_LEN);
        assert_eq!(distinctive_labels(&host), labels(MAX_PORTAL_WORDS));
        let too_long = format!("{}.fr", labels(100).join("."));
        assert!(distinctive_labels(&too_long).is_empty());
    }

    /// Every text of `source` (each span) the hits spare is one the mask leaves unchanged.
    fn spared(mask: &Mask, source: &str) -> Vec<(usize, usize)> {
        let hits = mask.hits(source);
        let mut spared = Vec::new();
        for start in (0..=source.len()).filter(|&i| source.is_char_boundary(i)) {
            for end in (start..=source.len()).filter(|&i| source.is_char_boundary(i)) {
                if hits.spare(Span::new(start, end), &source[start..end]) {
                    let display = crate::normalize::display(&source[start..end]);
                    assert!(
                        matches!(mask.apply(&display), Cow::Borrowed(_)),
                        "{:?} was spared but is masked",
                        &source[start..end]
                    );
                    spared.push((start, end));
                }
            }
        }
        spared
    }

    #[test]
    fn hits_spare_only_texts_the_mask_leaves_unchanged() {
        let mask = Mask::for_platform(Some("https://ababab.eco-compteur.fr"));
        let source = "Le PORTAIL abababab, voir WWW.x.fr ou https://y.fr: Compteur\u{301} ok.";
        let texts = spared(&mask, source);
        let find = |s: &str| source.find(s).unwrap();
        // Outside every pattern: spared.
        assert!(texts.contains(&(0, find(" ab"))));
        // Overlapping occurrences of a portal word: the second one alone is still found.
        let second = find("abababab") + 2;
        assert!(!texts.contains(&(second, second + 6)));
        // A pattern that only straddles the span's edge does not count.
        assert!(texts.contains(&(second + 1, second + 7)));
        assert!(!texts.contains(&(find("WWW"), find("WWW") + 4)));
        assert!(!texts.contains(&(find("://"), find("://") + 3)));
        // A Kelvin sign turns into `K` in NFC: a source that has one is never spared.
        let kelvin = Mask::for_platform(Some("https://kiel.example.org"));
        assert!(spared(&kelvin, "Le site \u{212A}iel").is_empty());
        assert!(!spared(&kelvin, "Le site Kiel").is_empty());
    }

    #[test]
    fn urls_are_removed_with_their_brackets() {
        let mask = Mask::for_platform(Some("https://opendata.paris.fr"));
        assert_eq!(
            mask.apply("A quoi servent les cookies sur la plateforme <https://opendata.paris.fr>"),
            "A quoi servent les cookies sur la plateforme"
        );
        assert_eq!(
            mask.apply("What cookies are used on the <https://x.example.org> platform"),
            "What cookies are used on the platform"
        );
        assert_eq!(mask.apply("See https://x.org/a."), "See.");
    }

    #[test]
    fn portal_words_are_replaced() {
        let mask = Mask::for_platform(Some("https://eco-compteur.opendatasoft.com"));
        assert_eq!(mask.apply("The Eco-Compteur portal"), "The {portal} portal");
        assert_eq!(
            mask.apply("Le compteur (compteur)"),
            "Le {portal} ({portal})"
        );
        assert_eq!(mask.apply("Opendatasoft data"), "Opendatasoft data");
    }

    #[test]
    fn the_quick_check_never_skips_a_text_that_changes() {
        let mask = Mask::for_platform(Some("https://eco-compteur.opendatasoft.com"));
        for text in [
            "plain words only",
            "The ECO-COMPTEUR portal",
            "see HTTPS://X.ORG now",
            "WWW.example.org",
            "eco-compteur.opendatasoft.com/p",
            "(<http://a.b>).",
            "Compteur",
        ] {
            let changed = text.split_whitespace().any(|t| mask.touches(t));
            assert!(!changed || mask.may_touch(text), "{text:?}");
        }
        assert!(!mask.may_touch("plain words only"));
        // Each condition alone, wherever it falls, with and without a dotted host.
        for mask in [
            Mask::for_platform(Some("https://data.example.org")),
            Mask::for_platform(Some("http://localhost:8080")),
            Mask::for_platform(None),
        ] {
            for text in [
                "see https://a.b",
                "x://",
                "www.a",
                "a WwW.",
                "DATA.EXAMPLE.ORG/x",
                "at data.example.org",
                "localhost/x",
                "data.example.or",
                "ww.a :/ /x",
                "a.b: c",
            ] {
                let changed = text.split_whitespace().any(|t| mask.touches(t));
                let slow = contains_ignore_ascii_case(text, "://")
                    || contains_ignore_ascii_case(text, "www.")
                    || mask
                        .host
                        .as_deref()
                        .is_some_and(|h| contains_ignore_ascii_case(text, h));
                assert_eq!(mask.may_touch(text), slow, "{text:?} {mask:?}");
                assert!(!changed || mask.may_touch(text), "{text:?}");
            }
        }
        assert!(contains_ignore_ascii_case("aXyZ", "xYz"));
        assert!(!contains_ignore_ascii_case("xy", "xyz"));
    }

    #[test]
    fn hosts_and_labels() {
        assert_eq!(
            host("https://user@Opendata.Paris.fr:8080/x"),
            Some("Opendata.Paris.fr")
        );
        assert_eq!(normalize_url("https://www.Example.org/"), "example.org");
        assert_eq!(normalize_url("http://a.fr/p/"), "a.fr/p");
        assert_eq!(distinctive_labels("opendata.paris.fr"), ["paris"]);
        assert_eq!(
            distinctive_labels("eco-compteur-odsapps.opendatasoft.com"),
            ["eco-compteur-odsapps", "compteur"]
        );
    }
}
