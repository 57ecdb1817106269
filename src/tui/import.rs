//! The import screen (docs/fichiers.md §3b, from the list with `I`): the path of the desk's
//! sheet, then the proposed mapping field by field with a sample value and the number of
//! invalid cells; ← → change a column's target, `x` ignores it; every change re-runs the dry
//! run; Entrée imports when it passes. Same mapping logic as `vigie import --tableur`: the
//! reading, the check and the import are the executor's (`EffetPanneau::Tableur`).

use super::clavier::{Action, Contexte};
use super::editeur::{Editeur, Edition};
use super::effets::{EffetPanneau, ResultatPanneau};
use super::{Panneau, Reponse};
use crate::csvio::import::BilanImport;
use crate::csvio::lignes::COLONNES_PERSONNES;
use crate::tableur::{Cible, ErreurTableur, Tableur};
use crate::textes::tableur as t;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// What the executor brings back: the sheet mapped, its dry run, and the import when asked.
#[derive(Debug)]
pub struct EtatTableur {
    pub tableur: Tableur,
    pub essai: Result<usize, Vec<ErreurTableur>>,
    pub evenements: usize,
    /// The import's outcome, or why it was refused (worded).
    pub bilan: Option<Result<BilanImport, String>>,
}

/// The targets a column cycles through with ← →: every §1 field, the notes, ignored.
pub fn cibles_possibles() -> Vec<Cible> {
    let mut v: Vec<Cible> = COLONNES_PERSONNES
        .iter()
        .map(|c| Cible::Champ(c.nom))
        .collect();
    v.push(Cible::Notes);
    v.push(Cible::Ignoree);
    v
}

pub struct EcranImport {
    pub chemin: Editeur,
    /// The path of the sheet read (kept when the field is edited again).
    pub lu: Option<String>,
    pub etat: Option<EtatTableur>,
    pub selection: usize,
    pub erreur: Option<String>,
    pub message: Option<String>,
}

impl Default for EcranImport {
    fn default() -> Self {
        Self::nouveau()
    }
}

impl EcranImport {
    pub fn nouveau() -> Self {
        EcranImport {
            chemin: Editeur::avec(""),
            lu: None,
            etat: None,
            selection: 0,
            erreur: None,
            message: None,
        }
    }

    /// The cells of each column that the dry run refuses.
    pub fn invalides(&self) -> Vec<usize> {
        match &self.etat {
            Some(EtatTableur {
                tableur,
                essai: Err(e),
                ..
            }) => crate::tableur::invalides_par_colonne(tableur, e),
            Some(e) => vec![0; e.tableur.colonnes.len()],
            None => Vec::new(),
        }
    }

    fn effet(&self, importer: bool) -> Reponse {
        let Some(chemin) = self.lu.clone() else {
            return Reponse::Rien;
        };
        let cibles = self
            .etat
            .as_ref()
            .map(|e| e.tableur.colonnes.iter().map(|c| c.cible.clone()).collect());
        Reponse::Effet(EffetPanneau::Tableur {
            chemin,
            cibles,
            importer,
        })
    }

    /// Moves the selected column's target one step (`pas` = 1 or -1), or to « ignorée ».
    fn changer(&mut self, pas: Option<isize>) -> Reponse {
        let Some(e) = self.etat.as_mut() else {
            return Reponse::Rien;
        };
        let Some(col) = e.tableur.colonnes.get_mut(self.selection) else {
            return Reponse::Rien;
        };
        let toutes = cibles_possibles();
        col.cible = match pas {
            None => Cible::Ignoree,
            Some(p) => {
                let i = toutes.iter().position(|c| *c == col.cible).unwrap_or(0) as isize;
                let n = toutes.len() as isize;
                toutes[((i + p).rem_euclid(n)) as usize].clone()
            }
        };
        col.par_recette = false;
        self.message = None;
        self.effet(false)
    }
}

/// Every key of the screen (mapping and file field), from the keymap: for the help.
pub fn raccourcis_accueil() -> Vec<super::Raccourci> {
    super::clavier::raccourcis_panneau(&[Contexte::Import, Contexte::ImportFichier], true)
}

impl Panneau for EcranImport {
    fn dessiner(&self, f: &mut Frame, zone: Rect) {
        super::vue::import::dessiner(self, f, zone);
    }

    fn contextes(&self) -> Vec<Contexte> {
        if self.etat.is_none() {
            vec![Contexte::ImportFichier, Contexte::Toujours]
        } else {
            vec![Contexte::Import, Contexte::Toujours]
        }
    }

    fn action(&mut self, a: Action) -> Reponse {
        match a {
            Action::Retour if self.etat.is_some() && self.lu.is_some() => {
                // Back to the file field, the path kept.
                self.etat = None;
                Reponse::Rien
            }
            Action::Retour => Reponse::Fermer,
            Action::Enregistrer if self.etat.is_none() => {
                let chemin = self.chemin.texte.trim().to_string();
                if chemin.is_empty() {
                    return Reponse::Rien;
                }
                self.lu = Some(chemin);
                self.erreur = None;
                self.effet(false)
            }
            Action::Enregistrer => match &self.etat {
                Some(e) if e.essai.is_ok() && e.bilan.is_none() => self.effet(true),
                Some(e) if e.bilan.is_some() => Reponse::Fermer,
                _ => Reponse::Message(t::ECRAN_CORRIGER.to_string()),
            },
            Action::Haut | Action::Bas => {
                let n = self.etat.as_ref().map_or(0, |e| e.tableur.colonnes.len());
                if n > 0 {
                    self.selection = if a == Action::Haut {
                        self.selection.saturating_sub(1)
                    } else {
                        (self.selection + 1).min(n - 1)
                    };
                }
                Reponse::Rien
            }
            Action::ChoixSuivant => self.changer(Some(1)),
            Action::ChoixPrecedent => self.changer(Some(-1)),
            Action::Ignorer => self.changer(None),
            _ => Reponse::Ignoree,
        }
    }

    fn taper(&mut self, k: &KeyEvent) -> Reponse {
        if self.etat.is_some() {
            return Reponse::Ignoree;
        }
        match self.chemin.editer(k) {
            Edition::Ignoree => Reponse::Ignoree,
            _ => Reponse::Rien,
        }
    }

    fn recevoir(&mut self, r: ResultatPanneau) -> Reponse {
        match r {
            ResultatPanneau::Tableur(Ok(e)) => {
                let fin = match &e.bilan {
                    Some(Ok(b)) => Some(crate::textes::donnees::import_termine(b)),
                    Some(Err(m)) => Some(m.clone()),
                    None => None,
                };
                self.selection = self
                    .selection
                    .min(e.tableur.colonnes.len().saturating_sub(1));
                self.etat = Some(*e);
                self.message = fin.clone();
                fin.map_or(Reponse::Rien, Reponse::Message)
            }
            ResultatPanneau::Tableur(Err(m)) => {
                self.erreur = Some(m);
                self.etat = None;
                Reponse::Rien
            }
            _ => Reponse::Rien,
        }
    }

    fn prend_le_texte(&self) -> bool {
        self.etat.is_none()
    }
}
