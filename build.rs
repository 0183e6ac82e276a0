//! Embeds every `glossary/*.yaml` and `*.yml` present at build time: writes
//! `$OUT_DIR/builtin_glossary.rs`, a `&[(file name, contents)]` list of
//! `include_str!`s, sorted by file name. No folder, or an empty one, gives
//! an empty list.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let folder = root.join("glossary");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={}", folder.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .map(|dir| {
            dir.filter_map(|item| item.ok().map(|item| item.path()))
                .collect()
        })
        .unwrap_or_default();
    files.retain(|path| is_glossary(path));
    files.sort();
    let mut code = String::from("&[\n");
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("builtin_glossary.rs"), code).expect("write builtin_glossary.rs");
}

fn is_glossary(path: &Path) -> bool {
    path.is_file()
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
        && path.file_name().and_then(|n| n.to_str()).is_some()
}
