//! Walking, snapshotting and comparing folders.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path`, creating its parent folders.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// One entry of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// `path` relative to `base`, with `/` between its parts.
fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .expect("under base")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The relative paths (with `/`) of the files under `dir`, without reading them (nothing if
/// `dir` does not exist).
pub fn list(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.expect("dir entry");
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(relative(base, &path));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

/// Every file, folder and link under `dir` (links are recorded, not followed).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        for entry in fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("dir entry").path();
            let rel = path.strip_prefix(base).expect("under base").to_path_buf();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.file_type().is_symlink() {
                out.insert(rel, Entry::Link(fs::read_link(&path).expect("read_link")));
            } else if meta.is_dir() {
                out.insert(rel, Entry::Dir);
                walk(base, &path, out);
            } else {
                out.insert(rel, Entry::File(fs::read(&path).expect("read")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The regular files under `dir`: relative path (with `/`) -> bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter_map(|(path, entry)| match entry {
            Entry::File(bytes) => Some((relative(Path::new(""), &path), bytes)),
            _ => None,
        })
        .collect()
}

/// The names of the entries directly in `dir`.
pub fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

/// Assert two snapshots are equal, naming the first differences.
pub fn assert_same(
    before: &BTreeMap<PathBuf, Entry>,
    after: &BTreeMap<PathBuf, Entry>,
    what: &str,
) {
    if before == after {
        return;
    }
    let gone: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let new: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    panic!("{what}: gone {gone:?}, new {new:?}, changed {changed:?}");
}

#[cfg(unix)]
#[test]
fn snapshots_see_files_folders_and_links_and_name_differences() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write(&dir.join("a/b.txt"), "b");
    write(&dir.join("c.txt"), "c");
    std::os::unix::fs::symlink("c.txt", dir.join("link")).expect("symlink");
    let before = snapshot(dir);
    assert_eq!(before.get(Path::new("a")), Some(&Entry::Dir));
    assert_eq!(
        before.get(Path::new("a/b.txt")),
        Some(&Entry::File(b"b".to_vec()))
    );
    assert_eq!(
        list(dir),
        ["a/b.txt", "c.txt", "link"].map(String::from).into()
    );
    assert_eq!(names(dir), ["a", "c.txt", "link"].map(String::from).into());
    assert_eq!(
        before.get(Path::new("link")),
        Some(&Entry::Link("c.txt".into()))
    );
    assert_eq!(
        files(dir).keys().collect::<Vec<_>>(),
        ["a/b.txt", "c.txt"],
        "links are not files"
    );
    assert_same(&before, &snapshot(dir), "unchanged");
    write(&dir.join("a/b.txt"), "changed");
    let err = std::panic::catch_unwind(|| assert_same(&before, &snapshot(dir), "after"))
        .expect_err("a changed file is a difference");
    let message = err.downcast_ref::<String>().expect("a message");
    assert!(message.contains("changed [\"a/b.txt\"]"), "{message}");
}
