//! The escalation engine: from what was recorded, the stage on the ladder, the recommended
//! next step with its reason, the deadlines with days left, and the urgency that orders
//! the day's list. Pure functions of (person, events, préfecture knowledge, rules, today).
//!
//! Every duration comes from the rules (`Regles`). The engine says nothing in French: it
//! returns values (a stage, an action code, a reason with its data, typed warnings and
//! deadlines) that the texts layer words. The stage is derived from the recorded events,
//! never typed: it is the step of the most recent ladder event since the last closure (a
//! closure followed by a new ladder event reopens the file).

mod alertes;
mod decision;
mod echeances;

use super::regles::{CleRegle, Regles};
use super::{Canal, Departement, Evenement, Personne, Resultat, TypeEvenement};
use chrono::{Days, NaiveDate};
use decision::{Decision, decider, decider_sans_recul, decision};

/// A step of the ladder (docs/produit.md).
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

    /// The step an event type belongs to (`None` for visits and API deliveries, which are
    /// not steps of the ladder).
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
    /// Whose préfecture this is (`None`: not known, "the préfecture" in sentences).
    pub departement: Option<Departement>,
    pub pan: PanConnu,
    pub guichet: Option<bool>,
    pub postal: Option<bool>,
    pub courriel: Option<bool>,
    /// The préfecture imposes postal deposit (contrary to the arrêté of 1 August 2023).
    pub postal_impose: bool,
}

/// The kind of the recommended next step (stable, for tests, colours and shortcuts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GenreAction {
    /// No CCC contact yet: write through the ANEF contact form.
    EcrireCcc,
    /// A CCC request is pending: wait until the rule's date.
    AttendreCcc,
    /// The CCC failed and the préfecture's PAN is unknown: check, then book.
    VerifierPan,
    /// The CCC failed and the préfecture has a PAN: book it.
    ReserverPan,
    /// A PAN appointment was requested: wait for it, follow up at the rule's date.
    AttendrePan,
    /// A PAN appointment was obtained: go (or record its outcome).
    AllerPan,
    /// A CCC attestation of impossibility: ask for substitution directly.
    DemanderSubstitution,
    /// Substitution offered: prepare the deposit.
    PreparerDepot,
    /// Deposit made: wait for the attestation or the API.
    AttendreAttestation,
    /// No PAN, PAN unavailable, or nothing proposed: registered letter.
    EcrireRecommande,
    /// Registered letter sent: wait for the answer until the rule's date.
    AttendreReponseRecommande,
    /// Lawyer (référé mesures utiles) and Défenseur des droits.
    SaisirAvocat,
    /// A lawyer or the Défenseur des droits is involved: follow it.
    SuivreRecours,
    /// The blocking is solved: record the closure.
    Cloturer,
    /// Closed file: nothing to do.
    Aucune,
}

impl GenreAction {
    /// The ladder step this action belongs to.
    pub fn etape(self) -> Etape {
        match self {
            GenreAction::EcrireCcc | GenreAction::AttendreCcc => Etape::Ccc,
            GenreAction::VerifierPan | GenreAction::ReserverPan => Etape::Pan,
            GenreAction::AttendrePan | GenreAction::AllerPan => Etape::Pan,
            GenreAction::DemanderSubstitution
            | GenreAction::PreparerDepot
            | GenreAction::AttendreAttestation => Etape::Substitution,
            GenreAction::EcrireRecommande | GenreAction::AttendreReponseRecommande => {
                Etape::Recommande
            }
            GenreAction::SaisirAvocat | GenreAction::SuivreRecours => Etape::Recours,
            GenreAction::Cloturer | GenreAction::Aucune => Etape::Cloture,
        }
    }
}

/// Why the engine recommends its next step: the facts the French reason is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Motif {
    AucunContactCcc,
    CccEnAttente {
        le: NaiveDate,
        jusquau: NaiveDate,
        /// The rule that set this date (`None`: the date recorded on the event).
        regle: Option<CleRegle>,
    },
    CccEchec {
        le: NaiveDate,
        resultat: Resultat,
    },
    CccSansReponseDansLeDelai {
        le: NaiveDate,
        /// Days since `le`.
        jours: i64,
        /// The rule whose delay ran out (`None`: the date recorded on the event).
        regle: Option<CleRegle>,
    },
    CccAttestation {
        le: NaiveDate,
    },
    PanDemande {
        le: NaiveDate,
        relance: NaiveDate,
        /// The rule that set this date (`None`: the date recorded on the event).
        regle: Option<CleRegle>,
    },
    PanDemandeSansReponse {
        le: NaiveDate,
        /// Days since `le`.
        jours: i64,
        /// The rule whose delay ran out (`None`: the date recorded on the event).
        regle: Option<CleRegle>,
    },
    PanRdv {
        rdv: Option<NaiveDate>,
    },
    PanRdvPasse {
        rdv: NaiveDate,
    },
    PanEchec {
        le: NaiveDate,
        resultat: Resultat,
    },
    SubstitutionProposee {
        le: NaiveDate,
        rdv: Option<NaiveDate>,
        canal: Option<Canal>,
        /// The appointment date is past and nothing was recorded since.
        rdv_passe: bool,
    },
    DepotEffectue {
        le: NaiveDate,
        jusquau: NaiveDate,
        /// The rule that set this date (`None`: the date recorded on the event).
        regle: Option<CleRegle>,
    },
    SubstitutionRefusee {
        le: NaiveDate,
    },
    RecommandeEnvoye {
        le: NaiveDate,
        jusquau: NaiveDate,
        /// The rule that set this date (`None`: the date recorded on the event).
        regle: Option<CleRegle>,
    },
    RecommandeSansReponse {
        le: NaiveDate,
        /// Days since `le`.
        jours: i64,
        /// The rule whose delay ran out (`None`: the date recorded on the event).
        regle: Option<CleRegle>,
    },
    RecommandeReponse {
        le: NaiveDate,
    },
    DroitsRompus {
        depuis: NaiveDate,
    },
    Recours {
        avocat: Option<Resultat>,
        defenseur: bool,
    },
    Resolu {
        le: NaiveDate,
        par: TypeEvenement,
    },
    Clos {
        le: NaiveDate,
        resultat: Option<Resultat>,
    },
}

/// The recommended next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProchaineEtape {
    /// The step this action belongs to.
    pub etape: Etape,
    /// The kind of action (stable code for tests, screens and texts).
    pub genre: GenreAction,
    /// The facts behind the reason.
    pub motif: Motif,
    /// The préfecture the step deals with (`None`: not known).
    pub prefecture: Option<Departement>,
    /// What is known of that préfecture's PAN (the step and its reason depend on it).
    pub pan: PanConnu,
}

/// A warning always shown with the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alerte {
    /// No evidence of the blocking: `captures` not filled in (`None`) or zero.
    PreuvesManquantes { captures: Option<u32> },
    /// Permit and API expired since `depuis`.
    DroitsRompus { depuis: NaiveDate },
    /// The renewal window closed on `fermee_le`: a late request costs the rule's tax.
    RenouvellementTardif {
        fermee_le: NaiveDate,
        taxe_euros: u32,
        regle: CleRegle,
    },
    /// The préfecture imposes postal deposit, contrary to the arrêté of 1 August 2023.
    PostalImpose { prefecture: Option<Departement> },
    /// A substitution offered by post or e-mail: allowed only at the person's request.
    SubstitutionADistance { canal: Canal },
    /// The CCC was only contacted by phone: no written trace.
    CccTelephoneSeulement,
}

/// The kind of a dated deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echeance {
    pub genre: GenreEcheance,
    pub date: NaiveDate,
    /// `date - today` in days: negative when past.
    pub jours: i64,
    /// How pressing this deadline is on its own (the person's urgency is the most pressing
    /// of these, or `DuJour` for a visit today).
    pub niveau: NiveauUrgence,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub etape: Etape,
    pub prochaine: ProchaineEtape,
    /// Warnings always shown (missing evidence, a mode imposed contrary to the arrêté…).
    pub alertes: Vec<Alerte>,
    /// Every deadline, most pressing first.
    pub echeances: Vec<Echeance>,
    pub urgence: NiveauUrgence,
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

    /// Whether the file is closed.
    pub fn est_close(&self) -> bool {
        self.etape == Etape::Cloture
    }
}

fn moins_jours(d: NaiveDate, n: i64) -> NaiveDate {
    let n = u64::try_from(n).unwrap_or(0);
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
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

/// The expiry to propose when recording an API delivered on `delivree_le` (quick entry
/// default): its validity depends on its rank (how many APIs were already recorded) and on
/// the date of the rule giving the second API a longer validity.
pub fn echeance_api_proposee(
    evenements: &[Evenement],
    delivree_le: NaiveDate,
    regles: &Regles,
) -> NaiveDate {
    let deja = evenements
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::ApiDelivree && e.date <= delivree_le)
        .count();
    let mois = regles.validite_api_mois(deja + 1, delivree_le);
    delivree_le
        .checked_add_months(chrono::Months::new(mois))
        .unwrap_or(NaiveDate::MAX)
}

/// The highest step reached by the recorded events (kept for callers drawing the ladder).
pub fn etape_atteinte(evenements: &[Evenement]) -> Etape {
    evenements
        .iter()
        .filter_map(|e| Etape::de_type(e.type_evenement))
        .max()
        .unwrap_or(Etape::Constat)
}

/// The ladder events that count now: those after the last closure, in date order (stable:
/// same-day events keep their recorded order). Returns whether the file is closed.
fn evenements_actifs<'a>(tries: &[&'a Evenement]) -> (Vec<&'a Evenement>, Option<&'a Evenement>) {
    let mut echelle: Vec<&Evenement> = tries
        .iter()
        .copied()
        .filter(|e| Etape::de_type(e.type_evenement).is_some())
        .collect();
    let derniere_cloture = echelle
        .iter()
        .rposition(|e| e.type_evenement == TypeEvenement::Cloture);
    match derniere_cloture {
        Some(i) if i + 1 == echelle.len() => (Vec::new(), Some(echelle[i])),
        Some(i) => (echelle.split_off(i + 1), None),
        None => (echelle, None),
    }
}

/// What every step of the evaluation reads: the person's events sorted, the active ones,
/// the closure if the file is closed, and the dates that cover the person's rights.
struct Situation<'a> {
    personne: &'a Personne,
    /// Every event in date order (stable).
    tries: Vec<&'a Evenement>,
    /// Ladder events since the last closure (empty when closed).
    actifs: Vec<&'a Evenement>,
    /// The closure, when the file is closed.
    cloture: Option<&'a Evenement>,
    /// Until when the person's rights are covered.
    fin_droits: Option<NaiveDate>,
    /// The current API's expiry.
    api: Option<NaiveDate>,
    aujourdhui: NaiveDate,
}

impl<'a> Situation<'a> {
    fn nouvelle(
        personne: &'a Personne,
        evenements: &'a [Evenement],
        aujourdhui: NaiveDate,
    ) -> Self {
        let mut tries: Vec<&Evenement> = evenements.iter().collect();
        tries.sort_by_key(|e| e.date);
        let (actifs, cloture) = evenements_actifs(&tries);
        Situation {
            personne,
            tries,
            actifs,
            cloture,
            fin_droits: couverture(personne, evenements),
            api: expiration_api(personne, evenements),
            aujourdhui,
        }
    }

    /// Rights lapsed before today: the date they lapsed.
    fn droits_rompus_depuis(&self) -> Option<NaiveDate> {
        self.fin_droits.filter(|c| *c < self.aujourdhui)
    }
}

/// The stage and the next step, before lapsed rights are taken into account.
fn etape_et_decision(
    s: &Situation,
    prefecture: &ConnaissancePrefecture,
    regles: &Regles,
) -> (Etape, Decision) {
    if let Some(c) = s.cloture {
        let motif = Motif::Clos {
            le: c.date,
            resultat: c.resultat,
        };
        return (Etape::Cloture, decision(GenreAction::Aucune, motif));
    }
    // Where the person stands: the highest step reached since the last closure (a new CCC
    // attempt after a letter does not take the person back down the ladder); the next step
    // still follows from the most recent event.
    let etape = s
        .actifs
        .iter()
        .filter_map(|e| Etape::de_type(e.type_evenement))
        .max()
        .unwrap_or(Etape::Constat);
    let dec = decider_sans_recul(&s.actifs, etape, prefecture, regles, s.aujourdhui);
    (etape, dec)
}

/// Lapsed rights call for a lawyer, unless a remedy is already under way.
fn si_droits_rompus(
    s: &Situation,
    dec: Decision,
    prefecture: &ConnaissancePrefecture,
    regles: &Regles,
) -> Decision {
    let Some(depuis) = s.droits_rompus_depuis() else {
        return dec;
    };
    let deja_en_recours = matches!(
        dec.genre,
        GenreAction::SaisirAvocat
            | GenreAction::SuivreRecours
            | GenreAction::PreparerDepot
            | GenreAction::AttendreAttestation
            | GenreAction::Cloturer
            | GenreAction::Aucune
    );
    if deja_en_recours {
        return dec;
    }
    // A lawyer or the Défenseur des droits already seized: follow that remedy rather than
    // recommending it again; otherwise, it is time to seize them.
    let recours = s.actifs.iter().rposition(|e| {
        matches!(
            e.type_evenement,
            TypeEvenement::Avocat | TypeEvenement::DefenseurDroits
        )
    });
    match recours {
        Some(i) => decider(&s.actifs[..=i], prefecture, regles, s.aujourdhui),
        None => decision(GenreAction::SaisirAvocat, Motif::DroitsRompus { depuis }),
    }
}

/// The whole evaluation of a person on `aujourdhui`.
pub fn evaluer(
    personne: &Personne,
    evenements: &[Evenement],
    prefecture: &ConnaissancePrefecture,
    regles: &Regles,
    aujourdhui: NaiveDate,
) -> Evaluation {
    let s = Situation::nouvelle(personne, evenements, aujourdhui);
    let (etape, dec) = etape_et_decision(&s, prefecture, regles);
    let dec = si_droits_rompus(&s, dec, prefecture, regles);
    let echeances = echeances::echeances(&s, &dec, regles);
    let urgence = echeances::urgence(&s, &echeances);
    let alertes = alertes::alertes(&s, etape, &dec.motif, prefecture, regles);
    Evaluation {
        etape,
        prochaine: ProchaineEtape {
            etape: dec.genre.etape(),
            genre: dec.genre,
            motif: dec.motif,
            prefecture: prefecture.departement,
            pan: prefecture.pan,
        },
        alertes,
        echeances,
        urgence,
    }
}
