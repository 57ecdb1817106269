//! Deadlines change the plan, not only the order: a wait never ends after the day the
//! person's rights lapse; when they lapse within the alert threshold, the later steps of the
//! ladder that can run the same day are added (a lawyer when the lapse is days away); when
//! they have lapsed, a lawyer comes first and the step under way runs beside it.

use super::decision::{Decision, decision, recours_en_cours};
use super::{
    ConnaissancePrefecture, Echelle, GenreAction, Motif, Situation, echelles, moins_jours,
};
use crate::domain::regles::{CleRegle, Regles};

/// The decision once the deadlines are weighed, with the steps to take the same day.
pub(super) struct Plan {
    pub(super) decision: Decision,
    pub(super) paralleles: Vec<GenreAction>,
}

/// Actions that are not worth doubling: the file is being closed, filed, or followed.
fn sans_parallele(a: GenreAction) -> bool {
    matches!(
        a,
        GenreAction::Aucune
            | GenreAction::Cloturer
            | GenreAction::SuivreRecours
            | GenreAction::DeposerRenouvellement
    )
}

/// A wait never ends after the last day the rights are covered.
fn plafonner(dec: &mut Decision, fin: chrono::NaiveDate) {
    if let Some((t, date)) = dec.suivi
        && dec.genre.est_attente()
        && date > fin
    {
        dec.suivi = Some((t, fin));
        if let Motif::Attente {
            jusquau, plafonne, ..
        } = &mut dec.motif
        {
            *jusquau = fin;
            *plafonne = true;
        }
    }
}

/// The later steps of the ladder that may run the same day, not done yet.
fn etapes_paralleles(
    s: &Situation,
    depuis: GenreAction,
    pref: &ConnaissancePrefecture,
    avec_avocat: bool,
) -> Vec<GenreAction> {
    let mut v: Vec<GenreAction> = echelles::apres(s.echelle, depuis)
        .iter()
        .filter(|p| p.parallele)
        .map(|p| p.action)
        .filter(|a| *a != depuis && !super::decision::fait(s, *a, pref))
        .filter(|a| avec_avocat || *a != GenreAction::SaisirAvocat)
        .collect();
    v.dedup();
    v
}

pub(super) fn planifier(
    s: &Situation,
    mut dec: Decision,
    pref: &ConnaissancePrefecture,
    regles: &Regles,
) -> Plan {
    let aucun = |decision| Plan {
        decision,
        paralleles: Vec::new(),
    };
    let Some(fin) = s.fin_droits else {
        return aucun(dec);
    };
    if s.cloture.is_some() || matches!(dec.genre, GenreAction::Aucune | GenreAction::Cloturer) {
        return aucun(dec);
    }
    if s.aujourdhui.passe(fin) {
        return droits_rompus(s, dec, pref, fin);
    }
    plafonner(&mut dec, fin);
    // More days left than the alert threshold.
    if !s
        .aujourdhui
        .atteint(moins_jours(fin, regles.alerte_droits_jours()))
        || sans_parallele(dec.genre)
    {
        return aucun(dec);
    }
    let avocat = s
        .aujourdhui
        .atteint(moins_jours(fin, regles.jours(CleRegle::AvocatParallele)));
    let mut paralleles = etapes_paralleles(s, dec.genre, pref, avocat);
    paralleles.retain(|a| *a != dec.genre);
    Plan {
        decision: dec,
        paralleles,
    }
}

/// Rights lapsed: a lawyer first (or the remedy under way), the current step beside it.
fn droits_rompus(
    s: &Situation,
    dec: Decision,
    pref: &ConnaissancePrefecture,
    fin: chrono::NaiveDate,
) -> Plan {
    let avocat_fait = super::decision::fait(s, GenreAction::SaisirAvocat, pref);
    // Steps in hand are kept first: a deposit to make, a request to file, an outcome to
    // record, a lawyer already recommended or followed.
    let garder = matches!(
        dec.genre,
        GenreAction::SuivreRecours
            | GenreAction::SaisirAvocat
            | GenreAction::DeposerSubstitution
            | GenreAction::DeposerRenouvellement
            | GenreAction::EnregistrerResultat
    );
    if garder {
        let reclamer = GenreAction::ReclamerAttestationDepot;
        let paralleles = if dec.genre == GenreAction::SaisirAvocat {
            // A deposit without proof: claim it the same day as the lawyer.
            let sans_preuve = s.echelle == Echelle::ApresDepot
                && !s.demande_prouvee()
                && !super::decision::fait(s, reclamer, pref);
            if sans_preuve {
                vec![reclamer]
            } else {
                Vec::new()
            }
        } else if avocat_fait || dec.genre.etape() == super::Etape::Recours {
            Vec::new()
        } else {
            vec![GenreAction::SaisirAvocat]
        };
        return Plan {
            decision: dec,
            paralleles,
        };
    }
    let ancienne = dec.genre;
    let principale = if avocat_fait {
        recours_en_cours(s)
    } else {
        decision(
            GenreAction::SaisirAvocat,
            Motif::DroitsRompus { depuis: fin },
        )
    };
    let mut paralleles = Vec::new();
    if ancienne == GenreAction::AttendreSubstitution && s.echelle == Echelle::ApresDepot {
        if !super::decision::fait(s, GenreAction::ReclamerAttestationDepot, pref) {
            paralleles.push(GenreAction::ReclamerAttestationDepot);
        }
    } else if !ancienne.est_attente() {
        paralleles.push(ancienne);
    }
    for a in etapes_paralleles(s, ancienne, pref, false) {
        if !paralleles.contains(&a) {
            paralleles.push(a);
        }
    }
    paralleles.retain(|a| *a != principale.genre);
    Plan {
        decision: principale,
        paralleles,
    }
}
