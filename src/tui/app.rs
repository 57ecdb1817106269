//! The application state and its update logic: key → action (keymap) → update (pure state
//! change, returns effects) → effects (store reads and writes, one short transaction each)
//! → render (`vue`). Testable without a terminal: feed keys to `App::touche` with a store.

use super::clavier::{self, Action, Contexte, Document};
use super::formulaire::{FormEvenement, FormPersonne, LigneSaisie, Valeur, reference_suivante};
use super::{Issue, Panneau};
use crate::domain::moteur::{ConnaissancePrefecture, Evaluation};
use crate::domain::regles::Regles;
use crate::domain::{Departement, Evenement, Personne};
use crate::jour::{LigneJour, liste_du_jour};
use crate::lettres::Dossier;
use crate::store::{ErreurStore, Store, Trace};
use crate::textes::tui as t;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;

/// Everything the file shows about one person.
#[derive(Debug, Clone)]
pub struct DonneesFiche {
    pub personne: Personne,
    pub evenements: Vec<Evenement>,
    pub evaluation: Evaluation,
    pub prefecture: ConnaissancePrefecture,
    pub trace: Option<Trace>,
}

/// The start screen: the day's list (or everyone).
#[derive(Debug, Default)]
pub struct EtatListe {
    pub tous: bool,
    pub lignes: Vec<LigneJour>,
    pub selection: usize,
    /// First row on screen (kept by the renderer).
    pub decalage: usize,
    /// Rows drawn at the last rendering: `[debut, fin)` (kept by the renderer).
    pub visibles: (usize, usize),
    pub du_jour: usize,
    pub en_retard: usize,
}

impl EtatListe {
    pub fn selectionnee(&self) -> Option<&Personne> {
        self.lignes.get(self.selection).map(|l| &l.personne)
    }
}

pub struct EtatFiche {
    pub id: i64,
    pub donnees: DonneesFiche,
    pub defilement: u16,
}

#[derive(Default)]
pub struct EtatRecherche {
    pub saisie: LigneSaisie,
    pub resultats: Vec<Personne>,
    pub selection: usize,
}

/// The preview of a document, and the field to save it to a text file.
pub struct EtatApercu {
    pub document: Document,
    /// What the document is made of (reloaded when another desk changes the database).
    pub dossier: Dossier,
    /// Exactly what a save writes: `textes::lettres::lettre` or `chronologie` of `dossier`.
    pub texte: String,
    pub defilement: u16,
    /// The file-name field, while the volunteer chooses where to save.
    pub nom_fichier: Option<LigneSaisie>,
    /// The folder a relative name is written in (the current directory).
    pub repertoire: PathBuf,
    /// What is wrong with the name typed (shown under the field).
    pub erreur_nom: Option<String>,
    /// An existing file the volunteer is asked about (overwrite or not).
    pub a_ecraser: Option<PathBuf>,
}

impl EtatApercu {
    pub fn nouveau(document: Document, dossier: Dossier) -> Self {
        let texte = texte_document(document, &dossier);
        EtatApercu {
            document,
            dossier,
            texte,
            defilement: 0,
            nom_fichier: None,
            repertoire: PathBuf::new(),
            erreur_nom: None,
            a_ecraser: None,
        }
    }

    /// `lettre-<REFERENCE>-<AAAA-MM-JJ>.txt` (or `chronologie-…`), dated the document's day.
    pub fn nom_defaut(&self) -> String {
        // References are letters, digits, - and _ (checked on entry); anything else in a name
        // would be a path, so it is replaced.
        let reference: String = self
            .dossier
            .personne
            .reference
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        t::nom_document(
            self.document == Document::Lettre,
            &reference,
            &crate::domain::date_iso(self.dossier.aujourdhui),
        )
    }
}

/// The text of a document (pure).
pub fn texte_document(document: Document, dossier: &Dossier) -> String {
    match document {
        Document::Lettre => crate::textes::lettres::lettre(dossier),
        Document::Chronologie => crate::textes::lettres::chronologie(dossier),
    }
}

/// Another desk changed the person while this one was editing.
pub struct EtatConflit {
    pub mienne: Personne,
    pub actuelle: Personne,
    pub modifie_par: String,
    pub form: Box<FormPersonne>,
}

/// The screens above the day's list (a stack: Esc goes back one).
pub enum Ecran {
    Fiche(Box<EtatFiche>),
    Saisie(Box<FormEvenement>),
    Personne(Box<FormPersonne>),
    Conflit(Box<EtatConflit>),
    Recherche(EtatRecherche),
    Apercu(Box<EtatApercu>),
    Aide {
        defilement: u16,
    },
    Panneau {
        titre: &'static str,
        panneau: Box<dyn Panneau>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    Quitter,
    Abandonner,
    /// The file chosen for a document exists: replace it?
    Ecraser,
}

/// What the update asks the outside world to do.
#[derive(Debug)]
pub enum Effet {
    Recharger,
    OuvrirFiche(i64),
    NouvellePersonne,
    ModifierPersonne(i64),
    EnregistrerEvenement {
        personne_id: i64,
        evenement: Evenement,
    },
    EnregistrerPersonne(Box<Personne>),
    Chercher,
    /// The préfecture panel, on a département's card (local corrections loaded at once).
    OuvrirPrefecture(Option<Departement>),
    /// The statistics panel, computed at once for the current month.
    OuvrirStatistiques,
    /// Preview a document of the person with this reference.
    OuvrirApercu {
        reference: String,
        document: Document,
    },
    /// The file-name field was opened: learn the current directory.
    RepertoireCourant,
    /// Write the previewed document (`ecraser`: an existing file may be replaced).
    EcrireDocument {
        chemin: PathBuf,
        ecraser: bool,
    },
}

pub struct App {
    pub aujourdhui: NaiveDate,
    pub regles: Regles,
    pub benevole: String,
    /// False with NO_COLOR: urgency is then told by symbols, words, bold and reverse only.
    pub couleurs: bool,
    pub liste: EtatListe,
    pub pile: Vec<Ecran>,
    pub confirmation: Option<Confirmation>,
    pub message: Option<String>,
    pub quitter: bool,
    /// Set by the renderer: the terminal is below the minimum size, keys (but Ctrl-C) wait.
    pub trop_petit: bool,
    version_donnees: Option<i64>,
}

impl App {
    pub fn nouveau(aujourdhui: NaiveDate, regles: Regles, benevole: &str, couleurs: bool) -> Self {
        App {
            aujourdhui,
            regles,
            benevole: benevole.to_string(),
            couleurs,
            liste: EtatListe::default(),
            pile: Vec::new(),
            confirmation: None,
            message: None,
            quitter: false,
            trop_petit: false,
            version_donnees: None,
        }
    }

    /// The screen on top (`None`: the day's list).
    pub fn ecran(&self) -> Option<&Ecran> {
        self.pile.last()
    }

    /// Some form on the stack holds typed, unsaved input.
    pub fn saisie_en_cours(&self) -> bool {
        self.pile.iter().any(|e| match e {
            Ecran::Saisie(f) => f.form.modifie(),
            Ecran::Personne(f) => f.form.modifie(),
            Ecran::Conflit(_) => true,
            Ecran::Panneau { panneau, .. } => panneau.saisie_en_cours(),
            _ => false,
        })
    }

    /// Active keymap contexts, most specific first.
    pub fn contextes_actifs(&self) -> Vec<Contexte> {
        use Contexte as X;
        if self.confirmation.is_some() {
            return vec![X::Confirmation, X::Toujours];
        }
        let form = |f: &super::formulaire::Formulaire| match f.focalise().map(|c| &c.valeur) {
            Some(Valeur::Choix { .. }) => {
                vec![X::Choix, X::Formulaire, X::PendantSaisie, X::Toujours]
            }
            Some(Valeur::Notes(_)) => vec![X::Notes, X::PendantSaisie, X::Toujours],
            _ => vec![X::Formulaire, X::PendantSaisie, X::Toujours],
        };
        match self.ecran() {
            None => vec![
                X::Liste,
                X::ListeFiche,
                X::Defilement,
                X::Partout,
                X::Toujours,
            ],
            Some(Ecran::Fiche(_)) => vec![X::ListeFiche, X::Defilement, X::Partout, X::Toujours],
            Some(Ecran::Saisie(f)) => form(&f.form),
            Some(Ecran::Personne(f)) => form(&f.form),
            Some(Ecran::Conflit(_)) => vec![X::Conflit, X::Toujours],
            Some(Ecran::Recherche(_)) => vec![X::Recherche, X::PendantSaisie, X::Toujours],
            Some(Ecran::Apercu(a)) if a.nom_fichier.is_some() => vec![X::NomFichier, X::Toujours],
            Some(Ecran::Apercu(_)) => vec![X::Apercu, X::Defilement, X::Partout, X::Toujours],
            Some(Ecran::Aide { .. }) => vec![X::Defilement, X::Partout, X::Toujours],
            Some(Ecran::Panneau { .. }) => vec![X::Partout, X::Toujours],
        }
    }

    // -------------------------------------------------------------- input

    /// Handles one key: panels first, then the keymap, then typing.
    pub fn touche(&mut self, k: KeyEvent, store: &mut Store) {
        if k.kind == KeyEventKind::Release {
            return;
        }
        let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
        if self.trop_petit && !ctrl_c {
            return;
        }
        self.message = None;
        // Ctrl-C is always the application's, even over a panel that takes every letter.
        if self.confirmation.is_none()
            && !ctrl_c
            && let Some(Ecran::Panneau { panneau, .. }) = self.pile.last_mut()
        {
            match panneau.touche(k, store) {
                Issue::Rien => return,
                Issue::Fermer => {
                    self.pile.pop();
                    return;
                }
                Issue::Message(m) => {
                    self.message = Some(m);
                    return;
                }
                // What the footer shows is what works: a key kept by the panel's text
                // field never becomes a global action.
                Issue::Ignoree if !panneau.laisse_passer(&k) => return,
                Issue::Ignoree => {}
            }
        }
        let actifs = self.contextes_actifs();
        let effets = match clavier::resoudre(&k, &actifs) {
            Some(a) => self.mettre_a_jour(a, &k),
            None => self.taper(&k),
        };
        for e in effets {
            self.executer(e, store);
        }
    }

    /// Text pasted in one go (bracketed paste): it goes into the field being typed in, line
    /// breaks included only in the notes; it never triggers an action, never saves a form.
    /// Pasted over a screen without a text field (the list, a file), it is ignored.
    pub fn coller(&mut self, texte: &str, store: &mut Store) {
        if self.trop_petit || self.confirmation.is_some() {
            return;
        }
        let effets = match self.pile.last_mut() {
            Some(Ecran::Saisie(f)) => {
                f.form.coller(texte);
                Vec::new()
            }
            Some(Ecran::Personne(f)) => {
                f.form.coller(texte);
                f.actualiser_aides();
                Vec::new()
            }
            Some(Ecran::Recherche(r)) => {
                if r.saisie.inserer(texte) {
                    vec![Effet::Chercher]
                } else {
                    Vec::new()
                }
            }
            Some(Ecran::Apercu(a)) => {
                if let Some(l) = &mut a.nom_fichier
                    && l.inserer(texte)
                {
                    a.erreur_nom = None;
                }
                Vec::new()
            }
            Some(Ecran::Panneau { panneau, .. }) if panneau.prend_le_texte() => {
                for c in super::formulaire::une_ligne(texte).chars() {
                    let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                    if !panneau.prend_le_texte() {
                        break;
                    }
                    if let Issue::Message(m) = panneau.touche(k, store) {
                        self.message = Some(m);
                    }
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
        for e in effets {
            self.executer(e, store);
        }
    }

    /// Text typed into the focused field or the search box.
    fn taper(&mut self, k: &KeyEvent) -> Vec<Effet> {
        match self.pile.last_mut() {
            Some(Ecran::Saisie(f)) => f.form.saisir(k),
            Some(Ecran::Personne(f)) => {
                f.form.saisir(k);
                f.actualiser_aides();
            }
            Some(Ecran::Apercu(a)) => {
                if let Some(l) = &mut a.nom_fichier
                    && l.touche(k)
                {
                    a.erreur_nom = None;
                }
            }
            Some(Ecran::Recherche(r)) => {
                let change = r.saisie.touche(k);
                return if change {
                    vec![Effet::Chercher]
                } else {
                    Vec::new()
                };
            }
            _ => {}
        }
        Vec::new()
    }

    /// The person the current screen is about (the file, a form, or the selected row).
    fn personne_courante(&self) -> Option<&Personne> {
        match self.ecran() {
            None => self.liste.selectionnee(),
            Some(Ecran::Fiche(f)) => Some(&f.donnees.personne),
            Some(Ecran::Saisie(f)) => Some(&f.personne),
            Some(Ecran::Personne(f)) => f.base.as_ref(),
            Some(Ecran::Apercu(a)) => Some(&a.dossier.personne),
            Some(Ecran::Recherche(r)) => r.resultats.get(r.selection),
            _ => None,
        }
    }

    /// The pure update: changes the state, returns the effects to run.
    pub fn mettre_a_jour(&mut self, a: Action, k: &KeyEvent) -> Vec<Effet> {
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
                    self.pile.pop();
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
            Action::Non => {
                // Not replacing: back to the file-name field, to choose another name.
                if self.confirmation.take() == Some(Confirmation::Ecraser)
                    && let Some(Ecran::Apercu(a)) = self.pile.last_mut()
                {
                    a.a_ecraser = None;
                }
            }
            Action::Retour => return self.retour(),
            Action::Aide => {
                // A question on screen is answered first.
                if self.confirmation.is_none() && !matches!(self.ecran(), Some(Ecran::Aide { .. }))
                {
                    self.pile.push(Ecran::Aide { defilement: 0 });
                }
            }
            Action::Chercher => self.pile.push(Ecran::Recherche(EtatRecherche::default())),
            Action::Prefecture => {
                let dep: Option<Departement> = match self.ecran() {
                    None => None,
                    // While a person is typed in: the département typed so far, if valid.
                    Some(Ecran::Personne(f)) => super::formulaire::departement_saisi(
                        &f.form.texte(super::formulaire::ChampId::Departement),
                    )
                    .ok()
                    .or(f.base.as_ref().map(|p| p.departement)),
                    _ => self.personne_courante().map(|p| p.departement),
                };
                return vec![Effet::OuvrirPrefecture(dep)];
            }
            Action::Statistiques => return vec![Effet::OuvrirStatistiques],
            Action::BasculerTous => {
                self.liste.tous = !self.liste.tous;
                return vec![Effet::Recharger];
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
                Some(p) => self
                    .pile
                    .push(Ecran::Saisie(Box::new(FormEvenement::nouveau(
                        p,
                        ty,
                        self.aujourdhui,
                    )))),
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
            Action::Enregistrer => match self.pile.last_mut() {
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
            },
            Action::GarderMienne => {
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
                if let Some(Ecran::Conflit(_)) = self.pile.last() {
                    self.pile.pop();
                    self.message = Some(t::CONFLIT_GARDE_AUTRE.into());
                    return vec![Effet::Recharger];
                }
            }
        }
        Vec::new()
    }

    fn formulaire_mut(&mut self) -> Option<&mut super::formulaire::Formulaire> {
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
                    self.liste.tous = false;
                    return vec![Effet::Recharger];
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
                self.pile.pop();
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
            None => self.liste.selection = bouger(self.liste.selection, self.liste.lignes.len()),
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

    // -------------------------------------------------------------- effects

    pub fn executer(&mut self, e: Effet, store: &mut Store) {
        match e {
            Effet::Recharger => self.recharger(store),
            Effet::OuvrirFiche(id) => match charger_fiche(store, &self.regles, self.aujourdhui, id)
            {
                Ok(Some(donnees)) => self.pile.push(Ecran::Fiche(Box::new(EtatFiche {
                    id,
                    donnees,
                    defilement: 0,
                }))),
                Ok(None) => self.message = Some(t::erreur(&ErreurStore::Introuvable.to_string())),
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::NouvellePersonne => match store.personnes() {
                Ok(v) => {
                    let r =
                        reference_suivante(v.iter().map(|p| p.reference.as_str()), self.aujourdhui);
                    self.pile
                        .push(Ecran::Personne(Box::new(FormPersonne::nouvelle(
                            &r,
                            self.aujourdhui,
                        ))));
                }
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::ModifierPersonne(id) => match store.personne(id) {
                Ok(Some(p)) => self
                    .pile
                    .push(Ecran::Personne(Box::new(FormPersonne::modifier(
                        p,
                        self.aujourdhui,
                    )))),
                Ok(None) => self.message = Some(t::erreur(&ErreurStore::Introuvable.to_string())),
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::EnregistrerEvenement {
                personne_id,
                evenement,
            } => match store.ajouter_evenement(personne_id, &evenement) {
                Ok(_) => {
                    let nom = match self.pile.pop() {
                        Some(Ecran::Saisie(f)) => f.personne.nom_complet(),
                        _ => String::new(),
                    };
                    self.message = Some(t::evenement_enregistre(evenement.type_evenement, &nom));
                    self.recharger(store);
                    // Back on the file: show its top, where the new next step is.
                    if let Some(Ecran::Fiche(f)) = self.pile.last_mut() {
                        f.defilement = 0;
                    }
                }
                Err(e) => {
                    if let Some(Ecran::Saisie(f)) = self.pile.last_mut() {
                        f.form.message = Some(t::erreur(&e.to_string()));
                    }
                }
            },
            Effet::EnregistrerPersonne(p) => self.enregistrer_personne(*p, store),
            Effet::OuvrirPrefecture(dep) => self.pile.push(Ecran::Panneau {
                titre: t::ECRAN_PREFECTURE,
                panneau: Box::new(
                    super::prefecture::EcranPrefecture::ouvrir(dep, store)
                        .avec_date(self.aujourdhui),
                ),
            }),
            Effet::OuvrirStatistiques => {
                let mut panneau = super::stats::EcranStats::nouveau(self.aujourdhui);
                panneau.actualiser(store);
                self.pile.push(Ecran::Panneau {
                    titre: t::ECRAN_STATS,
                    panneau: Box::new(panneau),
                });
            }
            Effet::OuvrirApercu {
                reference,
                document,
            } => match crate::lettres::charger(store, &self.regles, &reference, self.aujourdhui) {
                Ok(Some(dossier)) => self.pile.push(Ecran::Apercu(Box::new(EtatApercu::nouveau(
                    document, dossier,
                )))),
                Ok(None) => self.message = Some(t::erreur(&ErreurStore::Introuvable.to_string())),
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::RepertoireCourant => {
                if let Some(Ecran::Apercu(a)) = self.pile.last_mut() {
                    // Unknown (e.g. removed) current directory: the name stays relative and
                    // the write says what is wrong.
                    a.repertoire = std::env::current_dir().unwrap_or_default();
                }
            }
            Effet::EcrireDocument { chemin, ecraser } => self.ecrire_document(chemin, ecraser),
            Effet::Chercher => {
                if let Some(Ecran::Recherche(r)) = self.pile.last_mut() {
                    let q = r.saisie.texte.trim().to_string();
                    r.resultats = if q.is_empty() {
                        Vec::new()
                    } else {
                        match store.chercher(&q, 100) {
                            Ok(v) => classer_resultats(v, &q),
                            Err(e) => {
                                self.message = Some(t::erreur(&e.to_string()));
                                Vec::new()
                            }
                        }
                    };
                    r.selection = 0;
                }
            }
        }
    }

    /// Writes the previewed document, owner-only; an existing file is never replaced
    /// without the volunteer's yes (`ecraser`).
    fn ecrire_document(&mut self, chemin: PathBuf, ecraser: bool) {
        use std::io::Write;
        let Some(Ecran::Apercu(a)) = self.pile.last_mut() else {
            return;
        };
        let chemin = std::path::absolute(&chemin).unwrap_or(chemin);
        let affiche = chemin.display().to_string();
        if chemin.is_dir() {
            let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
            self.message = Some(t::ecriture_document(&affiche, &e));
            return;
        }
        let si_existe = if ecraser {
            crate::fichiers::SiExiste::Remplacer
        } else {
            crate::fichiers::SiExiste::Refuser
        };
        let resultat = match crate::fichiers::creer_prive(&chemin, si_existe) {
            Ok(mut f) => {
                let r = f.write_all(a.texte.as_bytes()).and_then(|_| f.flush());
                if r.is_err() {
                    // Nothing half-written is left behind.
                    drop(f);
                    let _ = std::fs::remove_file(&chemin);
                }
                r
            }
            Err(e) => Err(e),
        };
        match resultat {
            Ok(()) => {
                a.nom_fichier = None;
                a.erreur_nom = None;
                a.a_ecraser = None;
                self.message = Some(t::document_enregistre(
                    a.document == Document::Lettre,
                    &affiche,
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !ecraser => {
                a.a_ecraser = Some(chemin);
                self.confirmation = Some(Confirmation::Ecraser);
            }
            Err(e) => self.message = Some(t::ecriture_document(&affiche, &e)),
        }
    }

    fn enregistrer_personne(&mut self, p: Personne, store: &mut Store) {
        let resultat = match p.id {
            None => store.creer_personne(&p),
            Some(_) => store.modifier_personne(&p),
        };
        match resultat {
            Ok(v) => {
                self.pile.pop();
                self.recharger(store);
                match p.id {
                    None => {
                        self.message = Some(t::personne_creee(&p.reference));
                        self.executer(Effet::OuvrirFiche(v), store);
                    }
                    Some(_) => self.message = Some(t::personne_modifiee(&p.reference)),
                }
            }
            Err(ErreurStore::Conflit { actuelle }) => {
                if let Some(Ecran::Personne(form)) = self.pile.pop() {
                    let modifie_par = actuelle
                        .id
                        .and_then(|id| store.trace(id).ok().flatten())
                        .map(|t| t.modifie_par)
                        .unwrap_or_default();
                    self.pile.push(Ecran::Conflit(Box::new(EtatConflit {
                        mienne: p,
                        actuelle: *actuelle,
                        modifie_par,
                        form,
                    })));
                }
            }
            Err(e @ ErreurStore::ReferenceExistante(_)) => {
                if let Some(Ecran::Personne(f)) = self.pile.last_mut() {
                    f.reference_prise(e.to_string());
                }
                self.message = Some(t::FORMULAIRE_ERREURS.into());
            }
            Err(e) => {
                if let Some(Ecran::Personne(f)) = self.pile.last_mut() {
                    f.form.message = Some(t::erreur(&e.to_string()));
                }
            }
        }
    }

    /// Reloads the list and every file on the stack, keeping the selection (by person).
    pub fn recharger(&mut self, store: &Store) {
        let garde = self.liste.selectionnee().and_then(|p| p.id);
        let resultat = (|| -> Result<(), ErreurStore> {
            let jour = liste_du_jour(store, &self.regles, self.aujourdhui, false)?;
            self.liste.du_jour = jour.len();
            self.liste.en_retard = jour.iter().filter(|l| en_retard(&l.evaluation)).count();
            self.liste.lignes = if self.liste.tous {
                liste_du_jour(store, &self.regles, self.aujourdhui, true)?
            } else {
                jour
            };
            Ok(())
        })();
        if let Err(e) = resultat {
            self.message = Some(t::erreur(&e.to_string()));
        }
        self.liste.selection = garde
            .and_then(|id| {
                self.liste
                    .lignes
                    .iter()
                    .position(|l| l.personne.id == Some(id))
            })
            .unwrap_or(self.liste.selection)
            .min(self.liste.lignes.len().saturating_sub(1));
        for e in &mut self.pile {
            match e {
                Ecran::Fiche(f) => {
                    match charger_fiche(store, &self.regles, self.aujourdhui, f.id) {
                        Ok(Some(d)) => f.donnees = d,
                        Ok(None) => {}
                        Err(e) => self.message = Some(t::erreur(&e.to_string())),
                    }
                }
                Ecran::Panneau { panneau, .. } => panneau.recharger(store),
                Ecran::Recherche(r) => {
                    // Another desk may have added or renamed someone: search again,
                    // keeping the person selected.
                    let q = r.saisie.texte.trim().to_string();
                    if !q.is_empty()
                        && let Ok(v) = store.chercher(&q, 100)
                    {
                        let garde = r.resultats.get(r.selection).and_then(|p| p.id);
                        r.resultats = classer_resultats(v, &q);
                        r.selection = garde
                            .and_then(|id| r.resultats.iter().position(|p| p.id == Some(id)))
                            .unwrap_or(r.selection)
                            .min(r.resultats.len().saturating_sub(1));
                    }
                }
                Ecran::Apercu(a) => {
                    let reference = a.dossier.personne.reference.clone();
                    match crate::lettres::charger(store, &self.regles, &reference, self.aujourdhui)
                    {
                        Ok(Some(d)) => {
                            a.texte = texte_document(a.document, &d);
                            a.dossier = d;
                        }
                        Ok(None) => {}
                        Err(e) => self.message = Some(t::erreur(&e.to_string())),
                    }
                }
                _ => {}
            }
        }
        if let Ok(v) = store.version_donnees() {
            self.version_donnees = Some(v);
        }
    }

    /// Called on a short timer: reloads when another process committed a change.
    /// Returns whether it reloaded.
    pub fn verifier_changements(&mut self, store: &Store) -> bool {
        match store.version_donnees() {
            Ok(v) if self.version_donnees.is_some_and(|old| old != v) => {
                self.recharger(store);
                if self.message.is_none() {
                    self.message = Some(t::DONNEES_RAFRAICHIES.into());
                }
                true
            }
            Ok(v) => {
                self.version_donnees = Some(v);
                false
            }
            Err(_) => false,
        }
    }

    /// Installs a list built elsewhere (e.g. by `jour::liste_du_jour` in snapshot tests);
    /// the header counts follow the engine's rule (`jour::est_du_jour`).
    pub fn installer_liste(&mut self, lignes: Vec<LigneJour>, tous: bool) {
        self.liste.du_jour = lignes
            .iter()
            .filter(|l| crate::jour::est_du_jour(&l.evaluation, l.visite_du_jour))
            .count();
        self.liste.en_retard = lignes.iter().filter(|l| en_retard(&l.evaluation)).count();
        self.liste.lignes = lignes;
        self.liste.tous = tous;
        self.liste.selection = 0;
    }

    /// Opens the preview of a prepared document (snapshot tests).
    pub fn installer_apercu(&mut self, document: Document, dossier: Dossier) {
        self.pile.push(Ecran::Apercu(Box::new(EtatApercu::nouveau(
            document, dossier,
        ))));
    }

    /// Opens a prepared file (snapshot tests).
    pub fn installer_fiche(&mut self, donnees: DonneesFiche) {
        let id = donnees.personne.id.unwrap_or(0);
        self.pile.push(Ecran::Fiche(Box::new(EtatFiche {
            id,
            donnees,
            defilement: 0,
        })));
    }
}

/// Search results where a word of the name, first name or reference starts with what was
/// typed come first ("dia" finds DIALLO before NADIA); the store's order is kept otherwise.
pub fn classer_resultats(mut v: Vec<Personne>, requete: &str) -> Vec<Personne> {
    use crate::domain::replier;
    let q = replier(requete.trim());
    let rang = |p: &Personne| -> u8 {
        let debut = |s: &str| {
            replier(s)
                .split(|c: char| !c.is_alphanumeric())
                .any(|m| !m.is_empty() && m.starts_with(&q))
        };
        if debut(&p.nom) {
            0
        } else if p.prenom.as_deref().is_some_and(debut) || debut(&p.reference) {
            1
        } else {
            2
        }
    };
    v.sort_by_key(|p| rang(p));
    v
}

/// "En retard": rights already lapsed or a follow-up date past.
pub fn en_retard(e: &Evaluation) -> bool {
    use crate::domain::moteur::NiveauUrgence as N;
    matches!(e.urgence, N::DroitsRompus | N::SuiviEnRetard)
}

/// Loads one person's file (short reads, no transaction held).
pub fn charger_fiche(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    id: i64,
) -> Result<Option<DonneesFiche>, ErreurStore> {
    let Some(personne) = store.personne(id)? else {
        return Ok(None);
    };
    let evenements = store.evenements(id)?;
    // The same evaluation as the day's list: local préfecture corrections included.
    let evaluation = crate::jour::evaluer_personne(store, regles, &personne, aujourdhui)?;
    let prefecture = crate::prefectures::connaissance_avec(store, personne.departement)?;
    let trace = store.trace(id)?;
    Ok(Some(DonneesFiche {
        personne,
        evenements,
        evaluation,
        prefecture,
        trace,
    }))
}
