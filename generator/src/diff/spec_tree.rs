//! Where `diff` reads each side from: a directory of spec files, or the spec directory at a git
//! revision, read with `git show` into a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ir::Api;

/// One side of a diff: a directory of spec files, or the spec directory at a git revision.
pub enum SpecTree {
    Directory(PathBuf),
    Git { revision: String, spec_dir: PathBuf, checkout: PathBuf },
}

impl SpecTree {
    /// A directory when `arg` is one; otherwise a git revision of `spec_dir`, whose files are
    /// read with `git show` into a temporary directory.
    pub fn resolve(arg: &str, spec_dir: &Path) -> Result<SpecTree, String> {
        if Path::new(arg).is_dir() {
            return Ok(SpecTree::Directory(PathBuf::from(arg)));
        }
        let git = |args: &[&str]| -> Result<String, String> {
            let output = Command::new("git").args(args).output().map_err(|err| format!("cannot run git: {err}"))?;
            if !output.status.success() {
                return Err(format!(
                    "{arg:?} is neither a directory nor a git revision: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        };
        let prefix = format!("./{}/", spec_dir.display());
        let listing = git(&["ls-tree", "--name-only", arg, &prefix])?;
        let checkout = std::env::temp_dir().join(format!("hwc-diff-{}-{}", std::process::id(), sanitize(arg)));
        std::fs::create_dir_all(&checkout).map_err(|err| format!("cannot create {}: {err}", checkout.display()))?;
        for path in listing.lines().filter(|p| p.ends_with(".yaml") || p.ends_with(".yml")) {
            let name = Path::new(path).file_name().ok_or("git listed an empty path")?;
            let text = git(&["show", &format!("{arg}:./{path}")])?;
            std::fs::write(checkout.join(name), text)
                .map_err(|err| format!("cannot write {}: {err}", checkout.display()))?;
        }
        Ok(SpecTree::Git { revision: arg.to_string(), spec_dir: spec_dir.to_path_buf(), checkout })
    }

    pub fn label(&self) -> String {
        match self {
            SpecTree::Directory(dir) => dir.display().to_string(),
            SpecTree::Git { revision, spec_dir, .. } => format!("{revision}:{}", spec_dir.display()),
        }
    }

    pub fn lower(&self) -> Result<Api, String> {
        let dir = match self {
            SpecTree::Directory(dir) => dir,
            SpecTree::Git { checkout, .. } => checkout,
        };
        crate::lower_dir(dir).map_err(|diagnostics| format!("{} does not lower:\n{diagnostics}", self.label()))
    }
}

impl Drop for SpecTree {
    fn drop(&mut self) {
        if let SpecTree::Git { checkout, .. } = self {
            let _ = std::fs::remove_dir_all(checkout);
        }
    }
}

fn sanitize(revision: &str) -> String {
    revision.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}
