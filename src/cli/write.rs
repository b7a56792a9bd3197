//! Atomic output files: write to a temporary file in the destination directory, flush it to
//! disk, then rename it over the destination. An interrupted run leaves the old file or the
//! new one, never a partial one; the temporary file is removed if anything fails.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically, creating parent directories as needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".cookielint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
