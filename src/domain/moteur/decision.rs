//! The next step: decided from the most recent ladder event since the last closure, step by
//! step of the ladder, with the follow-up date a rule gives when none was recorded.

use super::{ConnaissancePrefecture, Etape, GenreAction, Motif, PanConnu};
use crate::domain::regles::{CleRegle, Regles};
use crate::domain::{Evenement, Resultat, TypeEvenement};
use chrono::{Days, NaiveDate};

/// What the engine decided, before the deadlines are computed.
pub(super) struct Decision {
    pub(super) genre: GenreAction,
    pub(super) motif: Motif,
    /// A follow-up date the engine derives from the rules (wait until…).
    pub(super) suivi: Option<(TypeEvenement, NaiveDate)>,
}

pub(super) fn decision(genre: GenreAction, motif: Motif) -> Decision {
    Decision {
        genre,
        motif,
        suivi: None,
    }
}

/// A decision that waits until `date`, then follows up an event of type `suivi`.
fn attente(genre: GenreAction, motif: Motif, suivi: TypeEvenement, date: NaiveDate) -> Decision {
    Decision {
        genre,
        motif,
        suivi: Some((suivi, date)),
    }
}

pub(super) fn plus_jours(d: NaiveDate, n: i64) -> NaiveDate {
    let n = u64::try_from(n).unwrap_or(0);
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// The follow-up date of event `d`: the one recorded, else `d.date` plus the rule `cle`
/// (returned, so the reason can say which rule set the date).
fn delai(d: &Evenement, regles: &Regles, cle: CleRegle) -> (NaiveDate, Option<CleRegle>) {
    match d.echeance {
        Some(e) => (e, None),
        None => (plus_jours(d.date, regles.jours(cle)), Some(cle)),
    }
}

/// Days from `le` to `aujourdhui`.
fn depuis(le: NaiveDate, aujourdhui: NaiveDate) -> i64 {
    (aujourdhui - le).num_days()
}

/// Decides from the most recent event, except that a failure at a lower step (a new CCC
/// contact that did not help after a registered letter, say) does not take the person back
/// down the ladder: the recommendation then follows from the last event of the highest step
/// reached, so its follow-ups (a letter awaiting an answer) stay in force.
pub(super) fn decider_sans_recul(
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

/// After a CCC failure: the PAN if the préfecture has one, a check if unknown, else a letter.
fn apres_ccc(pref: &ConnaissancePrefecture, motif: Motif) -> Decision {
    let genre = match pref.pan {
        PanConnu::Dedie | PanConnu::General => GenreAction::ReserverPan,
        PanConnu::Inconnu => GenreAction::VerifierPan,
        PanConnu::Aucun => GenreAction::EcrireRecommande,
    };
    decision(genre, motif)
}

/// The next step from the last of the active ladder events.
pub(super) fn decider(
    actifs: &[&Evenement],
    pref: &ConnaissancePrefecture,
    regles: &Regles,
    aujourdhui: NaiveDate,
) -> Decision {
    let Some(d) = actifs.last() else {
        return decision(GenreAction::EcrireCcc, Motif::AucunContactCcc);
    };
    match d.type_evenement {
        TypeEvenement::Ccc => apres_evenement_ccc(d, pref, regles, aujourdhui),
        TypeEvenement::Pan => apres_evenement_pan(d, regles, aujourdhui),
        TypeEvenement::Substitution => apres_substitution(d, regles, aujourdhui),
        TypeEvenement::Recommande => apres_recommande(d, regles, aujourdhui),
        TypeEvenement::Avocat | TypeEvenement::DefenseurDroits => recours_en_cours(actifs),
        // Closures are handled before; visits and APIs are not in `actifs`.
        TypeEvenement::Cloture
        | TypeEvenement::Visite
        | TypeEvenement::ApiDelivree
        | TypeEvenement::Prefecture
        | TypeEvenement::Suivi => decision(GenreAction::EcrireCcc, Motif::AucunContactCcc),
    }
}

fn apres_evenement_ccc(
    d: &Evenement,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
    aujourdhui: NaiveDate,
) -> Decision {
    let le = d.date;
    match d.resultat {
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
            let (jusquau, regle) = delai(d, regles, CleRegle::CccAttenteReponse);
            if aujourdhui <= jusquau {
                attente(
                    GenreAction::AttendreCcc,
                    Motif::CccEnAttente { le, jusquau, regle },
                    TypeEvenement::Ccc,
                    jusquau,
                )
            } else {
                let jours = depuis(le, aujourdhui);
                apres_ccc(pref, Motif::CccSansReponseDansLeDelai { le, jours, regle })
            }
        }
        other => apres_ccc(
            pref,
            Motif::CccEchec {
                le,
                resultat: other.unwrap_or(Resultat::SansAide),
            },
        ),
    }
}

fn apres_evenement_pan(d: &Evenement, regles: &Regles, aujourdhui: NaiveDate) -> Decision {
    let le = d.date;
    match d.resultat {
        Some(Resultat::RdvDemande) => {
            let (relance, regle) = delai(d, regles, CleRegle::PanRelance);
            if aujourdhui <= relance {
                attente(
                    GenreAction::AttendrePan,
                    Motif::PanDemande { le, relance, regle },
                    TypeEvenement::Pan,
                    relance,
                )
            } else {
                let jours = depuis(le, aujourdhui);
                decision(
                    GenreAction::EcrireRecommande,
                    Motif::PanDemandeSansReponse { le, jours, regle },
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
    }
}

fn apres_substitution(d: &Evenement, regles: &Regles, aujourdhui: NaiveDate) -> Decision {
    let le = d.date;
    match d.resultat {
        Some(Resultat::DepotEffectue) => {
            let (jusquau, regle) = delai(d, regles, CleRegle::DepotAttestation);
            attente(
                GenreAction::AttendreAttestation,
                Motif::DepotEffectue { le, jusquau, regle },
                TypeEvenement::Substitution,
                jusquau,
            )
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
    }
}

fn apres_recommande(d: &Evenement, regles: &Regles, aujourdhui: NaiveDate) -> Decision {
    let le = d.date;
    if d.resultat == Some(Resultat::ReponseRecue) {
        return decision(GenreAction::SaisirAvocat, Motif::RecommandeReponse { le });
    }
    let (jusquau, regle) = delai(d, regles, CleRegle::RecommandeSansReponse);
    if aujourdhui <= jusquau {
        attente(
            GenreAction::AttendreReponseRecommande,
            Motif::RecommandeEnvoye { le, jusquau, regle },
            TypeEvenement::Recommande,
            jusquau,
        )
    } else {
        let jours = depuis(le, aujourdhui);
        decision(
            GenreAction::SaisirAvocat,
            Motif::RecommandeSansReponse { le, jours, regle },
        )
    }
}

/// A lawyer or the Défenseur des droits is involved: what each of them reached.
fn recours_en_cours(actifs: &[&Evenement]) -> Decision {
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
