//! The rules in force: every duration and legal threshold, with its source and check date.
//! Shipped in `assets/`, embedded in the binary, overridable from the user's config folder.
//!
//! INTERIM: the type is the contract; its content and the loader are built under issue 5.

/// Every duration the engine uses (see `assets/regles.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Regles {}

/// Loads the shipped rules and the user's override; returns the rules in force and the
/// French warnings to show (a malformed override leaves the shipped rules in force).
pub fn charger() -> (Regles, Vec<String>) {
    (Regles::default(), Vec::new())
}
