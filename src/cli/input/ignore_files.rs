//! The ignore files and git configuration files the walk would open, looked at first:
//! a FIFO, socket or device there would block the walk forever (the `ignore` crate opens
//! them blocking), so a directory with one is reported instead of walked.

use std::path::{Path, PathBuf};

/// The ignore files the walk reads in each directory it enters and in the parents of the
/// directory it starts from.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".git/info/exclude"];

/// Whether `path` exists and is neither a regular file nor a directory: a FIFO, socket or
/// device, which opening (blocking, as the `ignore` crate does) would wait on forever or
/// read without end.
fn is_odd(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// An ignore file of `dir` that the walk would open and that [`is_odd`]: `.gitignore`,
/// `.ignore`, `.git/info/exclude`, or, where `.git` is a file naming a linked worktree's
/// git directory (`gitdir: X`), `X/commondir` and the `info/exclude` of the directory it
/// names, which the walk reads the same way.
pub(super) fn odd_ignore_file(dir: &Path) -> Option<PathBuf> {
    if let Some(odd) = IGNORE_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| is_odd(p))
    {
        return Some(odd);
    }
    let dot_git = dir.join(".git");
    if !std::fs::metadata(&dot_git).is_ok_and(|m| m.is_file()) {
        return None;
    }
    // As `ignore` resolves it: the first line of each file, `commondir` relative to the git
    // directory when it starts with a dot.
    let first_line = |path: &Path| -> Option<String> {
        use std::io::BufRead;
        let file = std::fs::File::open(path).ok()?;
        std::io::BufReader::new(file).lines().next()?.ok()
    };
    let git_dir = PathBuf::from(first_line(&dot_git)?.strip_prefix("gitdir: ")?);
    let commondir_file = git_dir.join("commondir");
    if is_odd(&commondir_file) {
        return Some(commondir_file);
    }
    let commondir = first_line(&commondir_file)?;
    let common = if commondir.starts_with('.') {
        git_dir.join(commondir)
    } else {
        PathBuf::from(commondir)
    };
    Some(common.join("info/exclude")).filter(|p| is_odd(p))
}

/// Whether the error of an odd global git file was reported (once per run, whatever the
/// number of directories walked).
pub(super) static GLOBAL_REPORTED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// A git configuration file the walk would open to find git's global ignore rules and that
/// [`is_odd`] (`/dev/null`, which `GIT_CONFIG_GLOBAL=/dev/null` commonly names, reads
/// empty and is no fault). The `ignore` crate reads `$GIT_CONFIG_GLOBAL`, `~/.gitconfig`,
/// `$XDG_CONFIG_HOME/git/config` (or `~/.config/git/config`), then `$GIT_CONFIG_SYSTEM`
/// (or `/etc/gitconfig`), in that order, up to the first that sets `core.excludesFile`;
/// the excludes file itself it opens only when it is a regular file. Looked for once per
/// run.
pub(super) fn odd_global_git_file() -> Option<&'static Path> {
    static ODD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    ODD.get_or_init(|| {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let home = std::env::home_dir();
        let xdg = var("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| h.join(".config")));
        let configs = [
            var("GIT_CONFIG_GLOBAL"),
            home.map(|h| h.join(".gitconfig")),
            xdg.map(|x| x.join("git/config")),
            Some(var("GIT_CONFIG_SYSTEM").unwrap_or_else(|| PathBuf::from("/etc/gitconfig"))),
        ];
        for config in configs.into_iter().flatten() {
            if is_odd(&config)
                && config.canonicalize().ok().as_deref() != Some(Path::new("/dev/null"))
            {
                return Some(config);
            }
            // Not odd: reading it cannot block. The walk reads no further configuration.
            if std::fs::read(&config).is_ok_and(|bytes| sets_excludes_file(&bytes)) {
                return None;
            }
        }
        None
    })
    .as_deref()
}

/// Whether git configuration `bytes` set `core.excludesFile` the way the `ignore` crate
/// reads it (its pattern `(?im-u)^\s*excludesfile\s*=\s*"?\s*(\S+?)\s*"?\s*$`, then
/// the value as UTF-8): a line `excludesfile = VALUE`, in any case, with a value of one word
/// (quoted or not), in a text that is all UTF-8. It may answer "no" where `ignore` finds a
/// setting (then later files are still looked at), never "yes" where it finds none (which
/// could leave a blocking file unseen).
pub(super) fn sets_excludes_file(bytes: &[u8]) -> bool {
    // The pattern's `\s`: ASCII whitespace, line tabulation included.
    fn space(b: &u8) -> bool {
        matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
    }
    fn trim(mut s: &[u8]) -> &[u8] {
        while let [first, rest @ ..] = s {
            if !space(first) {
                break;
            }
            s = rest;
        }
        while let [rest @ .., last] = s {
            if !space(last) {
                break;
            }
            s = rest;
        }
        s
    }
    std::str::from_utf8(bytes).is_ok()
        && bytes.split(|&b| b == b'\n').any(|line| {
            let line = trim(line);
            let Some((key, value)) = line.split_at_checked(12) else {
                return false;
            };
            let Some(value) = trim(value).strip_prefix(b"=") else {
                return false;
            };
            let value = trim(value);
            let value = value.strip_prefix(b"\"").unwrap_or(value);
            let value = value.strip_suffix(b"\"").unwrap_or(value);
            let value = trim(value);
            key.eq_ignore_ascii_case(b"excludesfile")
                && !value.is_empty()
                && !value.iter().any(space)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `ignore` 0.4 finds a `core.excludesFile` setting in `bytes`: its pattern and
    /// its reading of the value (`ignore::gitignore::parse_excludes_file`).
    fn ignore_finds_excludes_file(bytes: &[u8]) -> bool {
        use regex_automata::{meta::Regex, util::syntax};
        let re = Regex::builder()
            .configure(Regex::config().utf8_empty(false))
            .syntax(syntax::Config::new().utf8(false))
            .build(r#"(?im-u)^\s*excludesfile\s*=\s*"?\s*(\S+?)\s*"?\s*$"#)
            .unwrap();
        let mut caps = re.create_captures();
        re.captures(bytes, &mut caps);
        caps.get_group(1)
            .is_some_and(|span| std::str::from_utf8(&bytes[span]).is_ok())
    }

    #[test]
    fn an_excludes_file_setting_is_seen_only_where_ignore_sees_one() {
        for (text, sets) in [
            ("[core]\n\texcludesFile = ~/.gitignore_global\n", true),
            ("[core]\r\n\texcludesfile=\"/a/b\"\r\n", true),
            ("EXCLUDESFILE =x", true),
            ("excludesfile = /a b", false),
            ("excludesfile =", false),
            ("# excludesfile = x", false),
            ("excludesfilex = y", false),
            ("[core]\n\teditor = vi\n", false),
        ] {
            assert_eq!(sets_excludes_file(text.as_bytes()), sets, "{text:?}");
            assert_eq!(
                ignore_finds_excludes_file(text.as_bytes()),
                sets,
                "{text:?}"
            );
        }
        // Every line of up to five pieces: where ours says yes, `ignore` does too.
        let pieces: [&[u8]; 12] = [
            b"excludesfile",
            b"ExcludesFile",
            b"=",
            b" ",
            b"\t",
            b"\x0B",
            b"\"",
            b"x",
            b"\xC3\xA9",
            b"\xFF",
            b"\r",
            b"\n",
        ];
        let mut lines: Vec<Vec<u8>> = vec![Vec::new()];
        let mut seen = 0;
        for _ in 0..5 {
            lines = lines
                .iter()
                .flat_map(|l| pieces.iter().map(move |p| [l.as_slice(), p].concat()))
                .collect();
            for line in &lines {
                if sets_excludes_file(line) {
                    seen += 1;
                    assert!(
                        ignore_finds_excludes_file(line),
                        "{:?}",
                        String::from_utf8_lossy(line)
                    );
                }
            }
        }
        assert!(seen > 100, "{seen}");
    }
}
