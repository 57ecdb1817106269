//! The suppression audit (docs/fichiers.md §4), run on every table before it leaves: a guard
//! (an export that fails it is not written) and the test oracle. It reads the table as it
//! would be written — which cells are empty, which are masked — and rebuilds every relation
//! on its own, without the suppression code's groups.

use super::{Indicateur, SEUIL_MINIMUM, Tableau, Valeur};
use std::collections::BTreeMap;

/// One way a table could tell about fewer than K people. `ligne`: the row's line in the
/// file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Faille {
    /// The period is not whole months.
    PeriodeNonEntiere,
    /// K is below the minimum.
    SeuilTropBas(u64),
    /// A published row about fewer than K people (value, base or people behind a median).
    PetitePubliee { ligne: usize },
    /// A masked row that still writes its value or percentage.
    MasqueeLisible { ligne: usize },
    /// A base written while below K, or while the row it is the value of (or its block's
    /// total) is masked.
    BaseLisible { ligne: usize },
    /// A percentage written without its base.
    PourcentageSansBase { ligne: usize },
    /// A relation (cells adding up to a total) whose only unknown term is this row.
    SeuleInconnue { total: usize, ligne: usize },
}

/// Checks the table; every failure found, in row order.
pub fn auditer(t: &Tableau) -> Result<(), Vec<Faille>> {
    let mut failles = Vec::new();
    if !t.periode.mois_entiers() {
        failles.push(Faille::PeriodeNonEntiere);
    }
    if t.seuil < SEUIL_MINIMUM {
        failles.push(Faille::SeuilTropBas(t.seuil));
    }
    let k = t.seuil;
    let petit = |n: u64| n > 0 && n < k;
    // (département, indicator, modality) → index, from the written cells.
    let mut index: BTreeMap<(String, &str, &str), usize> = BTreeMap::new();
    let ecrites: Vec<_> = t.lignes.iter().map(|l| l.cellules()).collect();
    for (i, c) in ecrites.iter().enumerate() {
        index.insert((c.departement.clone(), c.indicateur, c.modalite), i);
    }
    let masquee = |i: usize| ecrites[i].statut != "ok";
    for (i, (l, c)) in t.lignes.iter().zip(&ecrites).enumerate() {
        let ligne = i + 2;
        if masquee(i) {
            if !c.valeur.is_empty() || !c.pourcentage.is_empty() {
                failles.push(Faille::MasqueeLisible { ligne });
            }
        } else {
            let par_valeur = matches!(l.valeur, Valeur::Compte(n) if petit(n));
            let par_base = l.base.is_some_and(petit);
            let par_personnes = l.personnes.is_some_and(petit);
            if par_valeur || par_base || par_personnes {
                failles.push(Faille::PetitePubliee { ligne });
            }
        }
        if !c.base.is_empty() {
            let b: u64 = c.base.parse().unwrap_or(1);
            let ligne_base = l
                .indicateur
                .base_ligne()
                .and_then(|ind| index.get(&(c.departement.clone(), ind.code(), "")).copied());
            let total_bloc = index
                .get(&(
                    c.departement.clone(),
                    Indicateur::PersonnesSuivies.code(),
                    "",
                ))
                .copied();
            if petit(b) || ligne_base.is_some_and(masquee) || total_bloc.is_some_and(masquee) {
                failles.push(Faille::BaseLisible { ligne });
            }
        } else if !c.pourcentage.is_empty() {
            failles.push(Faille::PourcentageSansBase { ligne });
        }
    }
    for (total, cellules) in relations(t, &ecrites) {
        let inconnues: Vec<usize> = std::iter::once(total)
            .chain(cellules.iter().copied())
            .filter(|&i| masquee(i))
            .collect();
        if let [seule] = inconnues[..] {
            failles.push(Faille::SeuleInconnue {
                total: total + 2,
                ligne: seule + 2,
            });
        }
    }
    if failles.is_empty() {
        Ok(())
    } else {
        Err(failles)
    }
}

/// Every relation of the table as (total, cells), rebuilt from the written cells: (a) in each
/// block, the `demarche` rows and the `blocage` rows with `personnes_suivies`; (b) with the
/// département blocks, each counting row of `ensemble` with the same row of every block.
fn relations(t: &Tableau, ecrites: &[super::Cellules]) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    let mut blocs: Vec<&str> = ecrites.iter().map(|c| c.departement.as_str()).collect();
    blocs.dedup();
    for bloc in &blocs {
        let Some(total) = ecrites.iter().position(|c| {
            c.departement == *bloc && c.indicateur == Indicateur::PersonnesSuivies.code()
        }) else {
            continue;
        };
        for ind in [Indicateur::Demarche, Indicateur::Blocage] {
            let cellules = (0..ecrites.len())
                .filter(|&i| ecrites[i].departement == *bloc && ecrites[i].indicateur == ind.code())
                .collect();
            out.push((total, cellules));
        }
    }
    if blocs.len() > 1 {
        for (total, (c, l)) in ecrites.iter().zip(&t.lignes).enumerate() {
            if c.departement != "ensemble" || !matches!(l.valeur, Valeur::Compte(_)) {
                continue;
            }
            let cellules = (0..ecrites.len())
                .filter(|&i| {
                    ecrites[i].departement != "ensemble"
                        && ecrites[i].indicateur == c.indicateur
                        && ecrites[i].modalite == c.modalite
                })
                .collect();
            out.push((total, cellules));
        }
    }
    out
}
