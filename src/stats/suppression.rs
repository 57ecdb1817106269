//! Primary and secondary suppression (docs/fichiers.md §4): no published row about fewer than K
//! people, and no masked cell recoverable from its group's total.

use super::{Indicateur, Ligne, Statut, Valeur};
use crate::domain::Departement;

/// A group of cells adding up to a total (docs/fichiers.md §4, secondary suppression).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groupe {
    pub total: usize,
    pub cellules: Vec<usize>,
}

/// The groups of docs/fichiers.md §4 in examination order: for each block in output order its (a)
/// groups (`demarche`, then `blocage`); then, with `par_departement`, the (b) groups in the
/// output order of their `ensemble` row, for every indicator counting people (medians are
/// not counts of people and form no group).
pub fn groupes(lignes: &[Ligne], par_departement: bool) -> Vec<Groupe> {
    let mut out = Vec::new();
    let mut blocs: Vec<Option<Departement>> = Vec::new();
    for l in lignes {
        if blocs.last() != Some(&l.departement) {
            blocs.push(l.departement);
        }
    }
    for bloc in &blocs {
        let Some(total) = lignes
            .iter()
            .position(|l| l.departement == *bloc && l.indicateur == Indicateur::PersonnesSuivies)
        else {
            continue;
        };
        for ind in [Indicateur::Demarche, Indicateur::Blocage] {
            let cellules: Vec<usize> = (0..lignes.len())
                .filter(|&i| lignes[i].departement == *bloc && lignes[i].indicateur == ind)
                .collect();
            out.push(Groupe { total, cellules });
        }
    }
    if par_departement {
        for (total, l) in lignes.iter().enumerate() {
            if l.departement.is_some() || l.indicateur.est_mediane() {
                continue;
            }
            let cellules: Vec<usize> = (0..lignes.len())
                .filter(|&i| {
                    lignes[i].departement.is_some()
                        && lignes[i].indicateur == l.indicateur
                        && lignes[i].modalite == l.modalite
                })
                .collect();
            out.push(Groupe { total, cellules });
        }
    }
    out
}

/// Primary then secondary suppression, in place.
///
/// Primary: a count with 0 < valeur < K, or a row with 0 < base < K, is `masque`; so is a
/// median of events (phone waits) coming from fewer than K people, even when there are K
/// events or more ("no row about fewer than K people").
/// Secondary: a group with exactly one masked cell (`masque` or `masque_secondaire`) whose
/// total is published (`statut` `ok`) gets its smallest published non-zero cell masked
/// (`masque_secondaire`; ties: first in output order). Passes repeat until none changes.
/// Edge case the contract leaves open: when the group has no published non-zero cell left, the
/// masked cell would equal the total; the first published zero cell is masked instead (unless
/// the total is 0: then every cell is known to be 0 and masking would hide nothing).
pub fn supprimer(lignes: &mut [Ligne], seuil: u64, par_departement: bool) {
    let petit = |n: u64| n > 0 && n < seuil;
    for l in lignes.iter_mut() {
        let par_valeur = matches!(l.valeur, Valeur::Compte(n) if petit(n));
        let par_base = matches!(l.base, Some(b) if petit(b));
        let par_personnes = matches!(l.personnes, Some(n) if petit(n));
        l.statut = if par_valeur || par_base || par_personnes {
            Statut::Masque
        } else {
            Statut::Ok
        };
    }
    let groupes = groupes(lignes, par_departement);
    loop {
        let mut change = false;
        for g in &groupes {
            let masquees = g.cellules.iter().filter(|&&i| !lignes[i].publiee()).count();
            if masquees != 1 || !lignes[g.total].publiee() {
                continue;
            }
            let publiees = || g.cellules.iter().copied().filter(|&i| lignes[i].publiee());
            let valeur = |i: usize| lignes[i].compte().unwrap_or(0);
            // The smallest published non-zero cell (ties: first in output order). When there is
            // none, the masked cell equals the total minus zeros: mask the first published zero
            // instead, unless the total is 0 (then every cell is known to be 0 anyway).
            let cible = publiees()
                .filter(|&i| valeur(i) > 0)
                .min_by_key(|&i| (valeur(i), i))
                .or_else(|| {
                    if valeur(g.total) > 0 {
                        publiees().next()
                    } else {
                        None
                    }
                });
            if let Some(i) = cible {
                lignes[i].statut = Statut::MasqueSecondaire;
                change = true;
            }
        }
        if !change {
            break;
        }
    }
}
