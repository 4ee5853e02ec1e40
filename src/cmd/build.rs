//! `nnbook build`: build the site into the output folder.

use std::path::{Path, PathBuf};

use nnbook::message_format::MessageFormat;
use nnbook::project::SITE_DIR;
use nnbook::{BuildOptions, Error};

/// The output folder: `out`, by default `ROOT/site`.
pub fn output(root: &Path, out: Option<PathBuf>) -> PathBuf {
    out.unwrap_or_else(|| {
        if root == Path::new(".") {
            PathBuf::from(SITE_DIR)
        } else {
            root.join(SITE_DIR)
        }
    })
}

/// Build the project as `options` say; print the summary unless `quiet`, problems in `format`.
pub fn run(options: BuildOptions, quiet: bool, format: MessageFormat) -> Result<(), Error> {
    keep_freed_memory();
    super::note_if_busy(&options.out);
    let summary = nnbook::build(&options)?;
    super::report(&summary.warnings, (format, &options.root));
    if !quiet {
        super::summary(&summary.to_string(), format);
    }
    Ok(())
}

/// A build makes and drops a few large buffers per lesson (its page, its notebook: 50 to 200
/// KB). By default glibc's allocator maps such blocks afresh and gives freed memory back to the
/// system at once, so every lesson pays again for zeroed pages (59,000 page faults and about a
/// tenth of the CPU time of a 1,000-lesson build; 8,600 faults with this). A one-shot build
/// keeps what it freed for the next lesson instead: blocks up to 32 MB come from the heap, and
/// the heap is trimmed only above 512 MB free. Other C libraries are left as they are.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // glibc's <malloc.h>.
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: mallopt only sets allocator parameters; it is called before the build starts any
    // thread, and a refused value (returning 0) leaves the default in place.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 512 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
