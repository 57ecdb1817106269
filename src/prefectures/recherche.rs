//! Finding départements from what a volunteer types: the domain's one matcher, given the
//! préfecture towns of the shipped directory.

use crate::domain::{Departement, departements};

/// The town of a département's préfecture, from the shipped directory (`None` when the
/// directory cannot be read).
pub fn ville_prefecture(d: Departement) -> Option<&'static str> {
    super::repertoire()
        .ok()
        .map(|r| r.entree(d).coordonnees.prefecture_city.as_str())
}

pub(super) fn chercher(requete: &str) -> Vec<Departement> {
    departements::chercher(requete, ville_prefecture)
}
