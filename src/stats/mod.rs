//! Statistics (issue 7): FAS-like indicators, suppression, CSV (docs/fichiers.md §4).
//!
//! The store streams one row of facts per person followed (`requete`); everything else here is
//! pure: accumulating counts per block, building the table, primary and secondary suppression,
//! exact rounding, medians and the CSV bytes. The TUI screen draws from the same `Tableau`, so
//! what it shows is exactly what the export sends.

mod audit;
mod compteurs;
mod ecriture;
mod faits;
mod nombres;
pub mod requete;
mod suppression;
mod tendance;

use crate::csvio::echapper;
use crate::domain::{Departement, date_iso};
use chrono::{Datelike, NaiveDate};

pub use audit::{Faille, auditer};
pub use compteurs::{Accumulateur, Compteurs, Distribution};
pub use ecriture::{Format, Libelles};
pub use faits::FaitsPersonne;
pub use nombres::{
    formater_demis, formater_dixiemes, mediane_demis, mediane_distribution, pourcentage_dixiemes,
};
pub use requete::{accumuler, calculer, faits_personnes};
pub use suppression::{Groupe, groupes, supprimer};
pub use tendance::{Point, tendance};

/// The smallest threshold K accepted (docs/fichiers.md §4).
pub const SEUIL_MINIMUM: u64 = 3;

// ---------------------------------------------------------------- period

/// A closed period [du, au].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periode {
    pub du: NaiveDate,
    pub au: NaiveDate,
}

impl Periode {
    /// The whole calendar month (annee, mois); `None` if invalid.
    pub fn mois(annee: i32, mois: u32) -> Option<Periode> {
        let du = NaiveDate::from_ymd_opt(annee, mois, 1)?;
        let suivant = if mois == 12 {
            NaiveDate::from_ymd_opt(annee.checked_add(1)?, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(annee, mois + 1, 1)?
        };
        Some(Periode {
            du,
            au: suivant.pred_opt()?,
        })
    }

    /// The quarter `trimestre` (1–4) of `annee`.
    pub fn trimestre(annee: i32, trimestre: u32) -> Option<Periode> {
        if !(1..=4).contains(&trimestre) {
            return None;
        }
        let premier = Periode::mois(annee, 3 * trimestre - 2)?;
        let dernier = Periode::mois(annee, 3 * trimestre)?;
        Some(Periode {
            du: premier.du,
            au: dernier.au,
        })
    }

    /// The calendar month containing `d`, shifted by `decalage` months (−1: the month before).
    pub fn mois_de(d: NaiveDate, decalage: i32) -> Option<Periode> {
        let rang = d.year().checked_mul(12)? + d.month0() as i32 + decalage;
        Periode::mois(rang.div_euclid(12), rang.rem_euclid(12) as u32 + 1)
    }

    /// Whole months: `du` is the first day of a month and `au` the last day of a month (the
    /// only periods that may be exported: two exports whose periods differ by a few days
    /// would isolate the people seen on those days).
    pub fn mois_entiers(&self) -> bool {
        let dernier = self.au.succ_opt().is_none_or(|l| l.day() == 1);
        self.du.day() == 1 && dernier && self.du <= self.au
    }

    /// The whole calendar year.
    pub fn annee(annee: i32) -> Option<Periode> {
        Some(Periode {
            du: NaiveDate::from_ymd_opt(annee, 1, 1)?,
            au: NaiveDate::from_ymd_opt(annee, 12, 31)?,
        })
    }
}

// ---------------------------------------------------------------- indicators

/// The indicators of docs/fichiers.md §4, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicateur {
    PersonnesSuivies,
    NouvellesPersonnes,
    Demarche,
    Blocage,
    CccSollicite,
    CccSansAide,
    CccAttestation,
    AttenteCccMedianeMinutes,
    PanInconnu,
    PanSollicite,
    PanRdvIndisponible,
    SubstitutionProposee,
    DepotSubstitution,
    RecommandeEnvoye,
    RecoursAvocat,
    DefenseurDroitsSaisi,
    RuptureDroits,
    Resolus,
    DelaiResolutionMedianJours,
}

impl Indicateur {
    pub const TOUS: &'static [Indicateur] = &[
        Indicateur::PersonnesSuivies,
        Indicateur::NouvellesPersonnes,
        Indicateur::Demarche,
        Indicateur::Blocage,
        Indicateur::CccSollicite,
        Indicateur::CccSansAide,
        Indicateur::CccAttestation,
        Indicateur::AttenteCccMedianeMinutes,
        Indicateur::PanInconnu,
        Indicateur::PanSollicite,
        Indicateur::PanRdvIndisponible,
        Indicateur::SubstitutionProposee,
        Indicateur::DepotSubstitution,
        Indicateur::RecommandeEnvoye,
        Indicateur::RecoursAvocat,
        Indicateur::DefenseurDroitsSaisi,
        Indicateur::RuptureDroits,
        Indicateur::Resolus,
        Indicateur::DelaiResolutionMedianJours,
    ];

    /// The exact `indicateur` cell.
    pub fn code(self) -> &'static str {
        match self {
            Indicateur::PersonnesSuivies => "personnes_suivies",
            Indicateur::NouvellesPersonnes => "nouvelles_personnes",
            Indicateur::Demarche => "demarche",
            Indicateur::Blocage => "blocage",
            Indicateur::CccSollicite => "ccc_sollicite",
            Indicateur::CccSansAide => "ccc_sans_aide",
            Indicateur::CccAttestation => "ccc_attestation",
            Indicateur::AttenteCccMedianeMinutes => "attente_ccc_mediane_minutes",
            Indicateur::PanInconnu => "pan_inconnu",
            Indicateur::PanSollicite => "pan_sollicite",
            Indicateur::PanRdvIndisponible => "pan_rdv_indisponible",
            Indicateur::SubstitutionProposee => "substitution_proposee",
            Indicateur::DepotSubstitution => "depot_substitution",
            Indicateur::RecommandeEnvoye => "recommande_envoye",
            Indicateur::RecoursAvocat => "recours_avocat",
            Indicateur::DefenseurDroitsSaisi => "defenseur_droits_saisi",
            Indicateur::RuptureDroits => "rupture_droits",
            Indicateur::Resolus => "resolus",
            Indicateur::DelaiResolutionMedianJours => "delai_resolution_median_jours",
        }
    }

    /// The indicator whose `valeur` (same block) is this one's base, when the base is a row
    /// of the table: the base is then written only when that row is published.
    pub fn base_ligne(self) -> Option<Indicateur> {
        use Indicateur as I;
        match self {
            I::Demarche
            | I::Blocage
            | I::CccSollicite
            | I::PanSollicite
            | I::DepotSubstitution
            | I::RecommandeEnvoye
            | I::RecoursAvocat
            | I::DefenseurDroitsSaisi
            | I::Resolus => Some(I::PersonnesSuivies),
            I::CccAttestation => Some(I::CccSollicite),
            I::PanRdvIndisponible => Some(I::PanSollicite),
            I::DelaiResolutionMedianJours => Some(I::Resolus),
            _ => None,
        }
    }

    /// Medians are not counts of people: no small-count rule on their value, no (b) group.
    pub fn est_mediane(self) -> bool {
        matches!(
            self,
            Indicateur::AttenteCccMedianeMinutes | Indicateur::DelaiResolutionMedianJours
        )
    }
}

// ---------------------------------------------------------------- the table

/// The `statut` cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statut {
    Ok,
    Masque,
    MasqueSecondaire,
}

impl Statut {
    pub const TOUS: [Statut; 3] = [Statut::Ok, Statut::Masque, Statut::MasqueSecondaire];

    pub fn code(self) -> &'static str {
        match self {
            Statut::Ok => "ok",
            Statut::Masque => "masque",
            Statut::MasqueSecondaire => "masque_secondaire",
        }
    }
}

/// The true value of a row, before suppression decides what is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Valeur {
    /// A count (of people, for every indicator but the medians).
    Compte(u64),
    /// A median in half-units (`25` is 12.5); `None` when there is no value at all.
    Mediane(Option<i64>),
}

/// One row of the table, with its true value and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ligne {
    /// `None`: the `ensemble` block.
    pub departement: Option<Departement>,
    pub indicateur: Indicateur,
    /// Empty, or a `demarche` / `blocage` code.
    pub modalite: &'static str,
    pub valeur: Valeur,
    /// `None` for plain counts.
    pub base: Option<u64>,
    /// The number of distinct people behind a median (never written, only used for
    /// suppression: a median about fewer than K people is masked even over K values).
    pub personnes: Option<u64>,
    pub statut: Statut,
    /// Whether `base` is written (decided by `supprimer`: 0 or ≥ K, and its row published).
    pub base_ecrite: bool,
}

/// The cells of a row as written (decimal point; the excel-fr writer swaps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cellules {
    pub departement: String,
    pub indicateur: &'static str,
    pub modalite: &'static str,
    pub valeur: String,
    pub base: String,
    pub pourcentage: String,
    pub statut: &'static str,
}

impl Ligne {
    /// A row before suppression (published, base not yet decided).
    pub fn nouvelle(
        departement: Option<Departement>,
        indicateur: Indicateur,
        modalite: &'static str,
        valeur: Valeur,
        base: Option<u64>,
    ) -> Ligne {
        Ligne {
            departement,
            indicateur,
            modalite,
            valeur,
            base,
            personnes: None,
            statut: Statut::Ok,
            base_ecrite: false,
        }
    }

    pub fn compte(&self) -> Option<u64> {
        match self.valeur {
            Valeur::Compte(n) => Some(n),
            Valeur::Mediane(_) => None,
        }
    }

    pub fn publiee(&self) -> bool {
        self.statut == Statut::Ok
    }

    /// The base as written.
    pub fn base_publiee(&self) -> Option<u64> {
        self.base.filter(|_| self.base_ecrite)
    }

    /// The percentage in tenths, as written: a published count whose base is written and
    /// not 0.
    pub fn pourcentage_dixiemes(&self) -> Option<u64> {
        match (self.valeur, self.base_publiee(), self.statut) {
            (Valeur::Compte(v), Some(b), Statut::Ok) if b > 0 => Some(pourcentage_dixiemes(v, b)),
            _ => None,
        }
    }

    /// The written `valeur` cell.
    pub fn valeur_ecrite(&self) -> String {
        if !self.publiee() {
            return String::new();
        }
        match self.valeur {
            Valeur::Compte(n) => n.to_string(),
            Valeur::Mediane(Some(h)) => formater_demis(h),
            Valeur::Mediane(None) => String::new(),
        }
    }

    /// The written cells (formula protection applied to the text cells).
    pub fn cellules(&self) -> Cellules {
        Cellules {
            departement: echapper_texte(self.departement.map(|d| d.code()).unwrap_or("ensemble")),
            indicateur: self.indicateur.code(),
            modalite: self.modalite,
            valeur: self.valeur_ecrite(),
            base: self
                .base_publiee()
                .map(|b| b.to_string())
                .unwrap_or_default(),
            pourcentage: self
                .pourcentage_dixiemes()
                .map(formater_dixiemes)
                .unwrap_or_default(),
            statut: self.statut.code(),
        }
    }
}

/// The statistics of one period, ready to write or to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tableau {
    pub periode: Periode,
    pub seuil: u64,
    pub par_departement: bool,
    pub lignes: Vec<Ligne>,
}

pub const ENTETE: [&str; 9] = [
    "du",
    "au",
    "departement",
    "indicateur",
    "modalite",
    "valeur",
    "base",
    "pourcentage",
    "statut",
];

impl Tableau {
    /// The départements that have a block, in output order.
    pub fn departements(&self) -> Vec<Departement> {
        let mut v: Vec<Departement> = self.lignes.iter().filter_map(|l| l.departement).collect();
        v.dedup();
        v
    }

    /// The rows of one block (`None`: `ensemble`).
    pub fn bloc(&self, departement: Option<Departement>) -> impl Iterator<Item = &Ligne> {
        self.lignes
            .iter()
            .filter(move |l| l.departement == departement)
    }

    /// The row of one indicator (first modality) in one block.
    pub fn ligne(&self, departement: Option<Departement>, i: Indicateur) -> Option<&Ligne> {
        self.bloc(departement).find(|l| l.indicateur == i)
    }

    /// Every written row as text cells, header first.
    pub fn cellules(&self) -> Vec<[String; 9]> {
        let du = echapper_texte(&date_iso(self.periode.du));
        let au = echapper_texte(&date_iso(self.periode.au));
        let mut out = vec![ENTETE.map(String::from)];
        for l in &self.lignes {
            let c = l.cellules();
            out.push([
                du.clone(),
                au.clone(),
                c.departement,
                echapper_texte(c.indicateur),
                echapper_texte(c.modalite),
                c.valeur,
                c.base,
                c.pourcentage,
                echapper_texte(c.statut),
            ]);
        }
        out
    }
}

/// A text cell escaped against formulas (docs/fichiers.md §3), owned.
fn echapper_texte(s: &str) -> String {
    echapper(s).into_owned()
}

#[cfg(test)]
mod tests;
