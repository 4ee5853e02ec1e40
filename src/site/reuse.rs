//! Files a rebuild need not create again: a file whose bytes are the same as the published
//! site's goes into the staging folder as a hard link to the published one instead of being
//! written (creating a file is what costs on a disk; reading one back is cheap). The swap stays
//! one step; the old tree's names go, the linked data stays with the new tree. Whether a file
//! is unchanged is decided by comparing its bytes, so a file edited in the output by hand is
//! written anew. A lesson whose inputs did not change is not even rendered: its files are
//! linked as the manifest beside the output recorded them ([`super::manifest`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::manifest::{LessonRecord, Manifest};

/// The site published at the output folder, if there is one, with what the build that
/// published it recorded about its lessons.
#[derive(Debug, Default)]
pub struct Previous {
    dir: Option<PathBuf>,
    manifest: Manifest,
}

impl Previous {
    /// The site published at `out`, to link unchanged files from.
    pub fn at(out: &Path) -> Previous {
        Previous {
            dir: Some(out.to_path_buf()),
            manifest: Manifest::read(out),
        }
    }

    /// The lesson in folder `dir`, if the published site holds it as built from inputs with
    /// manifest key `key` (see [`super::manifest`]): it need not be rendered.
    pub fn reusable(&self, dir: &str, key: &str) -> Option<LessonRecord> {
        self.manifest.reusable(self.dir.as_ref()?, dir, key)
    }

    /// What the published site holds that nnbook did not write ([`Manifest::foreign`]).
    pub fn foreign(&self) -> Vec<String> {
        self.dir
            .as_ref()
            .map(|dir| self.manifest.foreign(dir))
            .unwrap_or_default()
    }

    /// Put the published file `rel` at `dest`, as a hard link (a copy where linking fails).
    pub fn link(&self, rel: &str, dest: &Path) -> io::Result<()> {
        let old = self
            .dir
            .as_ref()
            .map(|d| d.join(rel))
            .ok_or(io::ErrorKind::NotFound)?;
        fs::hard_link(&old, dest).or_else(|_| fs::copy(&old, dest).map(drop))
    }

    /// Put `bytes` at `dest` (the staging folder's `rel`): a hard link to the published file
    /// when it holds exactly these bytes, else a new file.
    pub fn place(&self, rel: &str, bytes: &[u8], dest: &Path) -> io::Result<()> {
        if let Some(old) = self.dir.as_ref().map(|d| d.join(rel)) {
            let same_size = fs::symlink_metadata(&old)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
            if same_size
                && fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes)
                && fs::hard_link(&old, dest).is_ok()
            {
                return Ok(());
            }
        }
        fs::write(dest, bytes)
    }
}
