//! The statistics' reads, through the store, folded here: one pass over the covered events of
//! the period (who is followed, and what happened to them), one over the earlier
//! `api_delivree` / `cloture` events of those people, one over the people's attributes.
//! Memory follows the people of the period, never the events.

use super::{Accumulateur, FaitsPersonne, Periode, Tableau};
use crate::domain::{Canal, Departement, TypeEvenement};
use crate::store::{ResultatStore, Store};
use std::collections::HashMap;

/// What is folded per person before their attributes are known.
struct Brouillon {
    faits: FaitsPersonne,
    attentes: Vec<i64>,
}

/// Streams the facts of every person followed in the period to `f` (unspecified order),
/// with the waiting times of that person's phone `ccc` events of the period.
pub fn faits_personnes(
    store: &Store,
    periode: Periode,
    mut f: impl FnMut(FaitsPersonne, &[i64]),
) -> ResultatStore<()> {
    // Any département: replaced by the person's own in `completer`.
    let Some(provisoire) = Departement::tous().next() else {
        return Ok(());
    };
    let mut suivies: HashMap<i64, Brouillon> = HashMap::new();
    store.evenements_stats_entre(periode.du, periode.au, |e| {
        let b = suivies.entry(e.personne_id).or_insert_with(|| Brouillon {
            faits: FaitsPersonne::sans_attributs(provisoire),
            attentes: Vec::new(),
        });
        if e.type_evenement == TypeEvenement::Ccc
            && e.canal == Some(Canal::Telephone)
            && let Some(m) = e.attente_minutes
        {
            b.attentes.push(m);
        }
        b.faits.ajouter(&e, true);
    })?;
    store.evenements_stats_avant(periode.du, |e| {
        if let Some(b) = suivies.get_mut(&e.personne_id) {
            b.faits.ajouter(&e, false);
        }
    })?;
    store.personnes_stats(|p| {
        if let Some(mut b) = suivies.remove(&p.id) {
            b.faits.completer(&p);
            f(b.faits, &b.attentes);
        }
    })
}

/// Folds the period into an accumulator (before any suppression).
pub fn accumuler(store: &Store, periode: Periode) -> ResultatStore<Accumulateur> {
    let mut acc = Accumulateur::nouveau(periode);
    faits_personnes(store, periode, |f, attentes| {
        let d: Departement = f.departement;
        acc.ajouter_personne(&f);
        for &m in attentes {
            acc.ajouter_attente(d, m);
        }
    })?;
    Ok(acc)
}

/// Computes the whole table of docs/fichiers.md §4 for a period.
pub fn calculer(
    store: &Store,
    periode: Periode,
    par_departement: bool,
    seuil: u64,
) -> ResultatStore<Tableau> {
    Ok(accumuler(store, periode)?.tableau(seuil, par_departement))
}
