//! Form state: fields (one-line text, pick list, notes area), focus, validation messages,
//! and the two forms of the desk: an event (quick entry) and a person (new or edit).
//! No store access here: forms build values; the application writes them in one transaction.

use crate::domain::{
    Blocage, Canal, Demarche, Departement, ErreurValeur, Evenement, GenreTexte, Personne, Resultat,
    TypeEvenement, parse_date, parse_date_opt, valider_reference, verifier_texte,
};
use crate::textes::erreur_valeur;
use crate::textes::moteur::date_fr;
use crate::textes::tui as t;
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

mod evenement;

/// A one-line field is the interface's one single-line editor.
pub use super::editeur::{Editeur as LigneSaisie, une_ligne};
pub use evenement::FormEvenement;

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

// ------------------------------------------------------------------ person form

/// New person (`base` is `None`) or edit of a stored person.
pub struct FormPersonne {
    pub base: Option<Personne>,
    pub form: Formulaire,
    /// A file cannot be opened after today.
    aujourdhui: NaiveDate,
}

/// Resolves a département typed as a code, a name or a préfecture's town (the domain's one
/// matcher: accents, case, hyphens and left-out small words ignored).
pub fn departement_saisi(s: &str) -> Result<Departement, String> {
    crate::domain::departements::designer(s, crate::prefectures::ville_prefecture)
        .map_err(|e| crate::textes::erreur_departement(&e))
}

fn pan_options() -> Vec<String> {
    vec![t::NON_RENSEIGNE.into(), t::OUI.into(), t::NON.into()]
}

impl FormPersonne {
    /// `reference`: the suggested reference for a new person.
    pub fn nouvelle(reference: &str, aujourdhui: NaiveDate) -> Self {
        let mut f = FormPersonne::avec(None, reference, aujourdhui);
        f.form.focus_sur(ChampId::Nom);
        f
    }

    pub fn modifier(p: Personne, aujourdhui: NaiveDate) -> Self {
        let r = p.reference.clone();
        FormPersonne::avec(Some(p), &r, aujourdhui)
    }

    fn avec(p: Option<Personne>, reference: &str, aujourdhui: NaiveDate) -> Self {
        let q = p.as_ref();
        let opt = |v: Option<&String>| v.cloned().unwrap_or_default();
        // Dates are shown as French volunteers write them (both forms are accepted).
        let date_opt = |d: Option<NaiveDate>| d.map(date_fr).unwrap_or_default();
        let mut champs = vec![
            Champ::texte(ChampId::Reference, t::CHAMP_REFERENCE, reference),
            Champ::texte(
                ChampId::Nom,
                t::CHAMP_NOM,
                &q.map(|p| p.nom.clone()).unwrap_or_default(),
            ),
            Champ::texte(
                ChampId::Prenom,
                t::CHAMP_PRENOM,
                &opt(q.and_then(|p| p.prenom.as_ref())),
            ),
            Champ::texte(
                ChampId::Telephone,
                t::CHAMP_TELEPHONE,
                &opt(q.and_then(|p| p.telephone.as_ref())),
            ),
            Champ::texte(
                ChampId::Departement,
                t::CHAMP_DEPARTEMENT,
                q.map_or("", |p| p.departement.code()),
            ),
            Champ::choix(
                ChampId::Demarche,
                t::CHAMP_DEMARCHE,
                Demarche::TOUS
                    .iter()
                    .map(|d| d.libelle().to_string())
                    .collect(),
                q.map(|p| p.demarche.rang()),
            ),
            Champ::choix(
                ChampId::Blocage,
                t::CHAMP_BLOCAGE,
                Blocage::TOUS
                    .iter()
                    .map(|b| t::blocage_court(*b).to_string())
                    .collect(),
                q.map(|p| p.blocage.rang()),
            ),
            Champ::texte(
                ChampId::OuvertLe,
                t::CHAMP_OUVERT_LE,
                &date_fr(q.map_or(aujourdhui, |p| p.ouvert_le)),
            ),
            Champ::texte(
                ChampId::Titre,
                t::CHAMP_TITRE,
                &date_opt(q.and_then(|p| p.titre_expire_le)),
            ),
            Champ::texte(
                ChampId::Api,
                t::CHAMP_API,
                &date_opt(q.and_then(|p| p.api_expire_le)),
            ),
            Champ::choix(
                ChampId::PanConnu,
                t::CHAMP_PAN_CONNU,
                pan_options(),
                Some(match q.and_then(|p| p.pan_connu) {
                    None => 0,
                    Some(true) => 1,
                    Some(false) => 2,
                }),
            ),
            Champ::texte(
                ChampId::Captures,
                t::CHAMP_CAPTURES,
                &q.and_then(|p| p.captures)
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ),
            Champ::notes(q.and_then(|p| p.notes.as_deref())),
        ];
        for c in &mut champs {
            if matches!(c.id, ChampId::OuvertLe | ChampId::Titre | ChampId::Api) {
                c.aide = Some(t::AIDE_DATE.into());
            }
        }
        let mut f = FormPersonne {
            base: p,
            form: Formulaire::nouveau(champs),
            aujourdhui,
        };
        f.actualiser_aides();
        f
    }

    /// Live hints: the département resolved from what is typed.
    pub fn actualiser_aides(&mut self) {
        let s = self.form.texte(ChampId::Departement);
        let aide = if s.trim().is_empty() {
            t::AIDE_DEPARTEMENT.to_string()
        } else {
            match departement_saisi(&s) {
                Ok(d) => format!("→ {} {}", d.code(), d.nom()),
                Err(_) => t::AIDE_DEPARTEMENT.to_string(),
            }
        };
        if let Some(c) = self.form.champ_mut(ChampId::Departement) {
            c.aide = Some(aide);
        }
    }

    /// Checks every field; returns the person to write, or marks the errors.
    pub fn construire(&mut self) -> Option<Personne> {
        let f = &mut self.form;
        f.effacer_erreurs();
        let reference = valider_reference(&f.texte(ChampId::Reference));
        let nom = f.texte(ChampId::Nom).trim().to_string();
        let dep = departement_saisi(&f.texte(ChampId::Departement));
        let demarche = f
            .choisi(ChampId::Demarche)
            .and_then(|i| Demarche::TOUS.get(i).copied());
        let blocage = f
            .choisi(ChampId::Blocage)
            .and_then(|i| Blocage::TOUS.get(i).copied());
        let ouvert = parse_date(&f.texte(ChampId::OuvertLe));
        let titre = parse_date_opt(&f.texte(ChampId::Titre));
        let api = parse_date_opt(&f.texte(ChampId::Api));
        let captures = crate::domain::parse_entier_opt(&f.texte(ChampId::Captures));
        if let Err(e) = &reference {
            f.erreur(ChampId::Reference, e);
        }
        if nom.is_empty() {
            f.erreur(ChampId::Nom, &ErreurValeur::Vide);
        }
        if let Err(e) = &dep {
            f.erreur_texte(ChampId::Departement, e);
        }
        if demarche.is_none() {
            f.erreur(ChampId::Demarche, &ErreurValeur::Vide);
        }
        if blocage.is_none() {
            f.erreur(ChampId::Blocage, &ErreurValeur::Vide);
        }
        match &ouvert {
            Err(e) => f.erreur(ChampId::OuvertLe, e),
            Ok(d) if *d > self.aujourdhui => f.erreur_texte(
                ChampId::OuvertLe,
                &t::ouverture_future(&date_fr(self.aujourdhui)),
            ),
            Ok(_) => {}
        }
        if let Err(e) = &titre {
            f.erreur(ChampId::Titre, e);
        }
        if let Err(e) = &api {
            f.erreur(ChampId::Api, e);
        }
        if let Err(e) = &captures {
            f.erreur(ChampId::Captures, e);
        }
        let (
            Ok(reference),
            Ok(departement),
            Some(demarche),
            Some(blocage),
            Ok(ouvert_le),
            Ok(titre_expire_le),
            Ok(api_expire_le),
            Ok(captures),
        ) = (
            reference, dep, demarche, blocage, ouvert, titre, api, captures,
        )
        else {
            f.focus_premiere_erreur();
            return None;
        };
        if nom.is_empty() || ouvert_le > self.aujourdhui || f.refuser_controles() {
            f.focus_premiere_erreur();
            return None;
        }
        let pan_connu = match f.choisi(ChampId::PanConnu) {
            Some(1) => Some(true),
            Some(2) => Some(false),
            _ => None,
        };
        Some(Personne {
            id: self.base.as_ref().and_then(|p| p.id),
            reference,
            nom,
            prenom: texte_opt(f.texte(ChampId::Prenom)),
            telephone: texte_opt(f.texte(ChampId::Telephone)),
            departement,
            demarche,
            blocage,
            ouvert_le,
            titre_expire_le,
            api_expire_le,
            pan_connu,
            notes: texte_opt(f.texte(ChampId::Notes)),
            captures,
            version: self.base.as_ref().map_or(1, |p| p.version),
        })
    }

    /// After a conflict: the same form on top of the version another desk stored. Fields
    /// this volunteer changed keep what they typed; the others take the stored values, so
    /// the other desk's changes are not undone by saving.
    pub fn rebaser(self, actuelle: Personne) -> FormPersonne {
        let mut nouveau = FormPersonne::modifier(actuelle, self.aujourdhui);
        let FormPersonne { form, .. } = self;
        let modifies: Vec<bool> = form
            .champs
            .iter()
            .zip(&form.initial)
            .map(|(c, i)| c.brut() != *i)
            .collect();
        for ((champ, modifie), cible) in form
            .champs
            .into_iter()
            .zip(modifies)
            .zip(nouveau.form.champs.iter_mut())
        {
            if modifie && champ.id == cible.id {
                cible.valeur = champ.valeur;
            }
        }
        nouveau.form.focus = form.focus.min(nouveau.form.champs.len().saturating_sub(1));
        nouveau.actualiser_aides();
        nouveau
    }

    /// For each field (in form order, with its label): whether this volunteer changed it,
    /// and whether the stored version `actuelle` differs from what the form started from
    /// (another desk changed it).
    pub fn origines(&self, actuelle: &Personne) -> Vec<(&'static str, bool, bool)> {
        let stockee = FormPersonne::modifier(actuelle.clone(), self.aujourdhui);
        self.form
            .champs
            .iter()
            .zip(&self.form.initial)
            .zip(&stockee.form.champs)
            .map(|((c, initial), s)| (c.libelle, c.brut() != *initial, s.brut() != *initial))
            .collect()
    }

    /// Marks a store error on the reference field (already used).
    pub fn reference_prise(&mut self, message: String) {
        self.form.erreur_texte(ChampId::Reference, &message);
        self.form.focus_sur(ChampId::Reference);
    }
}

/// Next free `AAAA-NNNN` reference for the year of `aujourdhui`.
pub fn reference_suivante<'a>(
    existantes: impl Iterator<Item = &'a str>,
    aujourdhui: NaiveDate,
) -> String {
    use chrono::Datelike;
    let prefixe = format!("{:04}-", aujourdhui.year());
    let max = existantes
        .filter_map(|r| r.strip_prefix(&prefixe))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefixe}{:04}", max + 1)
}

#[cfg(test)]
mod tests;
