//! `vigie demo`: realistic synthetic people and events, so that a newcomer can try everything
//! at once. Deterministic for a given seed and a given "today" (all dates are relative to it).
//!
//! What it draws (proportions close to the FAS survey figures): names common in France, of
//! French and foreign origin; the 101 départements weighted like real activity (Paris and the
//! big urban départements heavier); stories that climb the escalation ladder: most CCC contacts
//! do not help, many PAN appointments are unavailable, some substitutions, registered letters,
//! lawyers and Défenseur des droits referrals; permits and API that expire (rights ruptures);
//! follow-ups falling around today, and a few visits today so the day's list is populated.
//! Every event passes `Evenement::valider`.

mod recit;
mod vocabulaire;

pub use recit::generer_personne;

use crate::store::{
    ErreurStore, ResultatStore, Store, horodatage, inserer_evenement, inserer_personne, journaliser,
};
use chrono::NaiveDate;
use vocabulaire::table_departements;

// ---------------------------------------------------------------- the generator

/// SplitMix64: small, fast, and good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct Alea(u64);

impl Alea {
    pub fn new(graine: u64) -> Self {
        Alea(graine)
    }

    pub fn suivant(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; 0 when `n == 0`).
    pub fn sous(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for n far below 2^64.
        ((self.suivant() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `a..=b`.
    pub fn entre(&mut self, a: u64, b: u64) -> u64 {
        a + self.sous(b.saturating_sub(a) + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn reel(&mut self) -> f64 {
        (self.suivant() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.reel() < p
    }

    pub fn choisir<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.sous(v.len() as u64) as usize]
    }

    /// Picks among `(value, weight)` pairs.
    pub fn pondere<T: Copy>(&mut self, v: &[(T, u32)]) -> T {
        let total: u64 = v.iter().map(|(_, p)| *p as u64).sum();
        let mut x = self.sous(total);
        for (valeur, poids) in v {
            if x < *poids as u64 {
                return *valeur;
            }
            x -= *poids as u64;
        }
        v[v.len() - 1].0
    }
}

/// What the demo created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BilanDemo {
    pub personnes: usize,
    pub evenements: usize,
}

/// Why the demo did not run.
#[derive(Debug)]
pub enum ErreurDemo {
    /// The database already has people: the demo only fills an empty one.
    BaseNonVide(i64),
    Store(ErreurStore),
}

impl From<ErreurStore> for ErreurDemo {
    fn from(e: ErreurStore) -> Self {
        ErreurDemo::Store(e)
    }
}

/// Fills an empty database with `n` synthetic people and their events, in one transaction.
pub fn remplir(
    store: &mut Store,
    n: u32,
    graine: u64,
    aujourdhui: NaiveDate,
) -> Result<BilanDemo, ErreurDemo> {
    // A large write: the store keeps the index pages of a large demo in memory.
    let r = store.ecrire_en_masse(|tx, benevole| -> ResultatStore<Result<BilanDemo, i64>> {
        let deja = tx.nombre_personnes()?;
        if deja > 0 {
            return Ok(Err(deja));
        }
        let departements = table_departements();
        let mut a = Alea::new(graine);
        let saisi_le = horodatage();
        let mut bilan = BilanDemo {
            personnes: 0,
            evenements: 0,
        };
        // People first, then every event in date order across people, as a desk appends
        // them day after day: one person's events end up scattered over the file, so no
        // benchmark on a demo base is flattered by events stored person by person.
        let mut a_inserer: Vec<(i64, crate::domain::Evenement)> = Vec::new();
        for i in 0..n as usize {
            let (p, evenements) = generer_personne(&mut a, i, aujourdhui, &departements);
            let id = inserer_personne(tx, &p, benevole)?;
            bilan.personnes += 1;
            bilan.evenements += evenements.len();
            a_inserer.extend(evenements.into_iter().map(|e| (id, e)));
        }
        // Stable: one person's events of the same day keep their story's order.
        a_inserer.sort_by_key(|(_, e)| e.date);
        for (id, e) in &a_inserer {
            inserer_evenement(tx, *id, e, benevole, &saisi_le)?;
        }
        journaliser(
            tx,
            benevole,
            "demo",
            None,
            &format!("{} personnes, graine {graine}", bilan.personnes),
        )?;
        Ok(Ok(bilan))
    });
    match r? {
        Ok(b) => Ok(b),
        Err(deja) => Err(ErreurDemo::BaseNonVide(deja)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Canal, Evenement, Personne, Resultat, TypeEvenement};
    use std::collections::HashSet;

    fn jour() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn generer(n: usize, graine: u64) -> Vec<(Personne, Vec<Evenement>)> {
        let deps = table_departements();
        let mut a = Alea::new(graine);
        (0..n)
            .map(|i| generer_personne(&mut a, i, jour(), &deps))
            .collect()
    }

    #[test]
    fn prng_is_deterministic_and_spread() {
        let mut a = Alea::new(7);
        let mut b = Alea::new(7);
        let xs: Vec<u64> = (0..100).map(|_| a.sous(10)).collect();
        let ys: Vec<u64> = (0..100).map(|_| b.sous(10)).collect();
        assert_eq!(xs, ys);
        assert_eq!(xs.iter().collect::<HashSet<_>>().len(), 10);
        assert_ne!(Alea::new(8).suivant(), Alea::new(7).suivant());
    }

    #[test]
    fn events_are_valid_dated_and_cover_everything() {
        let data = generer(400, 42);
        assert_eq!(data, generer(400, 42), "same seed, same data");
        let mut types = HashSet::new();
        let mut resultats = HashSet::new();
        let mut canaux = HashSet::new();
        let mut deps = HashSet::new();
        let mut visites_du_jour = 0;
        for (p, evs) in &data {
            deps.insert(p.departement);
            assert!(p.ouvert_le <= jour());
            let mut precedente = p.ouvert_le;
            for e in evs {
                assert!(e.valider().is_empty(), "{} {e:?}", p.reference);
                assert!(e.date >= p.ouvert_le && e.date <= jour(), "{e:?}");
                assert!(e.date >= precedente, "{} out of order", p.reference);
                precedente = e.date;
                types.insert(e.type_evenement);
                resultats.extend(e.resultat);
                canaux.extend(e.canal);
                if e.type_evenement == TypeEvenement::Visite && e.date == jour() {
                    visites_du_jour += 1;
                }
            }
        }
        assert_eq!(types.len(), TypeEvenement::TOUS.len());
        assert_eq!(resultats.len(), Resultat::TOUS.len());
        assert_eq!(canaux.len(), Canal::TOUS.len());
        assert_eq!(deps.len(), 101);
        assert!(visites_du_jour > 0);
    }

    #[test]
    fn events_are_stored_in_date_order_across_people() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::ouvrir(&crate::store::Ouverture {
            chemin: dir.path().join("d.db"),
            phrase: None,
            sans_chiffrement: true,
            benevole: "T".into(),
        })
        .unwrap();
        let bilan = remplir(&mut s, 60, 3, jour()).unwrap();
        let mut stockes: Vec<(i64, NaiveDate, i64)> = Vec::new();
        for p in s.personnes().unwrap() {
            let pid = p.id.unwrap();
            for e in s.evenements(pid).unwrap() {
                stockes.push((e.id.unwrap(), e.date, pid));
            }
        }
        assert_eq!(stockes.len(), bilan.evenements);
        stockes.sort();
        assert!(
            stockes.windows(2).all(|w| w[0].1 <= w[1].1),
            "insertion order follows the dates"
        );
        // Interleaved: consecutive events belong to different people, not person by person.
        let changements = stockes.windows(2).filter(|w| w[0].2 != w[1].2).count();
        assert!(changements > bilan.evenements / 2, "{changements}");
    }

    #[test]
    fn proportions_look_like_the_field() {
        let data = generer(3000, 1);
        let n = data.len() as f64;
        let pan_non = data
            .iter()
            .filter(|(p, _)| p.pan_connu == Some(false))
            .count() as f64;
        assert!((0.42..0.52).contains(&(pan_non / n)), "{}", pan_non / n);
        // People with a CCC contact that never helped (FAS: about 82 %).
        let avec_ccc: Vec<_> = data
            .iter()
            .filter(|(_, e)| e.iter().any(|e| e.type_evenement == TypeEvenement::Ccc))
            .collect();
        let sans_aide = avec_ccc
            .iter()
            .filter(|(_, e)| {
                !e.iter().any(|e| {
                    e.type_evenement == TypeEvenement::Ccc
                        && matches!(
                            e.resultat,
                            Some(Resultat::Resolu | Resultat::AttestationImpossibilite)
                        )
                })
            })
            .count() as f64;
        let part = sans_aide / avec_ccc.len() as f64;
        assert!((0.74..0.90).contains(&part), "{part}");
        // Paris and Seine-Saint-Denis heavier than Lozère.
        let compte = |c: &str| {
            data.iter()
                .filter(|(p, _)| p.departement.code() == c)
                .count()
        };
        assert!(compte("75") > 10 * compte("48").max(1));
        let expires = data
            .iter()
            .filter(|(p, _)| p.titre_expire_le.is_some_and(|d| d < jour()))
            .count();
        assert!(expires > 100);
        let evenements: usize = data.iter().map(|(_, e)| e.len()).sum();
        assert!(
            (7.0..13.0).contains(&(evenements as f64 / n)),
            "{}",
            evenements as f64 / n
        );
    }
}
