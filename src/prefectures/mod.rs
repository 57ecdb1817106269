//! The préfecture directory (issue 6): shipped data, lookup, local corrections.
//!
//! INTERIM: the functions below are the contract used by the engine, the CLI and the TUI;
//! the data and the lookup are being built under issue 6.

use crate::domain::Departement;
use crate::domain::moteur::ConnaissancePrefecture;

/// What the engine needs to know of the préfecture of a département.
pub fn connaissance(d: Departement) -> ConnaissancePrefecture {
    ConnaissancePrefecture {
        nom: format!("la préfecture ({} {})", d.code(), d.nom()),
        ..ConnaissancePrefecture::default()
    }
}

/// Départements matching a query (number or name, accents and case ignored).
pub fn chercher(requete: &str) -> Vec<Departement> {
    Departement::depuis_code(requete).into_iter().collect()
}
