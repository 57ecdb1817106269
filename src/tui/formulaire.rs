//! Form state: fields (one-line text, pick list, notes area), focus, validation messages,
//! and the two forms of the desk: an event (quick entry) and a person (new or edit).
//! No store access here: forms build values; the application writes them in one transaction.

use crate::domain::{
    Blocage, Canal, Demarche, Departement, ErreurValeur, Evenement, GenreTexte, Identite, Personne,
    Resultat, TypeEvenement, parse_date, parse_date_opt, valider_numero_etranger,
    valider_reference, verifier_texte,
};
use crate::textes::erreur_valeur;
use crate::textes::moteur::date_fr;
use crate::textes::tui as t;
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

mod evenement;
mod personne;

/// A one-line field is the interface's one single-line editor.
pub use super::editeur::{Editeur as LigneSaisie, une_ligne};
pub use evenement::FormEvenement;
pub use personne::{FormPersonne, departement_saisi};

/// A date typed `JJ/MM` (or `J/M`), without its year, means this year (`aujourdhui`'s);
/// anything else is returned as typed, for `parse_date`.
pub fn avec_annee(s: &str, aujourdhui: NaiveDate) -> String {
    use chrono::Datelike;
    let t = s.trim();
    let court = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    match t.split_once('/') {
        Some((j, m)) if court(j) && court(m) => format!("{t}/{}", aujourdhui.year()),
        _ => s.to_string(),
    }
}

fn date_saisie(s: &str, aujourdhui: NaiveDate) -> Result<NaiveDate, ErreurValeur> {
    parse_date(&avec_annee(s, aujourdhui))
}

fn date_saisie_opt(s: &str, aujourdhui: NaiveDate) -> Result<Option<NaiveDate>, ErreurValeur> {
    parse_date_opt(&avec_annee(s, aujourdhui))
}

/// Which field (to find values and place errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChampId {
    Date,
    Canal,
    Resultat,
    Echeance,
    Ticket,
    Attente,
    Notes,
    Reference,
    Nom,
    Prenom,
    Telephone,
    Departement,
    Demarche,
    Blocage,
    OuvertLe,
    Titre,
    Api,
    PanConnu,
    Captures,
    DateNaissance,
    Nationalite,
    NumeroEtranger,
    Adresse,
}

pub enum Valeur {
    Texte(LigneSaisie),
    /// A pick list: labels, and the chosen index.
    Choix {
        options: Vec<String>,
        choisi: Option<usize>,
    },
    Notes(Box<TextArea<'static>>),
}

pub struct Champ {
    pub id: ChampId,
    pub libelle: &'static str,
    /// A hint after the value (format, resolved département…).
    pub aide: Option<String>,
    pub valeur: Valeur,
    /// The French validation message shown next to the field.
    pub erreur: Option<String>,
}

impl Champ {
    fn texte(id: ChampId, libelle: &'static str, v: &str) -> Self {
        Champ {
            id,
            libelle,
            aide: None,
            valeur: Valeur::Texte(LigneSaisie::avec(v)),
            erreur: None,
        }
    }
    fn choix(id: ChampId, libelle: &'static str, options: Vec<String>, c: Option<usize>) -> Self {
        Champ {
            id,
            libelle,
            aide: None,
            valeur: Valeur::Choix { options, choisi: c },
            erreur: None,
        }
    }
    fn notes(v: Option<&str>) -> Self {
        let lignes: Vec<String> = v.unwrap_or("").lines().map(String::from).collect();
        let mut ta = if lignes.is_empty() {
            TextArea::default()
        } else {
            TextArea::new(lignes)
        };
        ta.set_cursor_line_style(ratatui::style::Style::default());
        // Long lines wrap at words (a word wider than the area is cut), the area grows.
        ta.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        ta.set_block(ratatui::widgets::Block::bordered());
        ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
        ta.move_cursor(ratatui_textarea::CursorMove::End);
        Champ {
            id: ChampId::Notes,
            libelle: t::CHAMP_NOTES,
            aide: Some(t::NOTES_AIDE.into()),
            valeur: Valeur::Notes(Box::new(ta)),
            erreur: None,
        }
    }

    /// The value as a string (for dirty checks and reading text fields).
    pub fn brut(&self) -> String {
        match &self.valeur {
            Valeur::Texte(l) => l.texte.clone(),
            Valeur::Choix { choisi, .. } => choisi.map_or(String::new(), |i| i.to_string()),
            Valeur::Notes(ta) => ta.lines().join("\n"),
        }
    }

    pub fn est_choix(&self) -> bool {
        matches!(self.valeur, Valeur::Choix { .. })
    }
}

/// Fields, focus and the initial values (to know whether something was typed).
pub struct Formulaire {
    pub champs: Vec<Champ>,
    pub focus: usize,
    initial: Vec<String>,
    /// A general message (e.g. a store error) shown above the fields.
    pub message: Option<String>,
}

impl Formulaire {
    fn nouveau(champs: Vec<Champ>) -> Self {
        let initial = champs.iter().map(Champ::brut).collect();
        Formulaire {
            champs,
            focus: 0,
            initial,
            message: None,
        }
    }

    pub fn modifie(&self) -> bool {
        self.champs
            .iter()
            .zip(&self.initial)
            .any(|(c, i)| c.brut() != *i)
    }

    /// Every field's raw value, in order (a draft).
    pub fn valeurs(&self) -> Vec<String> {
        self.champs.iter().map(Champ::brut).collect()
    }

    /// Puts back the raw values of `valeurs` (a draft), field by field in order; the
    /// initial values stay, so the form counts as typed in.
    pub fn reprendre(&mut self, valeurs: &[String]) {
        for (c, v) in self.champs.iter_mut().zip(valeurs) {
            match &mut c.valeur {
                Valeur::Texte(l) => *l = LigneSaisie::avec(v),
                Valeur::Choix { options, choisi } => {
                    *choisi = v.parse::<usize>().ok().filter(|i| *i < options.len());
                }
                Valeur::Notes(_) => *c = Champ::notes(Some(v)),
            }
        }
    }

    pub fn champ(&self, id: ChampId) -> Option<&Champ> {
        self.champs.iter().find(|c| c.id == id)
    }

    fn champ_mut(&mut self, id: ChampId) -> Option<&mut Champ> {
        self.champs.iter_mut().find(|c| c.id == id)
    }

    pub fn focalise(&self) -> Option<&Champ> {
        self.champs.get(self.focus)
    }

    pub fn focus_sur(&mut self, id: ChampId) {
        if let Some(i) = self.champs.iter().position(|c| c.id == id) {
            self.focaliser(i);
        }
    }

    /// Moves the focus; a text field reached this way has its value selected.
    fn focaliser(&mut self, i: usize) {
        for c in &mut self.champs {
            if let Valeur::Texte(l) = &mut c.valeur {
                l.selection = false;
            }
        }
        self.focus = i;
        if let Some(Champ {
            valeur: Valeur::Texte(l),
            ..
        }) = self.champs.get_mut(i)
        {
            l.selection = !l.texte.is_empty();
            l.curseur = l.texte.chars().count();
        }
    }

    pub fn texte(&self, id: ChampId) -> String {
        self.champ(id).map(Champ::brut).unwrap_or_default()
    }

    pub fn choisi(&self, id: ChampId) -> Option<usize> {
        match self.champ(id).map(|c| &c.valeur) {
            Some(Valeur::Choix { choisi, .. }) => *choisi,
            _ => None,
        }
    }

    pub fn suivant(&mut self) {
        if !self.champs.is_empty() {
            self.focaliser((self.focus + 1) % self.champs.len());
        }
    }

    pub fn precedent(&mut self) {
        if !self.champs.is_empty() {
            self.focaliser((self.focus + self.champs.len() - 1) % self.champs.len());
        }
    }

    /// Moves the choice of the focused pick list by `delta` (wrapping).
    pub fn decaler_choix(&mut self, delta: isize) {
        if let Some(Champ {
            valeur: Valeur::Choix { options, choisi },
            erreur,
            ..
        }) = self.champs.get_mut(self.focus)
        {
            let n = options.len() as isize;
            if n == 0 {
                return;
            }
            let i = match *choisi {
                Some(i) => (i as isize + delta).rem_euclid(n),
                None if delta >= 0 => 0,
                None => n - 1,
            };
            *choisi = Some(i as usize);
            *erreur = None;
        }
    }

    /// Picks option `n` (1-based) of the focused pick list.
    pub fn choisir(&mut self, n: usize) {
        if let Some(Champ {
            valeur: Valeur::Choix { options, choisi },
            erreur,
            ..
        }) = self.champs.get_mut(self.focus)
            && n >= 1
            && n <= options.len()
        {
            *choisi = Some(n - 1);
            *erreur = None;
        }
    }

    /// A typing key for the focused text field or notes area.
    pub fn saisir(&mut self, k: &KeyEvent) {
        if let Some(c) = self.champs.get_mut(self.focus) {
            let change = match &mut c.valeur {
                Valeur::Texte(l) => l.touche(k),
                Valeur::Notes(ta) => ta.input(*k),
                Valeur::Choix { .. } => false,
            };
            if change {
                c.erreur = None;
            }
        }
    }

    /// Text pasted in one go into the focused field: kept whole in the notes (line breaks
    /// included), on one line in a text field, ignored on a pick list. Never saves the form.
    pub fn coller(&mut self, texte: &str) {
        if let Some(c) = self.champs.get_mut(self.focus) {
            let change = match &mut c.valeur {
                Valeur::Texte(l) => l.inserer(texte),
                Valeur::Notes(ta) => {
                    let texte = texte
                        .replace("\r\n", "\n")
                        .replace('\r', "\n")
                        .replace('\t', " ");
                    let texte: String = texte
                        .chars()
                        .filter(|c| *c == '\n' || !c.is_control())
                        .collect();
                    ta.insert_str(texte)
                }
                Valeur::Choix { .. } => false,
            };
            if change {
                c.erreur = None;
            }
        }
    }

    fn erreur(&mut self, id: ChampId, e: &ErreurValeur) {
        if let Some(c) = self.champ_mut(id) {
            c.erreur = Some(erreur_valeur(e));
        }
    }

    fn erreur_texte(&mut self, id: ChampId, e: &str) {
        if let Some(c) = self.champ_mut(id) {
            c.erreur = Some(e.to_string());
        }
    }

    /// After a failed validation: focus on the first field in error.
    fn focus_premiere_erreur(&mut self) {
        if let Some(i) = self.champs.iter().position(|c| c.erreur.is_some()) {
            self.focaliser(i);
        }
    }

    fn effacer_erreurs(&mut self) {
        for c in &mut self.champs {
            c.erreur = None;
        }
        self.message = None;
    }

    /// Marks every text field holding a control character (docs/fichiers.md §1: TAB and line
    /// breaks only in the notes); true when one does.
    fn refuser_controles(&mut self) -> bool {
        let mut refus = false;
        for c in &mut self.champs {
            let genre = match c.valeur {
                Valeur::Texte(_) => GenreTexte::Ligne,
                Valeur::Notes(_) => GenreTexte::Notes,
                Valeur::Choix { .. } => continue,
            };
            if let Err(e) = verifier_texte(&c.brut(), genre) {
                c.erreur = Some(erreur_valeur(&e));
                refus = true;
            }
        }
        refus
    }
}

fn texte_opt(s: String) -> Option<String> {
    let s = s.trim().to_string();
    if s.is_empty() { None } else { Some(s) }
}

#[cfg(test)]
mod tests;
