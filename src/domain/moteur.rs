//! The escalation engine: from what was recorded, the stage on the ladder, the recommended
//! next step with its reason, the deadlines with days left, and the urgency that orders
//! the day's list. Pure functions of (person, events, préfecture knowledge, rules, today).
//!
//! INTERIM: the public types below are the contract used by the CLI and the TUI; the
//! decision logic is being completed under issue 5.

use super::{Evenement, Personne, TypeEvenement};
use chrono::NaiveDate;

/// A step of the ladder (PRODUCT.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Etape {
    Constat,
    Ccc,
    Pan,
    Substitution,
    Recommande,
    Recours,
    Cloture,
}

impl Etape {
    pub const TOUTES: [Etape; 7] = [
        Etape::Constat,
        Etape::Ccc,
        Etape::Pan,
        Etape::Substitution,
        Etape::Recommande,
        Etape::Recours,
        Etape::Cloture,
    ];
}

/// What the engine knows of a préfecture's practices (filled from the directory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PanConnu {
    Dedie,
    General,
    Aucun,
    #[default]
    Inconnu,
}

/// `Some(true)` known to exist, `Some(false)` known not to, `None` unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConnaissancePrefecture {
    /// Name for sentences, e.g. "la préfecture de la Gironde".
    pub nom: String,
    pub pan: PanConnu,
    pub guichet: Option<bool>,
    pub postal: Option<bool>,
    pub courriel: Option<bool>,
    /// The préfecture imposes postal deposit (contrary to the arrêté of 1 August 2023).
    pub postal_impose: bool,
}

/// The recommended next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProchaineEtape {
    /// The step this action belongs to.
    pub etape: Etape,
    /// A few words, e.g. "Écrire au CCC (formulaire)".
    pub action: String,
    /// The reason in plain French.
    pub raison: String,
}

/// The kind of a dated deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GenreEcheance {
    TitreExpiration,
    RenouvellementOuverture,
    RenouvellementFermeture,
    ApiExpiration,
    Suivi(TypeEvenement),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echeance {
    pub genre: GenreEcheance,
    pub date: NaiveDate,
    /// `date - today` in days: negative when past.
    pub jours: i64,
}

/// Urgency classes, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NiveauUrgence {
    /// Rights already lapsed (permit and API expired).
    DroitsRompus,
    /// A right lapses within the alert threshold.
    DroitsMenaces,
    /// A follow-up date is past.
    SuiviEnRetard,
    /// A follow-up is due today, or the person came today.
    DuJour,
    /// Something dated ahead.
    AVenir,
    /// Nothing dated, or closed.
    Aucune,
}

/// The engine's whole verdict on a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub etape: Etape,
    pub prochaine: ProchaineEtape,
    /// Warnings always shown (missing evidence, a mode imposed contrary to the arrêté…).
    pub alertes: Vec<String>,
    /// Every deadline, most pressing first.
    pub echeances: Vec<Echeance>,
    pub urgence: NiveauUrgence,
}

impl Evaluation {
    /// The most pressing deadline, if any.
    pub fn echeance_principale(&self) -> Option<&Echeance> {
        self.echeances.first()
    }

    /// Sort key for the day's list: a total order, most urgent first.
    pub fn cle_urgence(&self) -> (NiveauUrgence, i64) {
        (
            self.urgence,
            self.echeance_principale().map_or(i64::MAX, |e| e.jours),
        )
    }
}

/// INTERIM evaluation (issue 5 replaces the decision logic).
pub fn evaluer(
    personne: &Personne,
    evenements: &[Evenement],
    _prefecture: &ConnaissancePrefecture,
    _regles: &crate::regles::Regles,
    aujourdhui: NaiveDate,
) -> Evaluation {
    let etape = etape_atteinte(evenements);
    let mut echeances = Vec::new();
    if let Some(d) = personne.titre_expire_le {
        echeances.push(Echeance {
            genre: GenreEcheance::TitreExpiration,
            date: d,
            jours: (d - aujourdhui).num_days(),
        });
    }
    if let Some(d) = personne.api_expire_le {
        echeances.push(Echeance {
            genre: GenreEcheance::ApiExpiration,
            date: d,
            jours: (d - aujourdhui).num_days(),
        });
    }
    echeances.sort_by_key(|e| e.jours);
    let urgence = match echeances.first() {
        Some(e) if e.jours < 0 => NiveauUrgence::DroitsRompus,
        Some(_) => NiveauUrgence::AVenir,
        None => NiveauUrgence::Aucune,
    };
    Evaluation {
        etape,
        prochaine: ProchaineEtape {
            etape,
            action: String::new(),
            raison: String::new(),
        },
        alertes: Vec::new(),
        echeances,
        urgence,
    }
}

/// The highest step reached by the recorded events.
pub fn etape_atteinte(evenements: &[Evenement]) -> Etape {
    evenements
        .iter()
        .map(|e| match e.type_evenement {
            TypeEvenement::Visite | TypeEvenement::ApiDelivree => Etape::Constat,
            TypeEvenement::Ccc => Etape::Ccc,
            TypeEvenement::Pan => Etape::Pan,
            TypeEvenement::Substitution => Etape::Substitution,
            TypeEvenement::Recommande => Etape::Recommande,
            TypeEvenement::Avocat | TypeEvenement::DefenseurDroits => Etape::Recours,
            TypeEvenement::Cloture => Etape::Cloture,
        })
        .max()
        .unwrap_or(Etape::Constat)
}
