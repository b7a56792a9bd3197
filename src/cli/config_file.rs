//! Finding and reading `cookielint.toml`: the file-system half of configuration (the
//! library's `config` module parses and resolves the text).

use std::path::{Path, PathBuf};

use miette::NamedSource;

use cookielint::config::{absolute, resolve_text, Config, ConfigError, CONFIG_NAME};

/// The nearest `cookielint.toml` in `start` or its ancestors. A path that does not exist
/// (the name given to standard input, a file named but missing) is searched from its
/// nearest ancestor that does.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut at = start;
    let absolute = loop {
        // A bare name's parent is the working directory.
        let probe = match at.as_os_str().is_empty() {
            true => Path::new("."),
            false => at,
        };
        match std::fs::canonicalize(probe) {
            Ok(absolute) => break absolute,
            Err(_) if !at.as_os_str().is_empty() => at = at.parent()?,
            Err(_) => return None,
        }
    };
    let mut dir = if absolute.is_dir() {
        Some(absolute.as_path())
    } else {
        absolute.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(CONFIG_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Reads and resolves a configuration file; relative input paths resolve against `cwd`.
pub fn load(path: &Path, cwd: &Path) -> Result<Config, Box<ConfigError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Box::new(ConfigError {
            message: format!("cannot read {}: {e}", path.display()),
            source_code: NamedSource::new(path.display().to_string(), String::new()),
            span: None,
            label: String::new(),
            help: None,
        })
    })?;
    // The root is canonical, as a configuration found by looking upward is: a file is
    // placed relative to it through its directory's canonical path when its own spelling
    // (through a symbolic link) is not below it (`configs::RelativePaths`).
    let root = absolute(path.parent().unwrap_or(Path::new(".")), cwd);
    let root = root.canonicalize().unwrap_or(root);
    resolve_text(&path.display().to_string(), &text, &root, cwd).map(|mut c| {
        c.path = Some(path.to_path_buf());
        c
    })
}
