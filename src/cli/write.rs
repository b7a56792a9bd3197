//! Atomic output files: write to a temporary file in the destination directory, flush it to
//! disk, then rename it over the destination. An interrupted run leaves the old file or the
//! new one, never a partial one; the temporary file is removed if anything fails.
//!
//! The file gets the permissions a plain write would give it: those of the file it
//! replaces, or for a new file the usual ones under the user's umask (not the owner-only
//! mode of a temporary file).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically, creating parent directories as needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(contents))
}

/// Writes what `write` writes to `path` atomically (see [`write_atomic`]), streamed through
/// a buffer: a large report is never held whole.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let replaced = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cookielint-").suffix(".tmp");
    #[cfg(unix)]
    {
        // Created as a new file would be: read-write for all, less the umask.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, &mut temp);
    write(&mut out)?;
    out.flush()?;
    drop(out);
    if let Some(permissions) = replaced {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Whether writing `target` would replace one of `inputs`: whether its directory entry is
/// the one an input names (through linked directories too). The write replaces that entry:
/// a link at `target` is replaced, not what it points to.
///
/// Of the `inputs`, only those with the file name of `target` are resolved, so a tree of
/// any size costs one name comparison per file and a few system calls. An input of another
/// name reaches `target` only through a link, and a walk takes no links: such an input was
/// named on the command line, and each of the `named` paths is resolved.
pub fn overwrites_an_input<'a>(
    target: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
    named: &[PathBuf],
) -> bool {
    let Some(name) = target.file_name() else {
        return false;
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entry) = dir.canonicalize().map(|d| d.join(name)) else {
        // Its directory does not exist yet: no input is there.
        return false;
    };
    let resolves_to_entry = |input: &Path| input.canonicalize().is_ok_and(|p| p == entry);
    named.iter().any(|input| resolves_to_entry(input))
        || inputs.into_iter().any(|input| {
            input
                .file_name()
                .is_some_and(|n| n == name || entry.file_name() == Some(n))
                && resolves_to_entry(input)
        })
}
