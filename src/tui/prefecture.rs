//! Préfecture lookup panel: type a number or a name, the card shows at once; several
//! matches are listed (arrows to choose); the card scrolls; F2 (or Ctrl+E) opens a small form
//! to add a local correction, saved through the store.
//!
//! The application opens it with `EcranPrefecture::nouveau(Some(dep), today)` from a person's
//! file (or `None` from anywhere); the shipped card shows at once, and the card with the local
//! corrections comes back from the effect executor (`EffetPanneau::ChargerFiche`), on
//! opening, on a new choice, and when another desk changed the database. The update never
//! touches the store: the correction form's write is an effect too.

use super::clavier::{Action, Contexte};
use super::editeur::Edition;
use super::effets::{EffetPanneau, ResultatPanneau};
use super::{Panneau, Raccourci, Reponse};
use correction::Formulaire;

mod correction;
use crate::domain::Departement;
use crate::prefectures::{Fiche, chercher};
use crate::textes::prefecture as t;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::cell::Cell;

/// Most rows the match list takes above the card.
const LISTE_MAX: usize = 6;

/// Every field of the panel is the one single-line editor (same keys, Ctrl-U, a cursor).
type Saisie = crate::tui::editeur::Editeur;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Requete,
    Liste,
}

pub struct EcranPrefecture {
    requete: Saisie,
    resultats: Vec<Departement>,
    selection: usize,
    focus: Focus,
    fiche: Option<Fiche>,
    defilement: usize,
    /// Lines of the card at the last drawing, and the card's height (for PageUp/PageDown):
    /// what the renderer measured, read back by the scrolling.
    lignes_dessinees: Cell<usize>,
    hauteur_fiche: Cell<usize>,
    formulaire: Option<Formulaire>,
    aujourdhui: NaiveDate,
}

impl EcranPrefecture {
    /// Opens the lookup, on a département's card when one is given (from a person's file);
    /// `aujourdhui` is the verification date the correction form proposes.
    pub fn nouveau(departement: Option<Departement>, aujourdhui: NaiveDate) -> Self {
        let mut e = EcranPrefecture {
            requete: Saisie::avec(departement.map_or("", |d| d.code())),
            resultats: Vec::new(),
            selection: 0,
            focus: Focus::Requete,
            fiche: None,
            defilement: 0,
            lignes_dessinees: Cell::new(0),
            hauteur_fiche: Cell::new(10),
            formulaire: None,
            aujourdhui,
        };
        let _ = e.rechercher();
        e
    }

    /// The département whose card is shown.
    pub fn departement(&self) -> Option<Departement> {
        self.fiche.as_ref().map(|f| f.departement)
    }

    /// A new query: its matches, and the first one's card.
    fn rechercher(&mut self) -> Reponse {
        self.resultats = chercher(&self.requete.texte);
        self.selection = 0;
        self.charger()
    }

    /// Shows the selected département's shipped card at once and asks for the one with the
    /// local corrections.
    fn charger(&mut self) -> Reponse {
        let Some(d) = self.resultats.get(self.selection).copied() else {
            self.fiche = None;
            self.defilement = 0;
            return Reponse::Rien;
        };
        if self.departement() != Some(d) {
            self.defilement = 0;
            self.fiche = Fiche::livree(d).ok();
        }
        Reponse::Effet(EffetPanneau::ChargerFiche(d))
    }

    fn defiler(&mut self, pas: isize) {
        let max = self
            .lignes_dessinees
            .get()
            .saturating_sub(self.hauteur_fiche.get());
        self.defilement = (self.defilement as isize + pas).clamp(0, max as isize) as usize;
    }

    /// ↑ ↓ Entrée: in the match list, or from the search (to the list, or scrolling the card).
    fn naviguer(&mut self, a: Action) -> Reponse {
        let plusieurs = self.resultats.len() > 1;
        match (self.focus, a) {
            (Focus::Liste, Action::Haut) if self.selection == 0 => self.focus = Focus::Requete,
            (Focus::Liste, Action::Haut) => {
                self.selection -= 1;
                return self.charger();
            }
            (Focus::Liste, Action::Bas) => {
                self.selection = (self.selection + 1).min(self.resultats.len().saturating_sub(1));
                return self.charger();
            }
            (Focus::Liste, _) => {
                if let Some(d) = self.resultats.get(self.selection).copied() {
                    self.requete = Saisie::avec(d.code());
                    self.focus = Focus::Requete;
                    return self.rechercher();
                }
            }
            (Focus::Requete, Action::Bas | Action::Ouvrir) if plusieurs => {
                self.focus = Focus::Liste
            }
            (Focus::Requete, Action::Bas) => self.defiler(1),
            (Focus::Requete, Action::Haut) => self.defiler(-1),
            (Focus::Requete, _) => return self.charger(),
        }
        Reponse::Rien
    }

    fn page(&self) -> isize {
        self.hauteur_fiche.get().saturating_sub(1).max(1) as isize
    }
}

/// Cuts a card line to `largeur` columns (display width), words kept whole when possible;
/// continuation lines keep the indentation.
fn couper(texte: &str, retrait: usize, largeur: usize) -> Vec<String> {
    let marge = " ".repeat(retrait);
    let h = crate::mise_en_page::Habillage {
        largeur: largeur.max(retrait + 8),
        premier: &marge,
        suite: &marge,
        trop_long: crate::mise_en_page::TropLong::Continuer,
    };
    crate::mise_en_page::envelopper(texte, &h)
}

fn style(g: t::GenreLigne) -> Style {
    match g {
        t::GenreLigne::Titre => Style::default().add_modifier(Modifier::BOLD),
        t::GenreLigne::Section => Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        t::GenreLigne::Alerte => Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        t::GenreLigne::Source => Style::default().fg(Color::DarkGray),
        t::GenreLigne::Copie => Style::default().fg(Color::Green),
        t::GenreLigne::Texte | t::GenreLigne::Vide => Style::default(),
    }
}

/// Every key of the panel (search, card, correction form), from the keymap: for the help.
pub fn raccourcis_accueil() -> Vec<Raccourci> {
    use crate::tui::clavier::Contexte as X;
    crate::tui::clavier::raccourcis_panneau(
        &[X::Prefecture, X::Correction, X::CorrectionChoix],
        true,
    )
}

impl Panneau for EcranPrefecture {
    fn dessiner(&self, f: &mut Frame, zone: Rect) {
        if zone.height < 3 || zone.width < 20 {
            return;
        }
        // Query line.
        let invite = t::INVITE_REQUETE;
        let lx = crate::mise_en_page::largeur(invite);
        let (visible, col) = self
            .requete
            .visible((zone.width as usize).saturating_sub(lx + 1));
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(invite, Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(visible),
            ])),
            Rect { height: 1, ..zone },
        );
        let mut y = zone.y + 1;
        // Status line: what the query gives.
        let statut = if self.requete.texte.trim().is_empty() {
            t::AIDE_VIDE.to_string()
        } else if self.resultats.is_empty() {
            t::aucun_resultat(self.requete.texte.trim())
        } else if self.resultats.len() > 1 {
            format!(
                "{} {} ({}) : ↑/↓ puis Entrée",
                self.resultats.len(),
                t::RESULTATS.to_lowercase(),
                self.requete.texte.trim()
            )
        } else {
            String::new()
        };
        f.render_widget(
            Paragraph::new(Span::styled(statut, Style::default().fg(Color::DarkGray))),
            Rect {
                y,
                height: 1,
                ..zone
            },
        );
        y += 1;
        // Match list.
        let mut curseur_liste = None;
        if self.resultats.len() > 1 {
            let h = self.resultats.len().min(LISTE_MAX);
            let debut = (self.selection + 1).saturating_sub(h);
            let mut lignes = Vec::new();
            for (i, d) in self.resultats.iter().enumerate().skip(debut).take(h) {
                let choisi = i == self.selection;
                let texte = format!(
                    "{} {:<4}{}",
                    if choisi { ">" } else { " " },
                    d.code(),
                    d.nom()
                );
                let st = if choisi && self.focus == Focus::Liste {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else if choisi {
                    Style::default().add_modifier(Modifier::BOLD)
                } else {
                    Style::default()
                };
                if choisi {
                    curseur_liste = Some(y + (i - debut) as u16);
                }
                lignes.push(Line::from(Span::styled(texte, st)));
            }
            let hl = (h as u16).min(zone.y + zone.height - y);
            f.render_widget(
                Paragraph::new(lignes),
                Rect {
                    y,
                    height: hl,
                    ..zone
                },
            );
            y += hl;
        }
        // Card.
        let reste = zone.y + zone.height - y;
        let carte = Rect {
            y,
            height: reste,
            ..zone
        };
        self.hauteur_fiche.set(reste as usize);
        let mut lignes: Vec<Line> = Vec::new();
        if let Some(fiche) = &self.fiche {
            for l in t::lignes_fiche(fiche) {
                for morceau in couper(&l.texte, 2 * l.retrait, zone.width as usize) {
                    lignes.push(Line::from(Span::styled(morceau, style(l.genre))));
                }
            }
        }
        self.lignes_dessinees.set(lignes.len());
        let defilement = self
            .defilement
            .min(lignes.len().saturating_sub(reste as usize));
        let visibles: Vec<Line> = lignes
            .into_iter()
            .skip(defilement)
            .take(reste as usize)
            .collect();
        f.render_widget(Paragraph::new(visibles), carte);

        if let Some(form) = &self.formulaire {
            form.dessiner(f, zone);
        } else {
            match (self.focus, curseur_liste) {
                (Focus::Liste, Some(ly)) => f.set_cursor_position(Position { x: zone.x, y: ly }),
                _ => f.set_cursor_position(Position {
                    x: zone.x + (lx + col) as u16,
                    y: zone.y,
                }),
            }
        }
    }

    fn contextes(&self) -> Vec<Contexte> {
        use Contexte as X;
        match &self.formulaire {
            // Every key is the form's (but Ctrl-C).
            Some(f) if f.sur_un_choix() => vec![X::Correction, X::CorrectionChoix],
            Some(_) => vec![X::Correction],
            // Letters and digits are the search: only the global keys that are not letters
            // (? and / are never in a département's name or number, see the keymap).
            None => vec![X::Prefecture, X::PendantSaisie, X::Toujours],
        }
    }

    fn action(&mut self, a: Action) -> Reponse {
        if let Some(f) = self.formulaire.as_mut() {
            return match f.action(a, self.aujourdhui) {
                correction::Suite::Rester(reponse) => reponse,
                correction::Suite::Fermer => {
                    self.formulaire = None;
                    Reponse::Rien
                }
            };
        }
        match a {
            Action::Retour => Reponse::Fermer,
            Action::Corriger => match self.departement() {
                Some(d) => {
                    self.formulaire = Some(Formulaire::nouveau(d, self.aujourdhui));
                    Reponse::Rien
                }
                None => Reponse::Message(t::PAS_DE_FICHE.to_string()),
            },
            Action::PageBas | Action::PageHaut => {
                let p = self.page();
                self.defiler(if a == Action::PageBas { p } else { -p });
                Reponse::Rien
            }
            Action::Haut | Action::Bas | Action::Ouvrir => self.naviguer(a),
            // ? and /: the application's.
            _ => Reponse::Ignoree,
        }
    }

    fn taper(&mut self, k: &KeyEvent) -> Reponse {
        if let Some(f) = self.formulaire.as_mut() {
            f.taper(k);
            return Reponse::Rien;
        }
        self.focus = Focus::Requete;
        match self.requete.editer(k) {
            Edition::Ignoree => Reponse::Ignoree,
            Edition::Curseur => Reponse::Rien,
            Edition::Texte => self.rechercher(),
        }
    }

    fn recevoir(&mut self, r: ResultatPanneau) -> Reponse {
        match r {
            // Only the card still selected (a newer choice may have been made meanwhile).
            ResultatPanneau::Fiche(d, fiche) => {
                if self.resultats.get(self.selection) == Some(&d) {
                    self.fiche = fiche;
                }
                Reponse::Rien
            }
            ResultatPanneau::Correction(Ok((c, fiche))) => {
                self.formulaire = None;
                if fiche.is_some() {
                    self.fiche = fiche;
                }
                Reponse::Message(t::correction_enregistree(&c))
            }
            ResultatPanneau::Correction(Err(e)) => {
                if let Some(f) = self.formulaire.as_mut() {
                    f.erreur = Some(e);
                }
                Reponse::Rien
            }
            ResultatPanneau::Stats(_)
            | ResultatPanneau::Export { .. }
            | ResultatPanneau::Tendance(_)
            | ResultatPanneau::Tableur(_) => Reponse::Rien,
        }
    }

    fn recharger(&mut self) -> Option<EffetPanneau> {
        self.resultats
            .get(self.selection)
            .map(|d| EffetPanneau::ChargerFiche(*d))
    }

    fn prend_le_texte(&self) -> bool {
        true
    }

    /// A correction being written would be lost by quitting: Ctrl-C asks first.
    fn saisie_en_cours(&self) -> bool {
        self.formulaire.is_some()
    }
}

#[cfg(test)]
mod tests;
