//! The day's list, shared by `vigie aujourdhui` and the TUI's start screen: every person with
//! a visit today or a due deadline or follow-up, evaluated by the engine, most urgent first.
//!
//! INTERIM: the signature is the contract; the selection is completed under issue 5.

use crate::domain::moteur::{Evaluation, NiveauUrgence, evaluer};
use crate::domain::{Personne, TypeEvenement};
use crate::regles::Regles;
use crate::store::{ResultatStore, Store};
use chrono::NaiveDate;

/// One row of the day's list.
#[derive(Debug, Clone)]
pub struct LigneJour {
    pub personne: Personne,
    pub evaluation: Evaluation,
    /// The person has a `visite` event dated today.
    pub visite_du_jour: bool,
}

/// The day's list (`tous`: every person, still most urgent first).
pub fn liste_du_jour(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    tous: bool,
) -> ResultatStore<Vec<LigneJour>> {
    let mut lignes = Vec::new();
    for p in store.personnes()? {
        let Some(id) = p.id else { continue };
        let evenements = store.evenements(id)?;
        let connaissance = crate::prefectures::connaissance(p.departement);
        let evaluation = evaluer(&p, &evenements, &connaissance, regles, aujourdhui);
        let visite_du_jour = evenements
            .iter()
            .any(|e| e.type_evenement == TypeEvenement::Visite && e.date == aujourdhui);
        let du_jour = visite_du_jour || evaluation.urgence <= NiveauUrgence::DuJour;
        if tous || du_jour {
            lignes.push(LigneJour {
                personne: p,
                evaluation,
                visite_du_jour,
            });
        }
    }
    lignes.sort_by(|a, b| {
        a.evaluation
            .cle_urgence()
            .cmp(&b.evaluation.cle_urgence())
            .then_with(|| a.personne.reference.cmp(&b.personne.reference))
    });
    Ok(lignes)
}
