//! A save that found the base held by another desk (an import, a purge): the form stays on
//! screen, the volunteer reads that the base is busy and that vigie tries again, and Esc
//! stops trying. The store's lock wait is short in the interface, so no key waits long.

use super::app::{App, Ecran};
use super::effets::Effet;
use crate::textes::tui as t;
use chrono::{NaiveDateTime, TimeDelta};

/// How long the interface's store waits on another desk's lock before answering "busy".
pub const ATTENTE_VERROU: std::time::Duration = std::time::Duration::from_millis(400);
/// Time between two tries.
const INTERVALLE: TimeDelta = TimeDelta::seconds(1);
/// After this long, vigie stops trying and says nothing was saved (the entry stays).
const ABANDON: TimeDelta = TimeDelta::minutes(2);

/// A save being tried again: since when, and the last try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reessai {
    pub depuis: NaiveDateTime,
    pub dernier: NaiveDateTime,
}

impl App {
    /// The store answered "busy" to the form's save: try again soon, and say so.
    pub(super) fn garder_pour_reessai(&mut self) {
        let depuis = self.reessai.map_or(self.maintenant, |r| r.depuis);
        let ecoule = self.maintenant - depuis;
        if ecoule >= ABANDON {
            self.reessai = None;
            self.message_du_formulaire(t::BASE_OCCUPEE_ABANDON.to_string());
            return;
        }
        self.message_du_formulaire(t::base_occupee_nouvel_essai(ecoule.num_seconds()));
        self.reessai = Some(Reessai {
            depuis,
            dernier: self.maintenant,
        });
    }

    /// Called on every tick of the loop: when a try is due, the form on screen is saved
    /// again as it is now (what the volunteer typed meanwhile included).
    pub fn reessai_du(&mut self, maintenant: NaiveDateTime) -> Vec<Effet> {
        self.maintenant = maintenant;
        let Some(r) = self.reessai else {
            return Vec::new();
        };
        if maintenant - r.dernier < INTERVALLE {
            return Vec::new();
        }
        if !matches!(self.ecran(), Some(Ecran::Saisie(_) | Ecran::Personne(_))) {
            self.reessai = None;
            return Vec::new();
        }
        let effets = self.enregistrer();
        if effets.is_empty() {
            // The form no longer validates (an edit meanwhile): its errors are shown.
            self.reessai = None;
        }
        effets
    }

    /// Esc while a save is being tried again: stop, keep the entry on screen.
    pub(super) fn annuler_reessai(&mut self) -> bool {
        if self.reessai.take().is_none() {
            return false;
        }
        self.message_du_formulaire(t::BASE_OCCUPEE_ANNULE.to_string());
        true
    }

    fn message_du_formulaire(&mut self, m: String) {
        match self.pile.last_mut() {
            Some(Ecran::Saisie(f)) => f.form.message = Some(m),
            Some(Ecran::Personne(f)) => f.form.message = Some(m),
            _ => self.message = Some(m),
        }
    }
}
