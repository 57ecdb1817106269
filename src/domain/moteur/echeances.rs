//! The deadlines of an evaluation, each with its days left and its own urgency, and the
//! person's urgency (the most pressing deadline, or a visit today).

use super::plan::Plan;
use super::{Echeance, GenreEcheance, NiveauUrgence, Situation, moins_jours};
use crate::domain::TypeEvenement;
use crate::domain::regles::Regles;
use chrono::NaiveDate;

/// How pressing a right's expiry is: only the right that covers the person longest counts.
fn niveau_droit(s: &Situation, date: NaiveDate, alerte: i64) -> NiveauUrgence {
    if Some(date) != s.fin_droits {
        // Another right covers the person longer: informative only.
        NiveauUrgence::Aucune
    } else if s.aujourdhui.passe(date) {
        NiveauUrgence::DroitsRompus
    } else if s.aujourdhui.atteint(moins_jours(date, alerte)) {
        // `alerte` days left or fewer.
        NiveauUrgence::DroitsMenaces
    } else {
        NiveauUrgence::AVenir
    }
}

/// How pressing a follow-up date is.
fn niveau_suivi(s: &Situation, date: NaiveDate) -> NiveauUrgence {
    if s.aujourdhui.passe(date) {
        NiveauUrgence::SuiviEnRetard
    } else if s.aujourdhui.est(date) {
        NiveauUrgence::DuJour
    } else {
        NiveauUrgence::AVenir
    }
}

/// The rights' deadlines: permit, renewal window (renewals only, while nothing shows the
/// request was filed), API.
fn echeances_droits(s: &Situation, regles: &Regles) -> Vec<(GenreEcheance, NaiveDate, bool)> {
    let mut v = Vec::new();
    if let Some(titre) = s.personne.titre_expire_le {
        v.push((GenreEcheance::TitreExpiration, titre, true));
        if s.est_renouvellement() && !s.demande_deposee() && !s.aujourdhui.passe(titre) {
            let ouverture = moins_jours(titre, regles.renouvellement_ouverture_jours());
            let fermeture = moins_jours(titre, regles.renouvellement_fermeture_jours());
            if !s.aujourdhui.passe(ouverture) {
                v.push((GenreEcheance::RenouvellementOuverture, ouverture, false));
            } else {
                v.push((GenreEcheance::RenouvellementFermeture, fermeture, false));
            }
        }
    }
    if let Some(a) = s.api {
        v.push((GenreEcheance::ApiExpiration, a, true));
    }
    v
}

/// The follow-up dates of an open file: the one of the step (a wait's, capped by the
/// lapse; a remedy's), the appointment it goes to; else the date of a later `suivi` or the
/// one set at the last visit, if no step was recorded since.
fn suivis(s: &Situation, plan: &Plan) -> Vec<(GenreEcheance, chrono::NaiveDate)> {
    let mut suivis = Vec::new();
    if s.cloture.is_some() {
        return suivis;
    }
    let dec = &plan.decision;
    if let Some((ty, date)) = dec.suivi {
        suivis.push((GenreEcheance::Suivi(ty), date));
    }
    if let Some((ty, date)) = dec.rdv {
        suivis.push((GenreEcheance::RendezVous(ty), date));
    }
    if !suivis.is_empty() {
        return suivis;
    }
    let dernier_pas = s
        .actifs
        .iter()
        .filter(|e| e.type_evenement != TypeEvenement::Suivi)
        .map(|e| e.date)
        .max();
    let apres = |ty: TypeEvenement| {
        s.tries
            .iter()
            .rev()
            .find(|e| e.type_evenement == ty)
            .filter(|e| dernier_pas.is_none_or(|d| d <= e.date))
            .and_then(|e| e.echeance)
    };
    if let Some(e) = apres(TypeEvenement::Suivi) {
        suivis.push((GenreEcheance::Suivi(TypeEvenement::Suivi), e));
    } else if let Some(e) = apres(TypeEvenement::Visite) {
        suivis.push((GenreEcheance::Suivi(TypeEvenement::Visite), e));
    }
    suivis
}

/// Every deadline, most pressing first.
pub(super) fn echeances(s: &Situation, plan: &Plan, regles: &Regles) -> Vec<Echeance> {
    let alerte = regles.alerte_droits_jours();
    let echeance = |genre, date: NaiveDate, niveau: NiveauUrgence| Echeance {
        genre,
        date,
        jours: s.aujourdhui.jours_jusqua(date),
        niveau,
    };
    let mut v: Vec<Echeance> = echeances_droits(s, regles)
        .into_iter()
        .map(|(genre, date, droit)| {
            let niveau = if droit {
                niveau_droit(s, date, alerte)
            } else {
                niveau_suivi(s, date)
            };
            echeance(genre, date, niveau)
        })
        .collect();
    for (genre, date) in suivis(s, plan) {
        v.push(echeance(genre, date, niveau_suivi(s, date)));
    }
    v.sort_by_key(|e| (e.niveau, e.jours));
    v
}

/// The person's urgency, and the same without today's visit: the most pressing deadline's,
/// at least "du jour" for a visit today, none when the file is closed.
pub(super) fn urgence(s: &Situation, echeances: &[Echeance]) -> (NiveauUrgence, NiveauUrgence) {
    if s.cloture.is_some() {
        return (NiveauUrgence::Aucune, NiveauUrgence::Aucune);
    }
    // An open file is always to be followed: "nothing" is for closed files only.
    let u = echeances
        .first()
        .map_or(NiveauUrgence::AVenir, |e| e.niveau)
        .min(NiveauUrgence::AVenir);
    // Today only: the day after, the urgency is the deadlines' (`Evaluation::decaler`).
    let visite_du_jour = s.tries.iter().any(|e| {
        e.type_evenement == TypeEvenement::Visite && s.aujourdhui.est_ce_jour_seulement(e.date)
    });
    if visite_du_jour {
        (u.min(NiveauUrgence::DuJour), u)
    } else {
        (u, u)
    }
}
