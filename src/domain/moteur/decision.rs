//! The next step before deadlines are weighed: decided from the most recent step recorded
//! since the last closure, on the ladder of the person's blocking type, with the follow-up
//! date a rule gives when none was recorded (a later `suivi` postpones it).

use super::echelles::{self, Echelle};
use super::{ConnaissancePrefecture, Etape, GenreAction, Motif, OrigineMode, PanConnu, Situation};
use super::{plus_jours, plus_mois};
use crate::domain::regles::{CleRegle, Regles};
use crate::domain::{Canal, Demarche, Evenement, Resultat, TypeEvenement};
use chrono::NaiveDate;

/// What the engine decided, before the deadlines are weighed.
#[derive(Debug, Clone)]
pub(super) struct Decision {
    pub(super) genre: GenreAction,
    pub(super) motif: Motif,
    /// The follow-up date of a waiting (or followed) step, and the event type it follows.
    pub(super) suivi: Option<(TypeEvenement, NaiveDate)>,
    /// An appointment the step goes to.
    pub(super) rdv: Option<(TypeEvenement, NaiveDate)>,
}

pub(super) fn decision(genre: GenreAction, motif: Motif) -> Decision {
    Decision {
        genre,
        motif,
        suivi: None,
        rdv: None,
    }
}

/// The events that are steps taken (a visit or a follow-up is not).
fn est_pas(t: TypeEvenement) -> bool {
    matches!(
        t,
        TypeEvenement::Ccc
            | TypeEvenement::Pan
            | TypeEvenement::Substitution
            | TypeEvenement::Prefecture
            | TypeEvenement::Recommande
            | TypeEvenement::Avocat
            | TypeEvenement::DefenseurDroits
            | TypeEvenement::ApiDelivree
    )
}

/// The follow-up date of `d`: a later `suivi` (it postpones), else the date recorded on the
/// event, else its date plus the rule `cle` (returned, so the reason names it).
fn relance(
    s: &Situation,
    d: &Evenement,
    regles: &Regles,
    cle: CleRegle,
) -> (NaiveDate, Option<CleRegle>) {
    let report = s
        .actifs
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::Suivi && e.date >= d.date)
        .filter_map(|e| e.echeance)
        .next_back();
    match (report, d.echeance) {
        (Some(r), _) => (r, None),
        (None, Some(e)) => (e, None),
        (None, None) => (plus_jours(d.date, regles.jours(cle)), Some(cle)),
    }
}

/// A step done already since the last closure (the escalation skips it).
pub(super) fn fait(s: &Situation, a: GenreAction, pref: &ConnaissancePrefecture) -> bool {
    let a_eu = |t: TypeEvenement| s.actifs.iter().any(|e| e.type_evenement == t);
    match a {
        GenreAction::EcrireCcc => a_eu(TypeEvenement::Ccc),
        // A préfecture known to have no PAN: nothing to book.
        GenreAction::ReserverPan => a_eu(TypeEvenement::Pan) || pref.pan == PanConnu::Aucun,
        // The substitution is admissible only on invitation or with the CCC attestation.
        GenreAction::DemanderSubstitution => {
            a_eu(TypeEvenement::Substitution)
                || !s.actifs.iter().any(|e| {
                    e.type_evenement == TypeEvenement::Ccc
                        && e.resultat == Some(Resultat::AttestationImpossibilite)
                })
        }
        GenreAction::EcrirePrefecture => a_eu(TypeEvenement::Prefecture),
        GenreAction::ReclamerAttestationDepot => {
            let depot = s
                .actifs
                .iter()
                .filter(|e| e.type_evenement == TypeEvenement::Substitution)
                .map(|e| e.date)
                .max();
            s.actifs.iter().any(|e| {
                e.type_evenement == TypeEvenement::Prefecture && depot.is_some_and(|d| e.date >= d)
            })
        }
        GenreAction::EnvoyerRecommande => a_eu(TypeEvenement::Recommande),
        GenreAction::SaisirAvocat => a_eu(TypeEvenement::Avocat),
        GenreAction::SaisirDefenseur => a_eu(TypeEvenement::DefenseurDroits),
        _ => false,
    }
}

/// The next step of the ladder after `depuis` not done yet; a lawyer already seized is
/// followed rather than recommended again.
pub(super) fn suivante(
    s: &Situation,
    depuis: GenreAction,
    pref: &ConnaissancePrefecture,
    motif: Motif,
) -> Decision {
    let suivant = echelles::apres(s.echelle, depuis)
        .iter()
        .map(|p| p.action)
        .find(|a| !fait(s, *a, pref))
        .unwrap_or(GenreAction::SaisirAvocat);
    if suivant == GenreAction::SaisirAvocat && fait(s, GenreAction::SaisirAvocat, pref) {
        return recours_en_cours(s);
    }
    decision(suivant, motif)
}

/// Wait until the follow-up date, then take the next step.
fn attendre_puis(
    s: &Situation,
    d: &Evenement,
    regles: &Regles,
    cle: CleRegle,
    attente: GenreAction,
    puis: impl FnOnce(Motif) -> Decision,
) -> Decision {
    let (jusquau, regle) = relance(s, d, regles, cle);
    if !s.aujourdhui.passe(jusquau) {
        let mut dec = decision(
            attente,
            Motif::Attente {
                evenement: d.type_evenement,
                resultat: d.resultat,
                le: d.date,
                jusquau,
                regle,
                plafonne: false,
            },
        );
        dec.suivi = Some((d.type_evenement, jusquau));
        dec
    } else {
        let mut dec = puis(Motif::SansReponse {
            evenement: d.type_evenement,
            resultat: d.resultat,
            le: d.date,
            jours: s.aujourdhui.jours_depuis(d.date),
            regle,
        });
        // The follow-up date ran out: the next step is overdue since then.
        if dec.suivi.is_none() {
            dec.suivi = Some((d.type_evenement, jusquau));
        }
        dec
    }
}

/// The blocking was solved by the CCC or the PAN: the request is still to be filed (a
/// renewal: file it now), then the closure is recorded.
fn resolu(s: &Situation, le: NaiveDate, par: TypeEvenement) -> Decision {
    let genre = if s.echelle.est_depot() && s.personne.demarche == Demarche::Renouvellement {
        GenreAction::DeposerRenouvellement
    } else {
        GenreAction::EnregistrerResultat
    };
    decision(genre, Motif::Resolu { le, par })
}

/// The next step from the last step recorded since the last closure.
pub(super) fn decider(s: &Situation, pref: &ConnaissancePrefecture, regles: &Regles) -> Decision {
    if let Some(c) = s.cloture {
        let motif = Motif::Clos {
            le: c.date,
            resultat: c.resultat,
        };
        return decision(GenreAction::Aucune, motif);
    }
    let pas: Vec<&Evenement> = s
        .actifs
        .iter()
        .copied()
        .filter(|e| est_pas(e.type_evenement))
        .collect();
    let Some(d) = pas.last() else {
        let premier = echelles::pas(s.echelle)
            .first()
            .map_or(GenreAction::EcrireCcc, |p| p.action);
        return decision(premier, Motif::AucunContact);
    };
    let dec = apres(s, d, pref, regles);
    // A failure at a lower step (a new CCC contact after a registered letter) does not take
    // the person back down the ladder: decide from the last event of the highest step.
    let reculerait = matches!(
        dec.genre,
        GenreAction::EcrireCcc | GenreAction::ReserverPan | GenreAction::EnvoyerRecommande
    );
    let haute = super::etape(s);
    if reculerait
        && dec.genre.etape() < haute
        && haute != Etape::Cloture
        && let Some(h) = pas
            .iter()
            .rev()
            .find(|e| Etape::de_type(e.type_evenement) == Some(haute))
    {
        return apres(s, h, pref, regles);
    }
    dec
}

fn apres(s: &Situation, d: &Evenement, pref: &ConnaissancePrefecture, regles: &Regles) -> Decision {
    match d.type_evenement {
        TypeEvenement::Ccc => apres_ccc(s, d, pref, regles),
        TypeEvenement::Pan => apres_pan(s, d, pref, regles),
        TypeEvenement::Substitution => apres_substitution(s, d, pref, regles),
        TypeEvenement::Prefecture => apres_prefecture(s, d, pref, regles),
        TypeEvenement::Recommande => apres_recommande(s, d, pref, regles),
        TypeEvenement::Avocat | TypeEvenement::DefenseurDroits => recours_en_cours(s),
        _ => decision(
            GenreAction::Cloturer,
            Motif::Obtenu {
                le: d.date,
                par: d.type_evenement,
            },
        ),
    }
}

fn echec(d: &Evenement, defaut: Resultat) -> Motif {
    Motif::Echec {
        evenement: d.type_evenement,
        resultat: d.resultat.unwrap_or(defaut),
        le: d.date,
    }
}

fn apres_ccc(
    s: &Situation,
    d: &Evenement,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
) -> Decision {
    match d.resultat {
        Some(Resultat::Resolu) => resolu(s, d.date, TypeEvenement::Ccc),
        Some(Resultat::AttestationImpossibilite) if s.echelle.est_depot() => decision(
            GenreAction::DemanderSubstitution,
            Motif::CccAttestation { le: d.date },
        ),
        Some(Resultat::EnAttente) => attendre_puis(
            s,
            d,
            regles,
            CleRegle::CccAttenteReponse,
            GenreAction::AttendreCcc,
            |m| suivante(s, GenreAction::EcrireCcc, pref, m),
        ),
        _ => suivante(
            s,
            GenreAction::EcrireCcc,
            pref,
            echec(d, Resultat::SansAide),
        ),
    }
}

fn apres_pan(
    s: &Situation,
    d: &Evenement,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
) -> Decision {
    match d.resultat {
        Some(Resultat::RdvDemande) => attendre_puis(
            s,
            d,
            regles,
            CleRegle::PanRelance,
            GenreAction::AttendrePan,
            |m| suivante(s, GenreAction::ReserverPan, pref, m),
        ),
        Some(Resultat::RdvObtenu) => rendez_vous(s, d, GenreAction::AllerPan),
        Some(Resultat::Resolu) => resolu(s, d.date, TypeEvenement::Pan),
        Some(Resultat::SubstitutionProposee) => deposer(s, d, pref),
        // Seed's « En résumé » 3°: a PAN that proposes no solution → step 4 (a lawyer).
        Some(Resultat::AucuneSolution) => {
            let motif = echec(d, Resultat::AucuneSolution);
            if fait(s, GenreAction::SaisirAvocat, pref) {
                recours_en_cours(s)
            } else {
                decision(GenreAction::SaisirAvocat, motif)
            }
        }
        _ => suivante(
            s,
            GenreAction::ReserverPan,
            pref,
            echec(d, Resultat::RdvIndisponible),
        ),
    }
}

/// An appointment obtained: go to it; past with nothing recorded, record its outcome.
fn rendez_vous(s: &Situation, d: &Evenement, aller: GenreAction) -> Decision {
    let passe = d.echeance.is_some_and(|r| s.aujourdhui.passe(r));
    let motif = Motif::RendezVous {
        evenement: d.type_evenement,
        le: d.date,
        rdv: d.echeance,
        passe,
    };
    let mut dec = decision(
        if passe {
            GenreAction::EnregistrerResultat
        } else {
            aller
        },
        motif,
    );
    dec.rdv = d.echeance.map(|r| (d.type_evenement, r));
    dec
}

/// A substitution to deposit: the mode recorded on the event, else the one the préfecture
/// imposes, else the arrêté's guichet.
fn deposer(s: &Situation, d: &Evenement, pref: &ConnaissancePrefecture) -> Decision {
    let (canal, origine) = match d.canal {
        Some(c) => (c, OrigineMode::Enregistre),
        None if pref.postal_impose => (Canal::Postal, OrigineMode::Impose),
        None => (Canal::Guichet, OrigineMode::Arrete),
    };
    let motif = Motif::Substitution {
        le: d.date,
        canal,
        origine,
        postal_connu: pref.postal,
        courriel_connu: pref.courriel,
    };
    match d.echeance {
        Some(r) if s.aujourdhui.passe(r) => rendez_vous(s, d, GenreAction::DeposerSubstitution),
        Some(r) => {
            let mut dec = decision(GenreAction::DeposerSubstitution, motif);
            dec.rdv = Some((d.type_evenement, r));
            dec
        }
        None => decision(GenreAction::DeposerSubstitution, motif),
    }
}

fn apres_substitution(
    s: &Situation,
    d: &Evenement,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
) -> Decision {
    match d.resultat {
        Some(Resultat::Demandee) => attendre_puis(
            s,
            d,
            regles,
            CleRegle::SubstitutionRelance,
            GenreAction::AttendreSubstitution,
            |m| suivante(s, GenreAction::DemanderSubstitution, pref, m),
        ),
        Some(Resultat::DepotEffectue) => apres_depot(s, d, pref, regles),
        Some(Resultat::AttestationDepot) => decision(
            GenreAction::Cloturer,
            Motif::Obtenu {
                le: d.date,
                par: TypeEvenement::Substitution,
            },
        ),
        Some(Resultat::Refus) => {
            if fait(s, GenreAction::SaisirAvocat, pref) {
                recours_en_cours(s)
            } else {
                decision(GenreAction::SaisirAvocat, echec(d, Resultat::Refus))
            }
        }
        _ => deposer(s, d, pref),
    }
}

/// A deposit made: wait for its proof, then claim it; four months of silence on a complete
/// file is an implicit rejection (R.432-1/2): a lawyer.
fn apres_depot(
    s: &Situation,
    d: &Evenement,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
) -> Decision {
    let rejet_le = plus_mois(d.date, regles.silence_rejet_mois());
    if s.aujourdhui.atteint(rejet_le) {
        let motif = Motif::SilenceRejet {
            le: d.date,
            rejet_le,
        };
        return if fait(s, GenreAction::SaisirAvocat, pref) {
            recours_en_cours(s)
        } else {
            decision(GenreAction::SaisirAvocat, motif)
        };
    }
    attendre_puis(
        s,
        d,
        regles,
        CleRegle::DepotAttestation,
        GenreAction::AttendreSubstitution,
        |m| {
            let Motif::SansReponse {
                le, jours, regle, ..
            } = m
            else {
                return decision(GenreAction::ReclamerAttestationDepot, m);
            };
            decision(
                GenreAction::ReclamerAttestationDepot,
                Motif::DepotSansPreuve { le, jours, regle },
            )
        },
    )
}

fn apres_prefecture(
    s: &Situation,
    d: &Evenement,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
) -> Decision {
    // After a deposit, the message to the préfecture claims the proof of it.
    let depuis = if s.echelle == Echelle::ApresDepot {
        GenreAction::ReclamerAttestationDepot
    } else {
        GenreAction::EcrirePrefecture
    };
    match d.resultat {
        Some(Resultat::ReponseRecue) => decision(
            GenreAction::EnregistrerResultat,
            Motif::Reponse {
                evenement: TypeEvenement::Prefecture,
                le: d.date,
            },
        ),
        Some(Resultat::SansReponse) => suivante(s, depuis, pref, echec(d, Resultat::SansReponse)),
        _ => attendre_puis(
            s,
            d,
            regles,
            CleRegle::PrefectureRelance,
            GenreAction::AttendrePrefecture,
            |m| suivante(s, depuis, pref, m),
        ),
    }
}

fn apres_recommande(
    s: &Situation,
    d: &Evenement,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
) -> Decision {
    if d.resultat == Some(Resultat::ReponseRecue) {
        return suivante(
            s,
            GenreAction::EnvoyerRecommande,
            pref,
            Motif::Reponse {
                evenement: TypeEvenement::Recommande,
                le: d.date,
            },
        );
    }
    attendre_puis(
        s,
        d,
        regles,
        CleRegle::RecommandeSansReponse,
        GenreAction::AttendreRecommande,
        |m| suivante(s, GenreAction::EnvoyerRecommande, pref, m),
    )
}

/// A lawyer or the Défenseur des droits is involved: what each reached, and when to check
/// again (after a favourable order: whether it is carried out).
pub(super) fn recours_en_cours(s: &Situation) -> Decision {
    let dernier = s.actifs.iter().rev().find(|e| {
        matches!(
            e.type_evenement,
            TypeEvenement::Avocat | TypeEvenement::DefenseurDroits
        )
    });
    let avocat = s
        .actifs
        .iter()
        .rev()
        .find(|e| e.type_evenement == TypeEvenement::Avocat);
    let defenseur = s
        .actifs
        .iter()
        .any(|e| e.type_evenement == TypeEvenement::DefenseurDroits);
    let le = dernier.map_or_else(|| s.aujourdhui.date(), |e| e.date);
    let mut dec = decision(
        GenreAction::SuivreRecours,
        Motif::Recours {
            avocat: avocat.and_then(|e| e.resultat),
            le,
            defenseur,
        },
    );
    if let Some(e) = dernier {
        let cle = if e.resultat == Some(Resultat::DecisionFavorable) {
            CleRegle::ExecutionRelance
        } else {
            CleRegle::RecoursSuivi
        };
        dec.suivi = Some((e.type_evenement, relance_recours(s, e, cle)));
    }
    dec
}

/// The follow-up of a remedy: a later `suivi` or the rule (a court case's `echeance` is
/// the date recorded by the desk).
fn relance_recours(s: &Situation, e: &Evenement, cle: CleRegle) -> NaiveDate {
    let report = s
        .actifs
        .iter()
        .filter(|x| x.type_evenement == TypeEvenement::Suivi && x.date >= e.date)
        .filter_map(|x| x.echeance)
        .next_back();
    report
        .or(e.echeance)
        .unwrap_or_else(|| plus_jours(e.date, s.regle_jours(cle)))
}
