//! ## What it does
//! Reports malformed URLs in headings and paragraphs, the platform URL included. That is
//! a misspelt scheme (`htps://`), `https:` without its `//`, `https//` without its `:`, a
//! URL with no host or a malformed host (`https://opendata..example.org`; an IPv6 host in
//! brackets is a host), a space inside a URL written in angle brackets, and a platform URL
//! in `http://` where the template uses `https://`.
//!
//! Only web URLs are checked: a URL with a well-known other scheme (`ftp://`, `file://`)
//! or a scheme nothing like `http` is left alone. A URL written inside a web URL (in its
//! query string, `https://a.example/?next=https://b.example`) is part of it, not checked on
//! its own. The `http://` check applies to the
//! platform URL only, since prose may rightly link to sites without HTTPS.
//!
//! ## Why it matters
//! A malformed URL is not a link in any renderer, and a malformed platform URL means the
//! policy does not say which site it covers. A platform served over `https://` but named
//! with `http://` sends readers through a redirect, or nowhere.
//!
//! ## Example
//! Failing:
//! ```text
//! What cookies are used on the <htps://opendata.example.org> platform
//! ```
//! Passing:
//! ```text
//! What cookies are used on the <https://opendata.example.org> platform
//! ```
//!
//! ## Fix
//! Correct the URL as the message says.

use crate::lint::{Emitter, LintContext};
use crate::source::Span;

/// Schemes that are not web URLs but are well-formed: never reported.
const OTHER_SCHEMES: &[&str] = &[
    "file", "ftp", "ftps", "git", "irc", "ircs", "sftp", "smb", "ssh", "svn", "ws", "wss",
];

/// Reports each malformed URL in headings and paragraphs, and an `http://` platform URL.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let mut spans: Vec<Span> = doc
        .title
        .iter()
        .map(|t| t.text.span)
        .chain(doc.sections.iter().map(|s| s.heading.text.span))
        .chain(doc.paragraphs().map(|p| p.text.span))
        .collect();
    // A URL on its own line is taken out of the paragraphs by the model.
    if let Some(url) = &doc.platform_url {
        if !spans.iter().any(|s| s.contains(url.span)) {
            spans.push(url.span);
        }
    }
    let platform = doc.platform_url.as_ref().map(|u| u.span.start);
    let mut seen: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for span in spans {
        let raw = cx.source.slice(span);
        for finding in scan(raw) {
            let start = span.start + finding.range.start;
            if !seen.insert(start) {
                continue;
            }
            let url_span = Span::new(start, span.start + finding.range.end);
            let url = cx.source.slice(url_span);
            let problem = match finding.problem {
                Some(problem) => problem,
                None if Some(start) == platform && finding.scheme == "http" => Problem::Insecure,
                None => continue,
            };
            let (message, help) = describe(url, &problem);
            let _ = out
                .emit(url_span, message)
                .help(help)
                .fingerprint(format!("invalid-url:{url}"));
        }
    }
}

/// What is wrong with a URL.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    NoScheme,
    MisspeltScheme(String),
    MissingSlashes(String),
    MissingColon(String),
    Space,
    NoHost,
    BadHost(String),
    Insecure,
}

/// The outcome of checking one URL.
enum Verdict {
    /// A well-formed web URL.
    Fine,
    /// Not a web URL: not checked.
    Ignore,
    /// A malformed web URL.
    Bad(Problem),
}

/// A URL found in a text: where, its lower-case scheme, and what is wrong with it.
#[derive(Debug)]
struct Found {
    range: std::ops::Range<usize>,
    scheme: String,
    problem: Option<Problem>,
}

fn describe(url: &str, problem: &Problem) -> (String, String) {
    match problem {
        Problem::NoScheme => (
            format!("URL `{url}` has no scheme"),
            "start it with `https://`".to_owned(),
        ),
        Problem::MisspeltScheme(scheme) => (
            format!("URL `{url}` has a misspelt scheme `{scheme}`"),
            "write `https://` (or `http://`)".to_owned(),
        ),
        Problem::MissingSlashes(scheme) => (
            format!("URL `{url}` lacks the `//` after `{scheme}:`"),
            format!("write `{scheme}://` followed by the host"),
        ),
        Problem::MissingColon(scheme) => (
            format!("URL `{url}` lacks the `:` after `{scheme}`"),
            format!("write `{scheme}://` followed by the host"),
        ),
        Problem::Space => (
            format!("URL `{url}` contains a space"),
            "remove the space: a URL cannot contain one".to_owned(),
        ),
        Problem::NoHost => (
            format!("URL `{url}` has no host"),
            "write the site's host name after `://`".to_owned(),
        ),
        Problem::BadHost(host) => (
            format!("URL `{url}` has a malformed host `{host}`"),
            "write the host as dot-separated names of letters, digits and hyphens".to_owned(),
        ),
        Problem::Insecure => (
            format!("the platform URL `{url}` uses `http://` where the template uses `https://`"),
            "write the platform URL with `https://`".to_owned(),
        ),
    }
}

/// Finds the URLs of `text` (byte ranges into it) and checks each one, in order.
///
/// Every URL this rule knows has a colon after its scheme: one pass over the colons finds
/// both the `scheme://` ones and the `http:` ones that lack their slashes. A colon inside a
/// web URL already found is part of it (`https://a.example/?next=https://b.example`), not
/// the start of another: URLs do not overlap, so a text yields at most one finding per
/// byte of URL whatever its colons.
fn scan(text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut ends = Ends::new(text);
    for colon in memchr::memchr_iter(b':', text.as_bytes()) {
        if found.last().is_some_and(|f| colon < f.range.end) {
            continue;
        }
        let url = if text.as_bytes().get(colon + 1..colon + 3) == Some(b"//") {
            with_slashes(text, colon, &mut ends)
        } else {
            missing_slashes(text, colon, &mut ends)
        };
        found.extend(url);
    }
    let without_colon = missing_colons(text, &found, &mut ends);
    if !without_colon.is_empty() {
        found.extend(without_colon);
        found.sort_by_key(|f| f.range.start);
    }
    found
}

/// The `http//` and `https//` (colon lost) of `text` on a word boundary, outside the URLs
/// `found` already holds (`https://a.example/?u=http//b` is one URL).
fn missing_colons(text: &str, found: &[Found], ends: &mut Ends<'_>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    if memchr::memchr(b'/', text.as_bytes()).is_none() {
        return out;
    }
    // Both lists are in order and `//` is met in order: one pass over `found`.
    let mut next_found = found.iter().peekable();
    // The searcher is built once per process: most texts have no `//` at all.
    static SLASHES: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = SLASHES.get_or_init(|| memchr::memmem::Finder::new(b"//"));
    for slashes in finder.find_iter(text.as_bytes()) {
        let before = text.get(..slashes).unwrap_or("");
        let Some(name) = ["https", "http"].into_iter().find(|name| {
            before.len() >= name.len()
                && before
                    .get(before.len() - name.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(name))
        }) else {
            continue;
        };
        let at = slashes - name.len();
        let boundary = text
            .get(..at)
            .and_then(|b| b.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric());
        while next_found.next_if(|f| f.range.end <= at).is_some() {}
        let inside = next_found
            .peek()
            .into_iter()
            .copied()
            .chain(out.last())
            .any(|f| f.range.start <= at && at < f.range.end);
        let host = text.get(slashes + 2..).unwrap_or("");
        if !boundary || inside || !host.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let bracketed = text.get(..at).unwrap_or("").ends_with('<');
        let end = url_end(text, slashes + 2, bracketed, ends);
        out.push(Found {
            range: at..end,
            scheme: name.to_owned(),
            problem: Some(Problem::MissingColon(name.to_owned())),
        });
    }
    out
}

/// Most characters between the brackets of an IPv6 host looked at: an address (45) and a
/// zone.
const MAX_IPV6_HOST: usize = 64;

/// Where the URLs of one text end, found by searches that each start where the last one
/// stopped: colons are met in order, and every URL after one colon ends at the same place
/// (a text of many `ftp://` or `<http://` without an end would otherwise be searched to
/// its end once per colon).
struct Ends<'t> {
    text: &'t str,
    /// The last search for a bare URL's end: (searched from, end found, start of the
    /// sentence punctuation before that end).
    bare: Option<(usize, usize, usize)>,
    /// The last search for a `>` or a line break: (searched from, found at, if found).
    close: Option<(usize, Option<usize>)>,
}

impl<'t> Ends<'t> {
    fn new(text: &'t str) -> Self {
        Ends {
            text,
            bare: None,
            close: None,
        }
    }

    /// Where a bare URL starting before `from` ends (`syntax::line::ends_url`), and where
    /// the sentence punctuation at its end starts (not before the `from` of the search
    /// that found that end, which is at or before `from`).
    fn bare(&mut self, from: usize) -> (usize, usize) {
        if let Some((searched, stop, trailing)) = self.bare {
            if searched <= from && from <= stop {
                return (stop, trailing);
            }
        }
        let rest = self.text.get(from..).unwrap_or("");
        // An IPv6 host in brackets (`https://[2001:db8::1]/`): the brackets are the host's.
        // Only the characters of an IPv6 address are looked at (at most 45 and a zone).
        let host = rest
            .strip_prefix('[')
            .map(|r| {
                r.bytes()
                    .take(MAX_IPV6_HOST)
                    .take_while(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.' | b'%'))
                    .count()
            })
            .filter(|&i| rest.get(i + 1..).is_some_and(|r| r.starts_with(']')))
            .map_or(0, |i| i + 2);
        let after_host = rest.get(host..).unwrap_or("");
        let stop = from
            + host
            + after_host
                .find(crate::syntax::line::ends_url)
                .unwrap_or(after_host.len());
        let url = rest.get(..stop - from).unwrap_or("");
        let trailing = from
            + url
                .trim_end_matches(crate::syntax::line::URL_TRAILING)
                .len();
        self.bare = Some((from, stop, trailing));
        (stop, trailing)
    }

    /// The first `>`, `\n` or `\r` at or after `from`.
    fn close(&mut self, from: usize) -> Option<usize> {
        if let Some((searched, at)) = self.close {
            if searched <= from && at.is_none_or(|at| from <= at) {
                return at;
            }
        }
        let rest = self.text.get(from..)?;
        let at = rest.find(['>', '\n', '\r']).map(|at| from + at);
        self.close = Some((from, at));
        at
    }
}

/// The URL written `scheme://...` around the `://` at byte `at`, checked (`None`: not a web
/// URL).
fn with_slashes(text: &str, at: usize, ends: &mut Ends<'_>) -> Option<Found> {
    let before = text.get(..at).unwrap_or("");
    let scheme_len = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        .map(char::len_utf8)
        .sum::<usize>();
    let start = at - scheme_len;
    let scheme = before.get(start..).unwrap_or("").to_ascii_lowercase();
    let bracketed = text.get(..start).unwrap_or("").ends_with('<');
    let after = text.get(at + 3..).unwrap_or("");
    // A space right after `://`: the URL goes on after it when a host follows.
    let next = after.trim_start_matches([' ', '\t']);
    let host_follows = next.len() < after.len()
        && next
            .split(char::is_whitespace)
            .next()
            .is_some_and(|word| word.contains('.'));
    let spaces = if host_follows {
        after.len() - next.len()
    } else {
        0
    };
    let end = url_end(text, at + 3 + spaces, bracketed, ends);
    let url = text.get(start..end).unwrap_or("");
    let problem = match check_url(&scheme, url, bracketed, after) {
        Verdict::Ignore => return None,
        Verdict::Fine => None,
        Verdict::Bad(problem) => Some(problem),
    };
    Some(Found {
        range: start..end,
        scheme,
        problem,
    })
}

/// Where a URL starting before `from` ends: at the closing `>` when it was opened with `<`
/// (or the end of the line), else where a bare URL ends (`syntax::line::ends_url`), trailing
/// sentence punctuation excluded.
fn url_end(text: &str, from: usize, bracketed: bool, ends: &mut Ends<'_>) -> usize {
    if bracketed {
        if let Some(close) = ends.close(from) {
            if text.as_bytes().get(close) == Some(&b'>') {
                return close;
            }
        }
    }
    if text.get(from..).is_none() {
        return from;
    }
    let (_, trailing) = ends.bare(from);
    trailing.max(from)
}

/// Checks one URL written `scheme://...`; `after` is the text after `://`.
fn check_url(scheme: &str, url: &str, bracketed: bool, after: &str) -> Verdict {
    if scheme.is_empty() {
        return Verdict::Bad(Problem::NoScheme);
    }
    if scheme != "http" && scheme != "https" {
        let near = distance(scheme, "http") <= 2 || distance(scheme, "https") <= 2;
        return if near && !OTHER_SCHEMES.contains(&scheme) {
            Verdict::Bad(Problem::MisspeltScheme(scheme.to_owned()))
        } else {
            Verdict::Ignore
        };
    }
    if bracketed && url.contains(char::is_whitespace) {
        return Verdict::Bad(Problem::Space);
    }
    if after.starts_with([' ', '\t']) {
        let next = after.trim_start_matches([' ', '\t']);
        let word = next.split(char::is_whitespace).next().unwrap_or("");
        return Verdict::Bad(if word.contains('.') {
            Problem::Space
        } else {
            Problem::NoHost
        });
    }
    let rest = url.get(scheme.len() + 3..).unwrap_or("");
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if !host.starts_with('[') || host.ends_with(']') => {
            if !port.chars().all(|c| c.is_ascii_digit()) {
                return Verdict::Bad(Problem::BadHost(host_port.to_owned()));
            }
            host
        }
        _ => host_port,
    };
    if host.is_empty() {
        Verdict::Bad(Problem::NoHost)
    } else if is_host(host) {
        Verdict::Fine
    } else {
        Verdict::Bad(Problem::BadHost(host.to_owned()))
    }
}

/// Whether `host` is a plausible host: `localhost`, an IPv6 literal in brackets, or two or
/// more dot-separated labels of letters, digits, hyphens and underscores, not starting or
/// ending with a hyphen.
fn is_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || (host.starts_with('[') && host.ends_with(']')) {
        return true;
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
}

/// `http:` or `https:` not followed by `//`, starting on a word boundary, with its colon at
/// byte `colon`.
fn missing_slashes(text: &str, colon: usize, ends: &mut Ends<'_>) -> Option<Found> {
    let before = text.as_bytes().get(..colon).unwrap_or_default();
    let name = ["https", "http"].into_iter().find(|name| {
        before.len() >= name.len()
            && before
                .get(before.len() - name.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(name.as_bytes()))
    })?;
    let at = colon - name.len();
    let boundary = text
        .get(..at)
        .and_then(|b| b.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric());
    let after = text.get(colon + 1..).unwrap_or("");
    if !boundary
        || after.starts_with("//")
        || after.starts_with(char::is_whitespace)
        || after.is_empty()
    {
        return None;
    }
    let bracketed = text.get(..at).unwrap_or("").ends_with('<');
    let end = url_end(text, colon + 1, bracketed, ends);
    Some(Found {
        range: at..end,
        scheme: name.to_owned(),
        problem: Some(Problem::MissingSlashes(name.to_owned())),
    })
}

/// Levenshtein distance between two short ASCII words.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != *cb);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = cost.min(above + 1).min(left + 1);
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Option<Problem>> {
        scan(text).into_iter().map(|f| f.problem).collect()
    }

    #[test]
    fn a_scheme_without_its_colon_is_found() {
        for text in [
            "see https//opendata.example.org",
            "<http//opendata.example.org>",
        ] {
            let found = scan(text);
            assert_eq!(found.len(), 1, "{text}");
            let scheme = if text.contains("https") {
                "https"
            } else {
                "http"
            };
            assert_eq!(found[0].problem, Some(Problem::MissingColon(scheme.into())));
            let url = text.get(found[0].range.clone()).unwrap_or_default();
            assert!(
                url.starts_with(scheme) && url.ends_with("example.org"),
                "{url}"
            );
        }
        // Inside a URL, without a boundary or without a host, it is not one.
        for text in [
            "https://a.example/?next=https//b.example",
            "xhttps//a.example",
            "https// a.example",
            "https//",
        ] {
            assert!(
                scan(text).iter().all(|f| f.problem.is_none()),
                "{text}: {:?}",
                scan(text)
            );
        }
    }

    #[test]
    fn an_ipv6_host_is_a_host() {
        for text in [
            "see https://[2001:db8::1]/api/ here",
            "<https://[2001:db8::1]:8443/x>",
            "https://[::1]",
        ] {
            assert_eq!(problems(text), vec![None], "{text}");
        }
    }

    #[test]
    fn good_urls_pass() {
        assert_eq!(
            problems("sur la plateforme <https://opendata.paris.fr>"),
            vec![None]
        );
        assert_eq!(
            problems("the <https://eco-compteur-odsapps.opendatasoft.com> platform"),
            vec![None]
        );
        assert_eq!(problems("see https://example.org/a?b=c#d."), vec![None]);
        assert_eq!(
            problems("ftp://files.example.org and mailto:x@example.org"),
            vec![]
        );
        assert_eq!(problems("http://localhost:8080/x"), vec![None]);
    }

    #[test]
    fn a_url_inside_a_web_url_is_part_of_it() {
        assert_eq!(
            problems("see https://a.example/?next=htps://b.example now"),
            vec![None]
        );
        // Each `http:/` began a URL running to the end of the text: as many findings as
        // repetitions, each quoting the rest of the text (gigabytes of messages for a
        // paragraph of 100 KB).
        let text = "http:/".repeat(2000);
        let found = scan(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, 0..text.len());
        // Non-web URLs are looked into: a web URL after `ftp://` is still checked.
        assert_eq!(
            problems("ftp://x.example/https:/y.example"),
            vec![Some(Problem::MissingSlashes("https".into()))]
        );
    }

    #[test]
    fn many_urls_without_an_end_are_each_delimited() {
        let text = "<http://a.b ".repeat(3);
        let ranges: Vec<_> = scan(&text).into_iter().map(|f| f.range).collect();
        assert_eq!(ranges, [1..11, 13..23, 25..35]);
        let text = "ftp://ftp://x.example/ http:/y.example.";
        let ranges: Vec<_> = scan(text)
            .into_iter()
            .map(|f| (f.range.start, f.range.end))
            .collect();
        assert_eq!(ranges, [(23, 38)]);
    }

    #[test]
    fn malformed_urls_are_found() {
        assert_eq!(
            problems("<htps://opendata.example.org>"),
            vec![Some(Problem::MisspeltScheme("htps".into()))]
        );
        assert_eq!(
            problems("<https://opendata. example.org>"),
            vec![Some(Problem::Space)]
        );
        assert_eq!(problems("see https://"), vec![Some(Problem::NoHost)]);
        assert_eq!(
            problems("https://opendata..example.org"),
            vec![Some(Problem::BadHost("opendata..example.org".into()))]
        );
        assert_eq!(
            problems("at https:/opendata.example.org"),
            vec![Some(Problem::MissingSlashes("https".into()))]
        );
        assert_eq!(distance("htps", "https"), 1);
        assert_eq!(distance("ftp", "http"), 2);
    }
}
