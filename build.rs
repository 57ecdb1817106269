//! Tells the tests which external tools they can drive. A test that needs tmux (the TUI
//! driven end to end) or `script` (a pseudo-terminal) is marked ignored — reported by
//! `cargo test` as such, with the reason — when the tool is not on PATH; it never passes
//! without running.

use std::path::PathBuf;

fn chercher(outil: &str) -> Option<PathBuf> {
    let chemins = std::env::var_os("PATH")?;
    std::env::split_paths(&chemins)
        .map(|d| d.join(outil))
        .find(|p| p.is_file())
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    for (outil, drapeau) in [
        ("tmux", "vigie_tmux"),
        ("script", "vigie_script"),
        ("pdftotext", "vigie_pdftotext"),
    ] {
        println!("cargo::rustc-check-cfg=cfg({drapeau})");
        match chercher(outil) {
            Some(p) => {
                println!("cargo::rustc-cfg={drapeau}");
                println!("cargo::rerun-if-changed={}", p.display());
            }
            None => {
                // A path that does not exist: the script runs again at the next build, so
                // installing the tool is seen.
                println!("cargo::rerun-if-changed=.outil-absent-{outil}");
                println!(
                    "cargo::warning={outil} absent : les tests qui en ont besoin seront ignorés"
                );
            }
        }
    }
}
