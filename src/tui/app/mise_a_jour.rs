//! The pure update of the application: an action changes the state and returns effects.

use super::*;

impl App {
    /// The pure update: changes the state, returns the effects to run.
    pub fn mettre_a_jour(&mut self, a: Action, k: &KeyEvent) -> Vec<Effet> {
        match a {
            Action::Quitter | Action::Oui | Action::Non | Action::Retour | Action::Aide => {
                self.repondre(a)
            }
            Action::Haut
            | Action::Bas
            | Action::PageHaut
            | Action::PageBas
            | Action::Debut
            | Action::Fin
            | Action::ChampSuivant
            | Action::ChampPrecedent
            | Action::ChoixSuivant
            | Action::ChoixPrecedent
            | Action::ChoisirChiffre => {
                self.naviguer(a, k);
                Vec::new()
            }
            Action::Enregistrer => self.enregistrer(),
            Action::GarderMienne | Action::GarderAutre => self.resoudre_conflit(a),
            _ => self.ouvrir(a),
        }
    }

    /// Quitting, answering a question, going back, the help.
    fn repondre(&mut self, a: Action) -> Vec<Effet> {
        match a {
            Action::Quitter => {
                if self.confirmation == Some(Confirmation::Quitter) || !self.saisie_en_cours() {
                    self.quitter = true;
                } else {
                    self.confirmation = Some(Confirmation::Quitter);
                }
            }
            Action::Oui => match self.confirmation.take() {
                Some(Confirmation::Quitter) => self.quitter = true,
                Some(Confirmation::Abandonner) => {
                    if let Some(e) = self.pile.pop() {
                        return self.oublier_brouillon_de(&e);
                    }
                }
                Some(Confirmation::Reprendre) => {
                    if let Some((b, _)) = self.brouillon_propose.take() {
                        return vec![Effet::ReprendreBrouillon(Box::new(b))];
                    }
                }
                Some(Confirmation::Doublon) => {
                    // The same person: their file, not a second one (this form is dropped).
                    if let Some(Ecran::Personne(f)) = self.pile.last()
                        && let Some(id) = f.doublon.as_ref().and_then(|(p, _)| p.id)
                        && let Some(e) = self.pile.pop()
                    {
                        let mut effets = self.oublier_brouillon_de(&e);
                        effets.push(Effet::OuvrirFiche(id));
                        return effets;
                    }
                }
                Some(Confirmation::Ecraser) => {
                    if let Some(Ecran::Apercu(a)) = self.pile.last_mut()
                        && let Some(chemin) = a.a_ecraser.take()
                    {
                        return vec![Effet::EcrireDocument {
                            chemin,
                            ecraser: true,
                        }];
                    }
                }
                None => {}
            },
            Action::Non if self.confirmation == Some(Confirmation::Reprendre) => {
                self.confirmation = None;
                if let Some((b, _)) = self.brouillon_propose.take() {
                    return vec![Effet::OublierBrouillon {
                        genre: super::super::brouillon::genre(&b.genre),
                        personne_id: b.personne_id,
                    }];
                }
            }
            Action::Non if self.confirmation == Some(Confirmation::Doublon) => {
                // Another person: back to the form; saving again creates the file.
                self.confirmation = None;
                if let Some(Ecran::Personne(f)) = self.pile.last_mut() {
                    f.doublon = None;
                }
                self.message = Some(t::DOUBLON_ECARTE.into());
            }
            Action::Non => {
                // Not replacing: back to the file-name field, to choose another name.
                if self.confirmation.take() == Some(Confirmation::Ecraser)
                    && let Some(Ecran::Apercu(a)) = self.pile.last_mut()
                {
                    a.a_ecraser = None;
                }
            }
            // Esc while a busy base is being tried again stops trying; the entry stays.
            Action::Retour if self.reessai.is_some() => {
                self.annuler_reessai();
            }
            Action::Retour => return self.retour(),
            // A question on screen is answered first.
            Action::Aide
                if self.confirmation.is_none()
                    && !matches!(self.ecran(), Some(Ecran::Aide { .. })) =>
            {
                self.pile.push(Ecran::Aide { defilement: 0 });
            }
            _ => {}
        }
        Vec::new()
    }

    /// Opening a screen, a panel, a form, a document.
    fn ouvrir(&mut self, a: Action) -> Vec<Effet> {
        match a {
            Action::Chercher => self.pile.push(Ecran::Recherche(EtatRecherche::default())),
            Action::Prefecture => {
                let dep: Option<Departement> = match self.ecran() {
                    None => None,
                    // While a person is typed in: the département typed so far, if valid.
                    Some(Ecran::Personne(f)) => crate::tui::formulaire::departement_saisi(
                        &f.form.texte(crate::tui::formulaire::ChampId::Departement),
                    )
                    .ok()
                    .or(f.base.as_ref().map(|p| p.departement)),
                    _ => self.personne_courante().map(|p| p.departement),
                };
                let panneau =
                    crate::tui::prefecture::EcranPrefecture::nouveau(dep, self.aujourdhui);
                return self.ouvrir_panneau(t::ECRAN_PREFECTURE, Box::new(panneau));
            }
            Action::ImportTableur => {
                let panneau = crate::tui::import::EcranImport::nouveau();
                return self
                    .ouvrir_panneau(crate::textes::tableur::ECRAN_IMPORT, Box::new(panneau));
            }
            Action::Statistiques => {
                let panneau = crate::tui::stats::EcranStats::nouveau(self.aujourdhui);
                return self.ouvrir_panneau(t::ECRAN_STATS, Box::new(panneau));
            }
            Action::BasculerTous => {
                // Everyone is held: only the rows shown change.
                let garde = self.liste.selectionnee().and_then(|p| p.id);
                self.liste.tous = !self.liste.tous;
                self.liste.montrer(garde);
            }
            Action::NouvellePersonne => return vec![Effet::NouvellePersonne],
            Action::ModifierPersonne => match self.personne_courante().and_then(|p| p.id) {
                Some(id) => return vec![Effet::ModifierPersonne(id)],
                None => self.message = Some(t::AUCUNE_SELECTION.into()),
            },
            Action::Apercu(document) => match self.personne_courante() {
                Some(p) => {
                    return vec![Effet::OuvrirApercu {
                        reference: p.reference.clone(),
                        document,
                    }];
                }
                None => self.message = Some(t::AUCUNE_SELECTION.into()),
            },
            Action::EnregistrerSous => {
                if let Some(Ecran::Apercu(a)) = self.pile.last_mut() {
                    a.nom_fichier = Some(LigneSaisie::avec(&a.nom_defaut()));
                    a.erreur_nom = None;
                    return vec![Effet::RepertoireCourant];
                }
            }
            Action::Saisir(ty) => match self.personne_courante().cloned() {
                Some(p) => {
                    let mut f = FormEvenement::nouveau(p, ty, self.aujourdhui);
                    let evenements = match self.ecran() {
                        Some(Ecran::Fiche(fiche)) => fiche.donnees.evenements.as_slice(),
                        _ => &[],
                    };
                    f.proposer_echeance_api(evenements, &self.regles);
                    f.proposer_prochain_suivi(&self.regles);
                    self.pile.push(Ecran::Saisie(Box::new(f)))
                }
                None => self.message = Some(t::AUCUNE_SELECTION.into()),
            },
            Action::Ouvrir => match self.pile.last() {
                None => {
                    if let Some(id) = self.liste.selectionnee().and_then(|p| p.id) {
                        return vec![Effet::OuvrirFiche(id)];
                    }
                }
                Some(Ecran::Recherche(r)) => {
                    if let Some(id) = r.resultats.get(r.selection).and_then(|p| p.id) {
                        self.pile.pop();
                        return vec![Effet::OuvrirFiche(id)];
                    }
                }
                _ => {}
            },
            _ => {}
        }
        Vec::new()
    }

    /// Moving in a list, a text, a form's fields and choices.
    fn naviguer(&mut self, a: Action, k: &KeyEvent) {
        match a {
            Action::Haut => self.deplacer(-1),
            Action::Bas => self.deplacer(1),
            Action::PageHaut => self.deplacer(-10),
            Action::PageBas => self.deplacer(10),
            Action::Debut => self.deplacer(-100_000),
            Action::Fin => self.deplacer(100_000),
            Action::ChampSuivant | Action::ChampPrecedent => {
                let suivant = a == Action::ChampSuivant;
                if let Some(f) = self.formulaire_mut() {
                    if suivant { f.suivant() } else { f.precedent() }
                }
            }
            Action::ChoixSuivant | Action::ChoixPrecedent => {
                let d = if a == Action::ChoixSuivant { 1 } else { -1 };
                if let Some(f) = self.formulaire_mut() {
                    f.decaler_choix(d);
                }
            }
            Action::ChoisirChiffre => {
                if let (KeyCode::Char(c), Some(f)) = (k.code, self.formulaire_mut())
                    && let Some(n) = c.to_digit(10)
                {
                    f.choisir(n as usize);
                }
            }
            _ => {}
        }
    }

    /// Enter or Ctrl-S: save the form, or write the previewed document.
    pub(in crate::tui) fn enregistrer(&mut self) -> Vec<Effet> {
        match self.pile.last_mut() {
            Some(Ecran::Saisie(f)) => {
                if let (Some(ev), Some(id)) = (f.construire(), f.personne.id) {
                    return vec![Effet::EnregistrerEvenement {
                        personne_id: id,
                        evenement: ev,
                    }];
                }
                self.message = Some(t::FORMULAIRE_ERREURS.into());
            }
            Some(Ecran::Personne(f)) => match f.construire() {
                Some(p) => return vec![Effet::EnregistrerPersonne(Box::new(p))],
                None => self.message = Some(t::FORMULAIRE_ERREURS.into()),
            },
            Some(Ecran::Apercu(a)) => {
                if let Some(l) = &a.nom_fichier {
                    let nom = l.texte.trim();
                    if nom.is_empty() {
                        a.erreur_nom = Some(t::NOM_FICHIER_VIDE.into());
                    } else {
                        // An absolute name replaces the folder (`Path::join`).
                        let chemin = a.repertoire.join(nom);
                        return vec![Effet::EcrireDocument {
                            chemin,
                            ecraser: false,
                        }];
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Another desk changed the person: keep mine (saved over theirs) or theirs.
    fn resoudre_conflit(&mut self, a: Action) -> Vec<Effet> {
        match a {
            Action::GarderMienne => {
                if let Some(Ecran::Conflit(c)) = self.pile.last()
                    && c.perte.is_some()
                {
                    // Never over an anonymized or erased person (the keymap has no such key
                    // there either).
                    return Vec::new();
                }
                if let Some(Ecran::Conflit(c)) = self.pile.pop() {
                    let c = *c;
                    let mut p = c.mienne;
                    p.version = c.actuelle.version;
                    let mut form = c.form;
                    form.base = Some(c.actuelle);
                    self.pile.push(Ecran::Personne(form));
                    return vec![Effet::EnregistrerPersonne(Box::new(p))];
                }
            }
            Action::GarderAutre => {
                if let Some(Ecran::Conflit(c)) = self.pile.last()
                    && c.perte.is_none()
                {
                    self.pile.pop();
                    self.message = Some(t::CONFLIT_GARDE_AUTRE.into());
                    return vec![Effet::Recharger];
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn formulaire_mut(&mut self) -> Option<&mut crate::tui::formulaire::Formulaire> {
        match self.pile.last_mut() {
            Some(Ecran::Saisie(f)) => Some(&mut f.form),
            Some(Ecran::Personne(f)) => Some(&mut f.form),
            _ => None,
        }
    }

    fn retour(&mut self) -> Vec<Effet> {
        match self.pile.last_mut() {
            None => {
                if self.liste.tous {
                    let garde = self.liste.selectionnee().and_then(|p| p.id);
                    self.liste.tous = false;
                    self.liste.montrer(garde);
                }
            }
            Some(Ecran::Saisie(f)) if f.form.modifie() => {
                self.confirmation = Some(Confirmation::Abandonner)
            }
            Some(Ecran::Personne(f)) if f.form.modifie() => {
                self.confirmation = Some(Confirmation::Abandonner)
            }
            Some(Ecran::Apercu(a)) if a.nom_fichier.is_some() => {
                a.nom_fichier = None;
                a.erreur_nom = None;
            }
            Some(Ecran::Conflit(c)) if c.perte.is_some() => {
                // Nothing can be saved: the form is dropped, back to what is left.
                self.pile.pop();
                self.message = Some(t::DOSSIER_PERDU_FERME.into());
                return vec![Effet::Recharger];
            }
            Some(Ecran::Conflit(_)) => {
                // Back to the form, on top of the stored version: the volunteer merges by hand.
                if let Some(Ecran::Conflit(c)) = self.pile.pop() {
                    let c = *c;
                    let form = c.form.rebaser(c.actuelle);
                    self.pile.push(Ecran::Personne(Box::new(form)));
                    self.message = Some(t::CONFLIT_REPRISE.into());
                }
            }
            Some(_) => {
                // A form left untouched (or typed back to what it was): a draft kept meanwhile
                // goes too.
                if let Some(e) = self.pile.pop()
                    && self.suivi_brouillon.garde.is_some()
                {
                    return self.oublier_brouillon_de(&e);
                }
            }
        }
        Vec::new()
    }

    fn deplacer(&mut self, delta: isize) {
        let bouger = |sel: usize, n: usize| -> usize {
            if n == 0 {
                0
            } else {
                (sel as isize + delta).clamp(0, n as isize - 1) as usize
            }
        };
        match self.pile.last_mut() {
            None => self.liste.selection = bouger(self.liste.selection, self.liste.nombre()),
            Some(Ecran::Recherche(r)) => r.selection = bouger(r.selection, r.resultats.len()),
            Some(Ecran::Fiche(f)) => {
                f.defilement = (f.defilement as isize + delta).clamp(0, u16::MAX as isize) as u16
            }
            Some(Ecran::Aide { defilement }) => {
                *defilement = (*defilement as isize + delta).clamp(0, u16::MAX as isize) as u16
            }
            Some(Ecran::Apercu(a)) => {
                a.defilement = (a.defilement as isize + delta).clamp(0, u16::MAX as isize) as u16
            }
            _ => {}
        }
    }
}
