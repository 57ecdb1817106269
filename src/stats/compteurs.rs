//! Exact counts of one block before any suppression, and the table built from them. A desk's
//! federation contribution is these counts; the federation sums them (docs/fichiers.md §6).

use super::{FaitsPersonne, Indicateur, Ligne, Periode, Tableau, Valeur};
use super::{mediane_distribution, supprimer};
use crate::domain::{Blocage, Demarche, Departement};
use std::collections::BTreeMap;

/// A distribution of values: value → how many times it occurs.
pub type Distribution = BTreeMap<i64, u64>;

/// The raw counts of one block (all people or one département).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compteurs {
    pub suivies: u64,
    pub nouvelles: u64,
    pub demarche: [u64; 7],
    pub blocage: [u64; 8],
    pub ccc: u64,
    /// People with a `ccc` event of known outcome (not `en_attente`): the base of
    /// `ccc_sans_aide`.
    pub ccc_connu: u64,
    pub ccc_sans_aide: u64,
    pub ccc_attestation: u64,
    /// Waiting times of the phone `ccc` events of the period (events, not people).
    pub attentes: Distribution,
    /// People behind `attentes`.
    pub personnes_attente: u64,
    pub pan_inconnu: u64,
    pub pan_renseigne: u64,
    pub pan: u64,
    pub pan_rdv_indisponible: u64,
    pub substitution_proposee: u64,
    pub pan_ou_substitution: u64,
    pub depot_substitution: u64,
    pub recommande: u64,
    pub avocat: u64,
    pub defenseur: u64,
    pub rupture: u64,
    pub rupture_base: u64,
    pub resolus: u64,
    /// Days to resolution, one value per person of `resolus`.
    pub delais: Distribution,
}

impl Compteurs {
    fn ajouter(&mut self, f: &FaitsPersonne, p: Periode) {
        self.suivies += 1;
        if f.ouvert_le >= p.du && f.ouvert_le <= p.au {
            self.nouvelles += 1;
        }
        if let Some(n) = self.demarche.get_mut(f.demarche.rang()) {
            *n += 1;
        }
        if let Some(n) = self.blocage.get_mut(f.blocage.rang()) {
            *n += 1;
        }
        self.ccc += u64::from(f.ccc);
        self.ccc_connu += u64::from(f.ccc_connu);
        self.ccc_sans_aide += u64::from(f.ccc_connu && !f.ccc_aide);
        self.ccc_attestation += u64::from(f.ccc_attestation);
        match f.pan_connu {
            Some(false) => {
                self.pan_inconnu += 1;
                self.pan_renseigne += 1;
            }
            Some(true) => self.pan_renseigne += 1,
            None => {}
        }
        self.pan += u64::from(f.pan);
        self.pan_rdv_indisponible += u64::from(f.pan_rdv_indisponible);
        self.substitution_proposee += u64::from(f.substitution_proposee);
        self.pan_ou_substitution += u64::from(f.pan_ou_substitution);
        self.depot_substitution += u64::from(f.depot_substitution);
        self.recommande += u64::from(f.recommande_envoye);
        self.avocat += u64::from(f.avocat);
        self.defenseur += u64::from(f.defenseur_saisi);
        self.personnes_attente += u64::from(f.attente_telephone);
        if f.dans_base_rupture() {
            self.rupture_base += 1;
        }
        self.rupture += u64::from(f.en_rupture(p));
        if let Some(j) = f.delai_resolution() {
            self.resolus += 1;
            *self.delais.entry(j).or_default() += 1;
        }
    }

    /// Adds another block's counts (people assumed disjoint: the federation's desks).
    pub fn sommer(&mut self, o: &Compteurs) {
        let plus = |a: &mut u64, b: u64| *a = a.saturating_add(b);
        plus(&mut self.suivies, o.suivies);
        plus(&mut self.nouvelles, o.nouvelles);
        for (a, b) in self.demarche.iter_mut().zip(o.demarche) {
            plus(a, b);
        }
        for (a, b) in self.blocage.iter_mut().zip(o.blocage) {
            plus(a, b);
        }
        plus(&mut self.ccc, o.ccc);
        plus(&mut self.ccc_connu, o.ccc_connu);
        plus(&mut self.ccc_sans_aide, o.ccc_sans_aide);
        plus(&mut self.ccc_attestation, o.ccc_attestation);
        for (v, n) in &o.attentes {
            plus(self.attentes.entry(*v).or_default(), *n);
        }
        plus(&mut self.personnes_attente, o.personnes_attente);
        plus(&mut self.pan_inconnu, o.pan_inconnu);
        plus(&mut self.pan_renseigne, o.pan_renseigne);
        plus(&mut self.pan, o.pan);
        plus(&mut self.pan_rdv_indisponible, o.pan_rdv_indisponible);
        plus(&mut self.substitution_proposee, o.substitution_proposee);
        plus(&mut self.pan_ou_substitution, o.pan_ou_substitution);
        plus(&mut self.depot_substitution, o.depot_substitution);
        plus(&mut self.recommande, o.recommande);
        plus(&mut self.avocat, o.avocat);
        plus(&mut self.defenseur, o.defenseur);
        plus(&mut self.rupture, o.rupture);
        plus(&mut self.rupture_base, o.rupture_base);
        plus(&mut self.resolus, o.resolus);
        for (v, n) in &o.delais {
            plus(self.delais.entry(*v).or_default(), *n);
        }
    }
}

/// Folds people and waiting times into the `ensemble` block and one block per département.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accumulateur {
    pub periode: Periode,
    pub ensemble: Compteurs,
    pub departements: BTreeMap<Departement, Compteurs>,
}

impl Accumulateur {
    pub fn nouveau(periode: Periode) -> Self {
        Accumulateur {
            periode,
            ensemble: Compteurs::default(),
            departements: BTreeMap::new(),
        }
    }

    /// Adds one person followed in the period.
    pub fn ajouter_personne(&mut self, f: &FaitsPersonne) {
        self.ensemble.ajouter(f, self.periode);
        self.departements
            .entry(f.departement)
            .or_default()
            .ajouter(f, self.periode);
    }

    /// Adds the waiting time of one phone `ccc` event of the period, for a person living in
    /// `departement` (that person is followed, since the event is in the period).
    pub fn ajouter_attente(&mut self, departement: Departement, minutes: i64) {
        *self.ensemble.attentes.entry(minutes).or_default() += 1;
        *self
            .departements
            .entry(departement)
            .or_default()
            .attentes
            .entry(minutes)
            .or_default() += 1;
    }

    /// The finished table: rows, primary then secondary suppression. `seuil` below
    /// `SEUIL_MINIMUM` is raised to it (the commands refuse it before).
    pub fn tableau(&self, seuil: u64, par_departement: bool) -> Tableau {
        let mut lignes = Vec::new();
        lignes_bloc(&mut lignes, None, &self.ensemble);
        if par_departement {
            // BTreeMap order is the official order (`Departement` orders by rank).
            for (d, c) in &self.departements {
                if c.suivies > 0 {
                    lignes_bloc(&mut lignes, Some(*d), c);
                }
            }
        }
        let seuil = seuil.max(super::SEUIL_MINIMUM);
        supprimer(&mut lignes, seuil, par_departement);
        Tableau {
            periode: self.periode,
            seuil,
            par_departement,
            lignes,
        }
    }
}

fn lignes_bloc(out: &mut Vec<Ligne>, departement: Option<Departement>, c: &Compteurs) {
    use Indicateur as I;
    use Valeur::{Compte, Mediane};
    let suivies = c.suivies;
    let mut ligne = |indicateur: Indicateur, modalite: &'static str, valeur, base| {
        out.push(Ligne::nouvelle(
            departement,
            indicateur,
            modalite,
            valeur,
            base,
        ))
    };
    ligne(I::PersonnesSuivies, "", Compte(suivies), None);
    ligne(I::NouvellesPersonnes, "", Compte(c.nouvelles), None);
    for d in Demarche::TOUS {
        let n = c.demarche.get(d.rang()).copied().unwrap_or(0);
        ligne(I::Demarche, d.code(), Compte(n), Some(suivies));
    }
    for b in Blocage::TOUS {
        let n = c.blocage.get(b.rang()).copied().unwrap_or(0);
        ligne(I::Blocage, b.code(), Compte(n), Some(suivies));
    }
    ligne(I::CccSollicite, "", Compte(c.ccc), Some(suivies));
    ligne(
        I::CccSansAide,
        "",
        Compte(c.ccc_sans_aide),
        Some(c.ccc_connu),
    );
    ligne(
        I::CccAttestation,
        "",
        Compte(c.ccc_attestation),
        Some(c.ccc),
    );
    let n_attentes = c.attentes.values().sum();
    ligne(
        I::AttenteCccMedianeMinutes,
        "",
        Mediane(mediane_distribution(&c.attentes)),
        Some(n_attentes),
    );
    ligne(
        I::PanInconnu,
        "",
        Compte(c.pan_inconnu),
        Some(c.pan_renseigne),
    );
    ligne(I::PanSollicite, "", Compte(c.pan), Some(suivies));
    ligne(
        I::PanRdvIndisponible,
        "",
        Compte(c.pan_rdv_indisponible),
        Some(c.pan),
    );
    ligne(
        I::SubstitutionProposee,
        "",
        Compte(c.substitution_proposee),
        Some(c.pan_ou_substitution),
    );
    ligne(
        I::DepotSubstitution,
        "",
        Compte(c.depot_substitution),
        Some(suivies),
    );
    ligne(I::RecommandeEnvoye, "", Compte(c.recommande), Some(suivies));
    ligne(I::RecoursAvocat, "", Compte(c.avocat), Some(suivies));
    ligne(
        I::DefenseurDroitsSaisi,
        "",
        Compte(c.defenseur),
        Some(suivies),
    );
    ligne(
        I::RuptureDroits,
        "",
        Compte(c.rupture),
        Some(c.rupture_base),
    );
    ligne(I::Resolus, "", Compte(c.resolus), Some(suivies));
    let n_delais = c.delais.values().sum();
    ligne(
        I::DelaiResolutionMedianJours,
        "",
        Mediane(mediane_distribution(&c.delais)),
        Some(n_delais),
    );
    // The people behind each median: for the delays, one value per person.
    if let Some(l) = out.last_mut() {
        l.personnes = Some(n_delais);
    }
    if let Some(l) = out
        .iter_mut()
        .rev()
        .find(|l| l.indicateur == I::AttenteCccMedianeMinutes)
    {
        l.personnes = Some(c.personnes_attente);
    }
}
