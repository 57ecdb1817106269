//! The statistics' reads, through the store: the facts of every person followed in the
//! period and the phone waiting times, both streamed (no event is loaded into memory).

use super::{Accumulateur, FaitsPersonne, Periode, Tableau};
use crate::store::{ResultatStore, Store};

/// Streams the facts of every person followed in the period to `f` (unspecified order).
pub fn faits_personnes(
    store: &Store,
    periode: Periode,
    f: impl FnMut(FaitsPersonne),
) -> ResultatStore<()> {
    store.faits_personnes_suivies_entre(periode.du, periode.au, f)
}

/// Computes the whole table of docs/fichiers.md §4 for a period.
pub fn calculer(
    store: &Store,
    periode: Periode,
    par_departement: bool,
    seuil: u64,
) -> ResultatStore<Tableau> {
    let mut acc = Accumulateur::nouveau(periode);
    faits_personnes(store, periode, |f| acc.ajouter_personne(&f))?;
    store.attentes_telephone_entre(periode.du, periode.au, |d, minutes| {
        acc.ajouter_attente(d, minutes)
    })?;
    Ok(acc.tableau(seuil, par_departement))
}
