//! The escalation engine, a planner: from what was recorded, the ladder of the person's
//! blocking type (data: `assets/echelles.toml`), the stage reached, the recommended next step
//! with its reason and legal basis, the steps to run the same day when a deadline leaves no
//! time to wait, the deadlines with days left, typed alerts, and the urgency that orders the
//! day's list. Pure functions of (person, events, préfecture knowledge, rules, today).
//!
//! Every duration comes from the rules (`Regles`). The engine says nothing in French: it
//! returns values (a stage, an action code, a reason with its data, typed warnings and
//! deadlines) that the texts layer words. Two invariants hold for every history (property
//! test in `tests/moteur_proprietes.rs`): a waiting step always has a follow-up date, never
//! after the day the person's rights lapse; an open file always has a next action.

mod actions;
mod alertes;
mod decision;
mod echeances;
pub mod echelles;
mod horizon;
mod plan;

use super::regles::{CleRegle, Regles};
use super::{Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement};
use chrono::{Days, NaiveDate};
use decision::Decision;
pub use echelles::Echelle;

/// A step of the ladder (docs/produit.md).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

    /// The §5 code.
    pub fn code(self) -> &'static str {
        match self {
            Etape::Constat => "constat",
            Etape::Ccc => "ccc",
            Etape::Pan => "pan",
            Etape::Substitution => "substitution",
            Etape::Recommande => "recommande",
            Etape::Recours => "recours",
            Etape::Cloture => "cloture",
        }
    }

    /// The step an event type belongs to (`None` for visits, API deliveries, messages to
    /// the préfecture's service and follow-ups, which are not steps of the filing ladder).
    pub fn de_type(t: TypeEvenement) -> Option<Etape> {
        match t {
            TypeEvenement::Visite
            | TypeEvenement::ApiDelivree
            | TypeEvenement::Prefecture
            | TypeEvenement::Suivi => None,
            TypeEvenement::Ccc => Some(Etape::Ccc),
            TypeEvenement::Pan => Some(Etape::Pan),
            TypeEvenement::Substitution => Some(Etape::Substitution),
            TypeEvenement::Recommande => Some(Etape::Recommande),
            TypeEvenement::Avocat | TypeEvenement::DefenseurDroits => Some(Etape::Recours),
            TypeEvenement::Cloture => Some(Etape::Cloture),
        }
    }
}

/// What the engine knows of a préfecture's practices (filled from the directory).
/// `Inconnu`: no fact recorded; the ministry says every préfecture has a PAN (general or
/// dedicated), so the engine presumes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
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
    /// Whose préfecture this is (`None`: not known, "the préfecture" in sentences).
    pub departement: Option<Departement>,
    pub pan: PanConnu,
    pub guichet: Option<bool>,
    pub postal: Option<bool>,
    pub courriel: Option<bool>,
    /// The préfecture imposes postal deposit (contrary to the arrêté of 1 August 2023).
    pub postal_impose: bool,
}

pub use actions::GenreAction;

/// Where the deposit mode of a substitution comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OrigineMode {
    /// Recorded on the invitation (or the request) event.
    Enregistre,
    /// The préfecture imposes it (known practice, contrary to the arrêté when postal).
    Impose,
    /// The arrêté's rule: the guichet, on an individual appointment.
    Arrete,
}

/// Why the engine recommends its next step: the facts the French reason is built from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Motif {
    /// Nothing recorded on the ladder yet.
    AucunContact,
    /// A request awaits an answer until `jusquau` (the rule's delay, a recorded date, or a
    /// follow-up postponing it; capped by the rights' lapse when `plafonne`).
    Attente {
        evenement: TypeEvenement,
        resultat: Option<Resultat>,
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        #[serde(with = "crate::domain::date_serde")]
        jusquau: NaiveDate,
        /// The rule that set this date (`None`: the date recorded on the event or a `suivi`).
        regle: Option<CleRegle>,
        plafonne: bool,
    },
    /// A request left unanswered past its follow-up date.
    SansReponse {
        evenement: TypeEvenement,
        resultat: Option<Resultat>,
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        jours: i64,
        regle: Option<CleRegle>,
    },
    /// An outcome that calls for the next step of the ladder.
    Echec {
        evenement: TypeEvenement,
        resultat: Resultat,
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
    },
    /// The CCC attested the impossibility to file online.
    CccAttestation {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
    },
    /// An appointment (PAN, substitution deposit) on `rdv`; `passe`: it is past with nothing
    /// recorded since.
    RendezVous {
        evenement: TypeEvenement,
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        #[serde(with = "crate::domain::date_serde::option")]
        rdv: Option<NaiveDate>,
        passe: bool,
    },
    /// A substitution to deposit: where, and where that mode comes from; the modes the
    /// préfecture is known to accept by post or e-mail.
    Substitution {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        canal: Canal,
        origine: OrigineMode,
        postal_connu: Option<bool>,
        courriel_connu: Option<bool>,
    },
    /// A deposit without proof since `le`.
    DepotSansPreuve {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        jours: i64,
        regle: Option<CleRegle>,
    },
    /// A deposit with no decision for the silence rule's months: implicit rejection.
    SilenceRejet {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        #[serde(with = "crate::domain::date_serde")]
        rejet_le: NaiveDate,
    },
    /// Rights lapsed on `depuis`: a lawyer, with the current step the same day.
    DroitsRompus {
        #[serde(with = "crate::domain::date_serde")]
        depuis: NaiveDate,
    },
    /// A remedy under way: the latest lawyer outcome, whether the Défenseur was seized.
    Recours {
        avocat: Option<Resultat>,
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        defenseur: bool,
    },
    /// The CCC or the PAN solved the blocking: the request is still to be filed.
    Resolu {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        par: TypeEvenement,
    },
    /// An answer of the préfecture's service: what it gave is to be recorded.
    Reponse {
        evenement: TypeEvenement,
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
    },
    /// Filed (proof of deposit) or permit/API obtained: the file can be closed.
    Obtenu {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        par: TypeEvenement,
    },
    /// Closed.
    Clos {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        resultat: Option<Resultat>,
    },
}

/// The recommended next step.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProchaineEtape {
    /// The step this action belongs to.
    pub etape: Etape,
    /// The kind of action (its §5 code).
    pub genre: GenreAction,
    /// The facts behind the reason.
    pub motif: Motif,
    /// The préfecture the step deals with (`None`: not known).
    pub prefecture: Option<Departement>,
    /// What is known of that préfecture's PAN (`Inconnu`: presumed, not checked).
    pub pan: PanConnu,
    /// The ladder followed (per blocking type).
    pub echelle: Echelle,
    /// The legal basis of the step, from the ladder data (`None`: not a ladder step); not
    /// kept with an evaluation (`Evaluation::relue` finds it again from the ladder).
    #[serde(skip)]
    pub base: Option<&'static str>,
    /// The person's procedure (the renewal-only rules depend on it).
    pub demarche: Demarche,
    /// Other steps to take the same day, when a deadline leaves no time to wait.
    pub paralleles: Vec<GenreAction>,
}

pub use alertes::{Alerte, IdentiteManquante};

/// The kind of a dated deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum GenreEcheance {
    TitreExpiration,
    RenouvellementOuverture,
    RenouvellementFermeture,
    ApiExpiration,
    /// A date to follow up (wait until, then chase) after an event of this type.
    Suivi(TypeEvenement),
    /// An appointment obtained: a PAN appointment, a substitution invitation.
    RendezVous(TypeEvenement),
}

impl GenreEcheance {
    /// The §5 `echeance` code.
    pub fn code(self) -> &'static str {
        match self {
            GenreEcheance::TitreExpiration => "titre",
            GenreEcheance::ApiExpiration => "api",
            GenreEcheance::RenouvellementOuverture | GenreEcheance::RenouvellementFermeture => {
                "fenetre_renouvellement"
            }
            GenreEcheance::RendezVous(_) => "rendez_vous",
            GenreEcheance::Suivi(_) => "relance",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Echeance {
    pub genre: GenreEcheance,
    #[serde(with = "crate::domain::date_serde")]
    pub date: NaiveDate,
    /// `date - today` in days: negative when past.
    pub jours: i64,
    /// How pressing this deadline is on its own (the person's urgency is the most pressing
    /// of these, or `DuJour` for a visit today).
    pub niveau: NiveauUrgence,
}

/// Urgency classes, most urgent first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

impl NiveauUrgence {
    pub const TOUS: [NiveauUrgence; 6] = [
        NiveauUrgence::DroitsRompus,
        NiveauUrgence::DroitsMenaces,
        NiveauUrgence::SuiviEnRetard,
        NiveauUrgence::DuJour,
        NiveauUrgence::AVenir,
        NiveauUrgence::Aucune,
    ];
}

/// The engine's whole verdict on a person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evaluation {
    pub etape: Etape,
    pub prochaine: ProchaineEtape,
    /// Warnings always shown (missing evidence, a mode imposed contrary to the arrêté…).
    pub alertes: Vec<Alerte>,
    /// Every deadline, most pressing first.
    pub echeances: Vec<Echeance>,
    pub urgence: NiveauUrgence,
    /// The urgency without a visit today (what it is from the day after, other things equal).
    pub urgence_hors_visite: NiveauUrgence,
}

impl Evaluation {
    /// The most pressing deadline, if any.
    pub fn echeance_principale(&self) -> Option<&Echeance> {
        self.echeances.first()
    }

    /// Sort key for the day's list: a total order, most urgent first (then fewest days left).
    pub fn cle_urgence(&self) -> (NiveauUrgence, i64) {
        (
            self.urgence,
            self.echeance_principale().map_or(i64::MAX, |e| e.jours),
        )
    }

    /// A follow-up overdue by more than `jours` days (and nothing more pressing): « en
    /// sommeil », listed after the day's work.
    pub fn en_sommeil(&self, jours: i64) -> bool {
        self.urgence == NiveauUrgence::SuiviEnRetard
            && self.echeance_principale().is_some_and(|e| e.jours < -jours)
    }

    /// Whether the file is closed.
    pub fn est_close(&self) -> bool {
        self.etape == Etape::Cloture
    }

    /// The §5 `urgence` code: a closed file is `clos`, an open one with nothing pressing
    /// `a_suivre`.
    pub fn code_urgence(&self) -> &'static str {
        if self.est_close() {
            return "clos";
        }
        match self.urgence {
            NiveauUrgence::DroitsRompus => "droits_rompus",
            NiveauUrgence::DroitsMenaces => "droits_menaces",
            NiveauUrgence::SuiviEnRetard => "relance_en_retard",
            NiveauUrgence::DuJour => "du_jour",
            NiveauUrgence::AVenir | NiveauUrgence::Aucune => "a_suivre",
        }
    }

    /// An evaluation read back from the base: what is not kept is found again.
    pub fn relue(mut self) -> Self {
        self.prochaine.base = echelles::base(self.prochaine.echelle, self.prochaine.genre);
        self
    }

    /// The evaluation `jours` days later, within its horizon: every day count moves, and a
    /// visit today no longer raises the urgency; nothing else changes (those are the only
    /// values the engine derives from today's date within the horizon).
    pub fn decaler(&mut self, jours: i64) {
        if jours > 0 {
            // Today's visit is past.
            self.urgence = self.urgence_hors_visite;
        }
        for e in &mut self.echeances {
            e.jours -= jours;
        }
        for a in &mut self.alertes {
            if let Alerte::DroitsMenaces { jours: j, .. } = a {
                *j -= jours;
            }
        }
        match &mut self.prochaine.motif {
            Motif::SansReponse { jours: j, .. } | Motif::DepotSansPreuve { jours: j, .. } => {
                *j += jours;
            }
            _ => {}
        }
    }

    /// The follow-up date of the recommended step (the date it is checked again), if any.
    pub fn relance(&self) -> Option<NaiveDate> {
        self.echeances
            .iter()
            .filter(|e| matches!(e.genre, GenreEcheance::Suivi(_)))
            .map(|e| e.date)
            .min()
    }
}

pub(super) fn moins_jours(d: NaiveDate, n: i64) -> NaiveDate {
    let n = u64::try_from(n).unwrap_or(0);
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

pub(super) fn plus_jours(d: NaiveDate, n: i64) -> NaiveDate {
    let n = u64::try_from(n).unwrap_or(0);
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

pub(super) fn plus_mois(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// The date until which a person's rights are covered: the latest of the permit's expiry,
/// the recorded API expiry and the latest API delivered.
pub fn couverture(personne: &Personne, evenements: &[Evenement]) -> Option<NaiveDate> {
    [
        personne.titre_expire_le,
        expiration_api(personne, evenements),
    ]
    .into_iter()
    .flatten()
    .max()
}

/// The current API's expiry: the later of the person's `api_expire_le` and the `echeance`
/// of the latest `api_delivree` event.
pub fn expiration_api(personne: &Personne, evenements: &[Evenement]) -> Option<NaiveDate> {
    let derniere = evenements
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::ApiDelivree)
        .max_by_key(|e| e.date)
        .and_then(|e| e.echeance);
    [personne.api_expire_le, derniere]
        .into_iter()
        .flatten()
        .max()
}

/// The expiry to propose when recording an API delivered on `delivree_le` (the event form's
/// default): 3 months for the first (R.431-15-1: a maximum), the longer validity for a
/// second one delivered since the rule's date (ministry practice). Returns the rule applied.
pub fn echeance_api_proposee(
    evenements: &[Evenement],
    delivree_le: NaiveDate,
    regles: &Regles,
) -> NaiveDate {
    echeance_api_et_regle(evenements, delivree_le, regles).0
}

/// [`echeance_api_proposee`] with the rule that gave the validity.
pub fn echeance_api_et_regle(
    evenements: &[Evenement],
    delivree_le: NaiveDate,
    regles: &Regles,
) -> (NaiveDate, CleRegle) {
    let deja = evenements
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::ApiDelivree && e.date <= delivree_le)
        .count();
    echeance_api_de_rang(deja + 1, delivree_le, regles)
}

/// The expiry of the `rang`-th API (1 for the first) delivered on `delivree_le`, with the
/// rule that gave its validity.
pub fn echeance_api_de_rang(
    rang: usize,
    delivree_le: NaiveDate,
    regles: &Regles,
) -> (NaiveDate, CleRegle) {
    let mois = regles.validite_api_mois(rang, delivree_le);
    let regle = if mois == regles.api_validite_mois() {
        CleRegle::ApiValidite
    } else {
        CleRegle::ApiSecondeValidite
    };
    (plus_mois(delivree_le, mois), regle)
}

/// The highest step reached by the recorded events (kept for callers drawing the ladder).
pub fn etape_atteinte(evenements: &[Evenement]) -> Etape {
    evenements
        .iter()
        .filter_map(|e| Etape::de_type(e.type_evenement))
        .max()
        .unwrap_or(Etape::Constat)
}

/// Whether an event is a step taken (it reopens a closed file).
fn est_demarche(t: TypeEvenement) -> bool {
    !matches!(
        t,
        TypeEvenement::Visite | TypeEvenement::Suivi | TypeEvenement::ApiDelivree
    )
}

/// What every step of the evaluation reads: the person's events sorted, the active ones,
/// the closure if the file is closed, and the dates that cover the person's rights.
pub(super) struct Situation<'a> {
    personne: &'a Personne,
    /// Every event in date order (stable).
    tries: Vec<&'a Evenement>,
    /// Every event but visits since the last closure, in date order (empty when closed).
    actifs: Vec<&'a Evenement>,
    /// The closure, when the file is closed.
    cloture: Option<&'a Evenement>,
    /// Until when the person's rights are covered.
    fin_droits: Option<NaiveDate>,
    /// The current API's expiry.
    api: Option<NaiveDate>,
    echelle: Echelle,
    regles: &'a Regles,
    /// Today: compared only through `Aujourdhui`, which keeps the evaluation's horizon.
    aujourdhui: horizon::Aujourdhui,
}

impl<'a> Situation<'a> {
    fn nouvelle(
        personne: &'a Personne,
        evenements: &'a [Evenement],
        regles: &'a Regles,
        aujourdhui: NaiveDate,
    ) -> Self {
        let mut tries: Vec<&Evenement> = evenements.iter().collect();
        tries.sort_by_key(|e| e.date);
        let derniere_cloture = tries
            .iter()
            .rposition(|e| e.type_evenement == TypeEvenement::Cloture);
        let rouvert = derniere_cloture.is_none_or(|i| {
            tries[i + 1..]
                .iter()
                .any(|e| est_demarche(e.type_evenement))
        });
        let debut = derniere_cloture.map_or(0, |i| i + 1);
        let (actifs, cloture) = if rouvert {
            let a = tries[debut..]
                .iter()
                .copied()
                .filter(|e| e.type_evenement != TypeEvenement::Visite)
                .collect();
            (a, None)
        } else {
            (Vec::new(), derniere_cloture.map(|i| tries[i]))
        };
        let deposee = actifs.iter().any(|e: &&Evenement| {
            e.type_evenement == TypeEvenement::Substitution
                && matches!(
                    e.resultat,
                    Some(Resultat::DepotEffectue | Resultat::AttestationDepot)
                )
        });
        let mut echelle = Echelle::de_blocage(personne.blocage);
        if echelle == Echelle::Depot && deposee {
            echelle = Echelle::ApresDepot;
        }
        Situation {
            personne,
            tries,
            actifs,
            cloture,
            fin_droits: couverture(personne, evenements),
            api: expiration_api(personne, evenements),
            echelle,
            regles,
            aujourdhui: horizon::Aujourdhui::nouveau(aujourdhui),
        }
    }

    /// A rule counted in days.
    fn regle_jours(&self, c: CleRegle) -> i64 {
        self.regles.jours(c)
    }

    /// Rights lapsed before today: the date they lapsed.
    fn droits_rompus_depuis(&self) -> Option<NaiveDate> {
        self.fin_droits.filter(|c| self.aujourdhui.passe(*c))
    }

    /// The renewal-only rules (window, L.436-5 fee, R.431-15-1 API loss) apply.
    fn est_renouvellement(&self) -> bool {
        self.personne.demarche == Demarche::Renouvellement
    }

    /// A request was filed: a deposit recorded, an API delivered or recorded.
    fn demande_deposee(&self) -> bool {
        self.api.is_some()
            || self.tries.iter().any(|e| {
                e.type_evenement == TypeEvenement::Substitution
                    && matches!(
                        e.resultat,
                        Some(Resultat::DepotEffectue | Resultat::AttestationDepot)
                    )
            })
    }
}

impl Situation<'_> {
    /// A proof of the deposit was received (or an API delivered).
    fn demande_prouvee(&self) -> bool {
        self.api.is_some()
            || self.actifs.iter().any(|e| {
                e.type_evenement == TypeEvenement::Substitution
                    && e.resultat == Some(Resultat::AttestationDepot)
            })
    }
}

/// The stage reached: the highest step since the last closure (a new CCC attempt after a
/// letter does not take the person back down the ladder).
fn etape(s: &Situation) -> Etape {
    if s.cloture.is_some() {
        return Etape::Cloture;
    }
    s.actifs
        .iter()
        .filter_map(|e| Etape::de_type(e.type_evenement))
        .max()
        .unwrap_or(Etape::Constat)
}

/// The whole evaluation of a person on `aujourdhui`.
pub fn evaluer(
    personne: &Personne,
    evenements: &[Evenement],
    prefecture: &ConnaissancePrefecture,
    regles: &Regles,
    aujourdhui: NaiveDate,
) -> Evaluation {
    evaluer_jusqua(personne, evenements, prefecture, regles, aujourdhui).0
}

/// [`evaluer`] with its horizon: the first day the evaluation may differ from this one with
/// its day counts shifted ([`Evaluation::decaler`]); before it, on any day `d`, the
/// evaluation is this one shifted by `d - aujourdhui` (`tests/moteur_proprietes.rs`).
pub fn evaluer_jusqua(
    personne: &Personne,
    evenements: &[Evenement],
    prefecture: &ConnaissancePrefecture,
    regles: &Regles,
    aujourdhui: NaiveDate,
) -> (Evaluation, NaiveDate) {
    let s = Situation::nouvelle(personne, evenements, regles, aujourdhui);
    let etape = etape(&s);
    let dec: Decision = decision::decider(&s, prefecture, regles);
    let plan = plan::planifier(&s, dec, prefecture, regles);
    let echeances = echeances::echeances(&s, &plan, regles);
    let (urgence, urgence_hors_visite) = echeances::urgence(&s, &echeances);
    let alertes = alertes::alertes(&s, &plan, prefecture, regles);
    let genre = plan.decision.genre;
    let evaluation = Evaluation {
        etape,
        prochaine: ProchaineEtape {
            etape: genre.etape(),
            genre,
            motif: plan.decision.motif,
            prefecture: prefecture.departement,
            pan: prefecture.pan,
            echelle: s.echelle,
            base: echelles::base(s.echelle, genre),
            demarche: personne.demarche,
            paralleles: plan.paralleles,
        },
        alertes,
        echeances,
        urgence,
        urgence_hors_visite,
    };
    (evaluation, s.aujourdhui.horizon())
}
