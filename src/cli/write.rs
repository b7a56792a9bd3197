//! Atomic output files: write to a temporary file in the destination directory, flush it to
//! disk, then rename it over the destination. An interrupted run leaves the old file or the
//! new one, never a partial one; the temporary file is removed if anything fails.
//!
//! The file gets the permissions a plain write would give it: those of the file it
//! replaces, or for a new file the usual ones under the user's umask (not the owner-only
//! mode of a temporary file).

use std::io::Write;
use std::path::Path;

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
