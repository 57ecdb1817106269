//! The list's effects: patched from the store's change log, or loaded slice by slice (the
//! terminal's loop advances the load between keys), then the search index built.

use super::*;

impl App {
    /// Brings the list up to date. Held for today, it is patched: only the people in the
    /// store's change log since it was computed are evaluated again
    /// (`jour::mettre_a_jour`). Otherwise everyone is evaluated: slice by slice between keys
    /// in the terminal (`progressif`), at once in process. Everyone is held either way, so
    /// `t` and back only change the rows shown. The day's counts are those of its rows.
    pub(super) fn recharger_liste(&mut self, store: &Store) -> Result<(), ErreurStore> {
        use crate::store::Changements;
        if self.chargement.is_some() {
            // The load under way applies, at its end, every change made meanwhile.
            return Ok(());
        }
        let garde = self.liste.selectionnee().and_then(|p| p.id);
        let l = &mut self.liste;
        if l.evaluee_le == Some(self.aujourdhui) {
            let (changements, dernier) = store.changements_depuis(l.changement_vu)?;
            if let Changements::Personnes(ids) = changements {
                crate::jour::mettre_a_jour(
                    store,
                    &self.regles,
                    self.aujourdhui,
                    l.toutes_mut(),
                    &ids,
                    true,
                )?;
                l.changement_vu = dernier;
                l.montrer(garde);
                return Ok(());
            }
        }
        self.chargement = Some(crate::jour::Chargement::commencer(store, true)?);
        // The rows held are dropped at once (one list in memory, not two, at any time); the
        // selection comes back to its person at the end.
        l.selection_a_rendre = garde.or(l.selection_a_rendre);
        l.remplacer(Vec::new());
        l.montrer(None);
        if self.progressif {
            self.montrer_progression();
            return Ok(());
        }
        while self.chargement.is_some() {
            self.avancer_chargement(store);
        }
        Ok(())
    }

    /// One slice of the list being loaded; the last one installs it (the selection kept, by
    /// person).
    pub(super) fn avancer_chargement(&mut self, store: &Store) {
        let Some(mut c) = self.chargement.take() else {
            if self.recherche_a_preparer {
                // Ready, or failed (the first search then says why): done either way.
                self.recherche_a_preparer = matches!(store.preparer_recherche(), Ok(false));
            }
            return;
        };
        let (regles, jour) = (&self.regles, self.aujourdhui);
        let fin = match c.avancer(store, regles, jour, crate::store::TRANCHE) {
            Ok(false) => {
                self.chargement = Some(c);
                self.montrer_progression();
                return;
            }
            Ok(true) => c.terminer(store, regles, jour),
            Err(e) => Err(e),
        };
        let (lignes, dernier) = match fin {
            Ok(Some(v)) => v,
            // Everyone changed during the load (an import elsewhere): again, between keys.
            Ok(None) => {
                match crate::jour::Chargement::commencer(store, true) {
                    Ok(c) => self.chargement = Some(c),
                    Err(e) => self.message = Some(t::erreur(&e.to_string())),
                }
                return;
            }
            Err(e) => {
                self.message = Some(t::erreur(&e.to_string()));
                return;
            }
        };
        if self
            .message
            .as_deref()
            .is_some_and(t::est_message_de_chargement)
        {
            self.message = None;
        }
        let l = &mut self.liste;
        let garde = l.selection_a_rendre.take();
        l.remplacer(lignes);
        l.evaluee_le = Some(jour);
        l.changement_vu = dernier;
        l.montrer(garde);
        self.recherche_a_preparer = self.progressif;
    }

    /// « Chargement de la liste… N % » in the status line, unless something else is said.
    fn montrer_progression(&mut self) {
        let Some(c) = &self.chargement else { return };
        if self
            .message
            .as_deref()
            .is_none_or(t::est_message_de_chargement)
        {
            let (lus, total) = c.progression();
            self.message = Some(t::chargement_liste(lus, total));
        }
    }
}
