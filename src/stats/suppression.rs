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

/// Primary then secondary suppression, in place, then which bases are written.
///
/// Primary: a count with 0 < valeur < K, or a row with 0 < base < K, is `masque`; so is a
/// median about fewer than K distinct people, even over K values or more.
/// Secondary: no relation (a group's cells and its total) may have exactly one masked term,
/// counting the total as a term: such a group gets its smallest published non-zero cell
/// masked (`masque_secondaire`; ties: first in output order; when no published cell is
/// non-zero, the first published zero). Passes repeat until none changes.
/// Bases: written only when 0 or ≥ K, only in a block whose `personnes_suivies` is
/// published, and, when the base is the `valeur` of a row of the same block, only when that
/// row is published.
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
            let inconnues = g.cellules.iter().filter(|&&i| !lignes[i].publiee()).count()
                + usize::from(!lignes[g.total].publiee());
            if inconnues != 1 {
                continue;
            }
            let publiees = || g.cellules.iter().copied().filter(|&i| lignes[i].publiee());
            let valeur = |i: usize| lignes[i].compte().unwrap_or(0);
            let cible = publiees()
                .filter(|&i| valeur(i) > 0)
                .min_by_key(|&i| (valeur(i), i))
                .or_else(|| publiees().next());
            if let Some(i) = cible {
                lignes[i].statut = Statut::MasqueSecondaire;
                change = true;
            }
        }
        if !change {
            break;
        }
    }
    decider_bases(lignes, seuil);
}

/// Sets `base_ecrite` on every row (docs/fichiers.md §4, the writing rule).
fn decider_bases(lignes: &mut [Ligne], seuil: u64) {
    let publiee = |lignes: &[Ligne], d: Option<Departement>, ind: Indicateur| {
        lignes
            .iter()
            .find(|l| l.departement == d && l.indicateur == ind)
            .is_some_and(Ligne::publiee)
    };
    let decisions: Vec<bool> = lignes
        .iter()
        .map(|l| {
            let Some(b) = l.base else {
                return false;
            };
            let assez = b == 0 || b >= seuil;
            // Every base of a block counts some of its people: in a block whose total is
            // masked, none is written (a base equal to the total would give it back: the
            // « through base » attack of issue 16, also by bases that are not rows).
            assez
                && publiee(lignes, l.departement, Indicateur::PersonnesSuivies)
                && l.indicateur
                    .base_ligne()
                    .is_none_or(|ind| publiee(lignes, l.departement, ind))
        })
        .collect();
    for (l, ecrite) in lignes.iter_mut().zip(decisions) {
        l.base_ecrite = ecrite;
    }
}
