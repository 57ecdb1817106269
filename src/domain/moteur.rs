//! The escalation engine: from what was recorded, the stage on the ladder, the recommended
//! next step with its reason, the deadlines with days left, and the urgency that orders
//! the day's list. Pure functions of (person, events, préfecture knowledge, rules, today).
//!
//! Every duration comes from `crate::regles::Regles`; every sentence from
//! `crate::textes::moteur`. The stage is derived from the recorded events, never typed:
//! it is the step of the most recent ladder event since the last closure (a closure followed
//! by a new ladder event reopens the file).

use super::{Canal, Evenement, Personne, Resultat, TypeEvenement};
use super::regles::Regles;
use crate::textes::moteur as t;
use chrono::{Days, NaiveDate};

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

    /// The step an event type belongs to (`None` for visits and API deliveries, which are
    /// not steps of the ladder).
    pub fn de_type(t: TypeEvenement) -> Option<Etape> {
        match t {
            TypeEvenement::Visite | TypeEvenement::ApiDelivree => None,
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
    /// Name for sentences, e.g. "la préfecture de la Gironde".
    pub nom: String,
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
    },
    CccEchec {
        le: NaiveDate,
        resultat: Resultat,
    },
    CccSansReponseDansLeDelai {
        le: NaiveDate,
        jours: i64,
    },
    CccAttestation {
        le: NaiveDate,
    },
    PanDemande {
        le: NaiveDate,
        relance: NaiveDate,
    },
    PanDemandeSansReponse {
        le: NaiveDate,
        jours: i64,
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
    },
    SubstitutionRefusee {
        le: NaiveDate,
    },
    RecommandeEnvoye {
        le: NaiveDate,
        jusquau: NaiveDate,
    },
    RecommandeSansReponse {
        le: NaiveDate,
        jours: i64,
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
    /// A few words, e.g. "Écrire au CCC (formulaire)".
    pub action: String,
    /// The reason in plain French.
    pub raison: String,
    /// The kind of action (stable code for tests and screens).
    pub genre: GenreAction,
    /// The facts behind the reason.
    pub motif: Motif,
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

fn plus_jours(d: NaiveDate, n: i64) -> NaiveDate {
    let n = u64::try_from(n).unwrap_or(0);
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
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

/// Decides from the most recent event, except that a failure at a lower step (a new CCC
/// contact that did not help after a registered letter, say) does not take the person back
/// down the ladder: the recommendation then follows from the last event of the highest step
/// reached, so its follow-ups (a letter awaiting an answer) stay in force.
fn decider_sans_recul(
    actifs: &[&Evenement],
    plus_haute: Etape,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
    aujourdhui: NaiveDate,
) -> Decision {
    let dec = decider(actifs, pref, regles, aujourdhui);
    let passer_a_la_suite = matches!(
        dec.genre,
        GenreAction::EcrireCcc
            | GenreAction::VerifierPan
            | GenreAction::ReserverPan
            | GenreAction::EcrireRecommande
    );
    if !passer_a_la_suite || dec.genre.etape() > plus_haute {
        return dec;
    }
    let dernier_haut = actifs
        .iter()
        .rposition(|e| Etape::de_type(e.type_evenement) == Some(plus_haute));
    match dernier_haut {
        Some(i) if i + 1 < actifs.len() => decider(&actifs[..=i], pref, regles, aujourdhui),
        _ => dec,
    }
}

struct Decision {
    genre: GenreAction,
    motif: Motif,
    /// A follow-up date the engine derives from the rules (wait until…).
    suivi: Option<(TypeEvenement, NaiveDate)>,
}

fn decision(genre: GenreAction, motif: Motif) -> Decision {
    Decision {
        genre,
        motif,
        suivi: None,
    }
}

/// After a CCC failure: the PAN if the préfecture has one, a check if unknown, else a letter.
fn apres_ccc(pref: &ConnaissancePrefecture, motif: Motif) -> Decision {
    let genre = match pref.pan {
        PanConnu::Dedie | PanConnu::General => GenreAction::ReserverPan,
        PanConnu::Inconnu => GenreAction::VerifierPan,
        PanConnu::Aucun => GenreAction::EcrireRecommande,
    };
    decision(genre, motif)
}

fn decider(
    actifs: &[&Evenement],
    pref: &ConnaissancePrefecture,
    regles: &Regles,
    aujourdhui: NaiveDate,
) -> Decision {
    let Some(d) = actifs.last() else {
        return decision(GenreAction::EcrireCcc, Motif::AucunContactCcc);
    };
    let le = d.date;
    let r = d.resultat;
    match d.type_evenement {
        TypeEvenement::Ccc => match r {
            Some(Resultat::Resolu) => decision(
                GenreAction::Cloturer,
                Motif::Resolu {
                    le,
                    par: TypeEvenement::Ccc,
                },
            ),
            Some(Resultat::AttestationImpossibilite) => decision(
                GenreAction::DemanderSubstitution,
                Motif::CccAttestation { le },
            ),
            Some(Resultat::EnAttente) => {
                let jusquau = d
                    .echeance
                    .unwrap_or_else(|| plus_jours(le, regles.ccc_attente_reponse_jours()));
                if aujourdhui <= jusquau {
                    Decision {
                        genre: GenreAction::AttendreCcc,
                        motif: Motif::CccEnAttente { le, jusquau },
                        suivi: Some((TypeEvenement::Ccc, jusquau)),
                    }
                } else {
                    apres_ccc(
                        pref,
                        Motif::CccSansReponseDansLeDelai {
                            le,
                            jours: (aujourdhui - le).num_days(),
                        },
                    )
                }
            }
            other => apres_ccc(
                pref,
                Motif::CccEchec {
                    le,
                    resultat: other.unwrap_or(Resultat::SansAide),
                },
            ),
        },
        TypeEvenement::Pan => match r {
            Some(Resultat::RdvDemande) => {
                let relance = d
                    .echeance
                    .unwrap_or_else(|| plus_jours(le, regles.pan_relance_jours()));
                if aujourdhui <= relance {
                    Decision {
                        genre: GenreAction::AttendrePan,
                        motif: Motif::PanDemande { le, relance },
                        suivi: Some((TypeEvenement::Pan, relance)),
                    }
                } else {
                    decision(
                        GenreAction::EcrireRecommande,
                        Motif::PanDemandeSansReponse {
                            le,
                            jours: (aujourdhui - le).num_days(),
                        },
                    )
                }
            }
            Some(Resultat::RdvObtenu) => match d.echeance {
                Some(rdv) if rdv < aujourdhui => {
                    decision(GenreAction::AllerPan, Motif::PanRdvPasse { rdv })
                }
                rdv => decision(GenreAction::AllerPan, Motif::PanRdv { rdv }),
            },
            Some(Resultat::Resolu) => decision(
                GenreAction::Cloturer,
                Motif::Resolu {
                    le,
                    par: TypeEvenement::Pan,
                },
            ),
            Some(Resultat::SubstitutionProposee) => decision(
                GenreAction::PreparerDepot,
                Motif::SubstitutionProposee {
                    le,
                    rdv: d.echeance,
                    canal: None,
                    rdv_passe: d.echeance.is_some_and(|r| r < aujourdhui),
                },
            ),
            other => decision(
                GenreAction::EcrireRecommande,
                Motif::PanEchec {
                    le,
                    resultat: other.unwrap_or(Resultat::AucuneSolution),
                },
            ),
        },
        TypeEvenement::Substitution => match r {
            Some(Resultat::DepotEffectue) => {
                let jusquau = d
                    .echeance
                    .unwrap_or_else(|| plus_jours(le, regles.depot_attestation_jours()));
                Decision {
                    genre: GenreAction::AttendreAttestation,
                    motif: Motif::DepotEffectue { le, jusquau },
                    suivi: Some((TypeEvenement::Substitution, jusquau)),
                }
            }
            Some(Resultat::Refus) => {
                decision(GenreAction::SaisirAvocat, Motif::SubstitutionRefusee { le })
            }
            _ => decision(
                GenreAction::PreparerDepot,
                Motif::SubstitutionProposee {
                    le,
                    rdv: d.echeance,
                    canal: d.canal,
                    rdv_passe: d.echeance.is_some_and(|r| r < aujourdhui),
                },
            ),
        },
        TypeEvenement::Recommande => match r {
            Some(Resultat::ReponseRecue) => {
                decision(GenreAction::SaisirAvocat, Motif::RecommandeReponse { le })
            }
            _ => {
                let jusquau = d
                    .echeance
                    .unwrap_or_else(|| plus_jours(le, regles.recommande_sans_reponse_jours()));
                if aujourdhui <= jusquau {
                    Decision {
                        genre: GenreAction::AttendreReponseRecommande,
                        motif: Motif::RecommandeEnvoye { le, jusquau },
                        suivi: Some((TypeEvenement::Recommande, jusquau)),
                    }
                } else {
                    decision(
                        GenreAction::SaisirAvocat,
                        Motif::RecommandeSansReponse {
                            le,
                            jours: (aujourdhui - le).num_days(),
                        },
                    )
                }
            }
        },
        TypeEvenement::Avocat | TypeEvenement::DefenseurDroits => {
            let avocat = actifs
                .iter()
                .rev()
                .find(|e| e.type_evenement == TypeEvenement::Avocat)
                .and_then(|e| e.resultat);
            let defenseur = actifs
                .iter()
                .any(|e| e.type_evenement == TypeEvenement::DefenseurDroits);
            decision(
                GenreAction::SuivreRecours,
                Motif::Recours { avocat, defenseur },
            )
        }
        // Closures are handled before; visits and APIs are not in `actifs`.
        TypeEvenement::Cloture | TypeEvenement::Visite | TypeEvenement::ApiDelivree => {
            decision(GenreAction::EcrireCcc, Motif::AucunContactCcc)
        }
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
    let mut tries: Vec<&Evenement> = evenements.iter().collect();
    tries.sort_by_key(|e| e.date);
    let (actifs, cloture) = evenements_actifs(&tries);
    let fin_droits = couverture(personne, evenements);
    let droits_rompus = fin_droits.is_some_and(|c| c < aujourdhui);

    // ---- stage and next step
    let (etape, mut dec) = match &cloture {
        Some(c) => (
            Etape::Cloture,
            decision(
                GenreAction::Aucune,
                Motif::Clos {
                    le: c.date,
                    resultat: c.resultat,
                },
            ),
        ),
        None => {
            // Where the person stands: the highest step reached since the last closure (a new
            // CCC attempt after a letter does not take the person back down the ladder); the
            // next step still follows from the most recent event.
            let etape = actifs
                .iter()
                .filter_map(|e| Etape::de_type(e.type_evenement))
                .max()
                .unwrap_or(Etape::Constat);
            (
                etape,
                decider_sans_recul(&actifs, etape, prefecture, regles, aujourdhui),
            )
        }
    };
    // Lapsed rights call for a lawyer, unless a remedy is already under way.
    if let (true, Some(depuis)) = (droits_rompus, fin_droits)
        && !matches!(
            dec.genre,
            GenreAction::SaisirAvocat
                | GenreAction::SuivreRecours
                | GenreAction::PreparerDepot
                | GenreAction::AttendreAttestation
                | GenreAction::Cloturer
                | GenreAction::Aucune
        )
    {
        // A lawyer or the Défenseur des droits already seized: follow that remedy rather than
        // recommending it again; otherwise, it is time to seize them.
        let recours = actifs.iter().rposition(|e| {
            matches!(
                e.type_evenement,
                TypeEvenement::Avocat | TypeEvenement::DefenseurDroits
            )
        });
        dec = match recours {
            Some(i) => decider(&actifs[..=i], prefecture, regles, aujourdhui),
            None => decision(GenreAction::SaisirAvocat, Motif::DroitsRompus { depuis }),
        };
    }

    // ---- deadlines
    let mut echeances = Vec::new();
    let alerte = regles.alerte_droits_jours();
    let mut pousser = |genre, date: NaiveDate, niveau: &dyn Fn(i64) -> NiveauUrgence| {
        let jours = (date - aujourdhui).num_days();
        echeances.push(Echeance {
            genre,
            date,
            jours,
            niveau: niveau(jours),
        });
    };
    let niveau_droit = |date: NaiveDate| {
        move |jours: i64| {
            if Some(date) != fin_droits {
                // Another right covers the person longer: informative only.
                NiveauUrgence::Aucune
            } else if jours < 0 {
                NiveauUrgence::DroitsRompus
            } else if jours <= alerte {
                NiveauUrgence::DroitsMenaces
            } else {
                NiveauUrgence::AVenir
            }
        }
    };
    let niveau_suivi = |jours: i64| match jours {
        j if j < 0 => NiveauUrgence::SuiviEnRetard,
        0 => NiveauUrgence::DuJour,
        _ => NiveauUrgence::AVenir,
    };
    let api = expiration_api(personne, evenements);
    if let Some(titre) = personne.titre_expire_le {
        pousser(GenreEcheance::TitreExpiration, titre, &niveau_droit(titre));
        // The renewal window matters while no API shows that the renewal was filed.
        if api.is_none() && titre >= aujourdhui {
            let ouverture = moins_jours(titre, regles.renouvellement_ouverture_jours());
            let fermeture = moins_jours(titre, regles.renouvellement_fermeture_jours());
            if ouverture >= aujourdhui {
                pousser(
                    GenreEcheance::RenouvellementOuverture,
                    ouverture,
                    &niveau_suivi,
                );
            } else {
                pousser(
                    GenreEcheance::RenouvellementFermeture,
                    fermeture,
                    &niveau_suivi,
                );
            }
        }
    }
    if let Some(a) = api {
        pousser(GenreEcheance::ApiExpiration, a, &niveau_droit(a));
    }
    if cloture.is_none() {
        let mut suivis: Vec<(GenreEcheance, NaiveDate)> = Vec::new();
        if let Some((ty, date)) = dec.suivi {
            suivis.push((GenreEcheance::Suivi(ty), date));
        } else if let Some(d) = actifs.last()
            && let Some(e) = d.echeance
        {
            let rendez_vous = matches!(
                (d.type_evenement, d.resultat),
                (TypeEvenement::Pan, Some(Resultat::RdvObtenu))
                    | (TypeEvenement::Substitution, Some(Resultat::Invitation))
            );
            let genre = if rendez_vous {
                GenreEcheance::RendezVous(d.type_evenement)
            } else {
                GenreEcheance::Suivi(d.type_evenement)
            };
            suivis.push((genre, e));
        }
        // A follow-up date set at the last visit, if nothing happened on the ladder since.
        if let Some(v) = tries
            .iter()
            .rev()
            .find(|e| e.type_evenement == TypeEvenement::Visite)
            && let Some(e) = v.echeance
            && actifs.last().is_none_or(|d| d.date <= v.date)
        {
            suivis.push((GenreEcheance::Suivi(TypeEvenement::Visite), e));
        }
        for (genre, date) in suivis {
            pousser(genre, date, &niveau_suivi);
        }
    }
    echeances.sort_by_key(|e| (e.niveau, e.jours));

    // ---- urgency
    let visite_du_jour = evenements
        .iter()
        .any(|e| e.type_evenement == TypeEvenement::Visite && e.date == aujourdhui);
    let urgence = if cloture.is_some() {
        NiveauUrgence::Aucune
    } else {
        let u = echeances
            .first()
            .map_or(NiveauUrgence::Aucune, |e| e.niveau);
        if visite_du_jour {
            u.min(NiveauUrgence::DuJour)
        } else {
            u
        }
    };

    // ---- warnings
    let mut alertes = Vec::new();
    if personne.captures.is_none_or(|n| n == 0) {
        alertes.push(t::alerte_preuves(personne.captures));
    }
    if let (true, Some(depuis)) = (droits_rompus, fin_droits)
        && cloture.is_none()
    {
        alertes.push(t::alerte_droits_rompus(depuis));
    }
    if let Some(titre) = personne.titre_expire_le
        && api.is_none()
        && cloture.is_none()
        && titre >= aujourdhui
        && moins_jours(titre, regles.renouvellement_fermeture_jours()) < aujourdhui
    {
        alertes.push(t::alerte_renouvellement_tardif(
            moins_jours(titre, regles.renouvellement_fermeture_jours()),
            regles.taxe_retard_euros(),
        ));
    }
    if cloture.is_none() {
        if prefecture.postal_impose {
            alertes.push(t::alerte_postal_impose(&prefecture.nom));
        }
        if let Motif::SubstitutionProposee {
            canal: Some(c @ (Canal::Postal | Canal::Courriel)),
            ..
        } = dec.motif
        {
            alertes.push(t::alerte_substitution_a_distance(c));
        }
        let ccc: Vec<&Evenement> = actifs
            .iter()
            .copied()
            .filter(|e| e.type_evenement == TypeEvenement::Ccc)
            .collect();
        if !ccc.is_empty()
            && ccc.iter().all(|e| e.canal == Some(Canal::Telephone))
            && matches!(etape, Etape::Ccc | Etape::Pan)
        {
            alertes.push(t::ALERTE_CCC_TELEPHONE.to_string());
        }
    }

    let (action, raison) = (
        t::action(dec.genre, prefecture),
        t::raison(dec.genre, &dec.motif, prefecture, regles),
    );
    Evaluation {
        etape,
        prochaine: ProchaineEtape {
            etape: dec.genre.etape(),
            action,
            raison,
            genre: dec.genre,
            motif: dec.motif,
        },
        alertes,
        echeances,
        urgence,
    }
}
