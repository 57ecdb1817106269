//! Rendering: a pure function of the application state. Every screen places the real
//! terminal cursor on the selected row or field (screen readers and braille displays follow it).
//!
//! One file per screen; `cadre` draws what surrounds them (header, status, footer, dialogs).

mod aide;
mod apercu;
mod cadre;
mod conflit;
mod fiche;
mod formulaire;
mod liste;
mod mise;
mod recherche;

pub use fiche::echelle;
pub use mise::{envelopper, fenetre, largeur_affichee, tronquer};

use aide::*;
use apercu::*;
use cadre::*;
use conflit::*;
use fiche::*;
use formulaire::*;
use liste::*;
use mise::*;
use recherche::*;

use super::app::{
    App, Confirmation, DonneesFiche, Ecran, EtatApercu, EtatConflit, EtatListe, EtatRecherche,
};
use super::clavier;
use super::formulaire::{Champ, Formulaire, Valeur};
use crate::domain::moteur::{Etape, NiveauUrgence};
use crate::domain::{Evenement, Personne, Resultat, oui_non};
use crate::textes::moteur as tm;
use crate::textes::tui as t;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState, Wrap};

pub const LARGEUR_MIN: u16 = 80;
pub const HAUTEUR_MIN: u16 = 24;
/// From this width the list shows one line per person.
pub(super) const LARGE: u16 = 120;

pub(super) fn gras() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
pub(super) fn inverse() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// Style of an urgency level: colour when allowed, and always bold for lapsed/threatened rights.
pub fn style_urgence(n: NiveauUrgence, couleurs: bool) -> Style {
    let base = match n {
        NiveauUrgence::DroitsRompus | NiveauUrgence::DroitsMenaces => gras(),
        _ => Style::default(),
    };
    if !couleurs {
        return base;
    }
    base.fg(match n {
        NiveauUrgence::DroitsRompus => Color::Red,
        NiveauUrgence::DroitsMenaces => Color::LightRed,
        NiveauUrgence::SuiviEnRetard => Color::Yellow,
        NiveauUrgence::DuJour => Color::Cyan,
        NiveauUrgence::AVenir => Color::Reset,
        NiveauUrgence::Aucune => Color::DarkGray,
    })
}

pub(super) fn titre_ecran(app: &App) -> String {
    match app.ecran() {
        None if app.liste.tous => t::ECRAN_TOUS.to_string(),
        None => t::ECRAN_AUJOURDHUI.to_string(),
        Some(Ecran::Fiche(_)) => t::ECRAN_FICHE.to_string(),
        Some(Ecran::Saisie(s)) => t::ecran_saisie(s.type_evenement),
        Some(Ecran::Personne(p)) if p.base.is_some() => t::ECRAN_MODIFIER.to_string(),
        Some(Ecran::Personne(_)) => t::ECRAN_NOUVELLE.to_string(),
        Some(Ecran::Conflit(_)) => t::ECRAN_CONFLIT.to_string(),
        Some(Ecran::Recherche(_)) => t::ECRAN_RECHERCHE.to_string(),
        Some(Ecran::Apercu(a)) => t::ecran_apercu(a.document == clavier::Document::Lettre),
        Some(Ecran::Aide { .. }) => t::ECRAN_AIDE.to_string(),
        Some(Ecran::Panneau { titre, .. }) => titre.to_string(),
    }
}

/// Draws the whole screen.
pub fn dessiner(app: &mut App, f: &mut Frame) {
    let zone = f.area();
    // The key gate (`App::trop_petit`) is state, set on resize; this only chooses what to draw.
    if zone.width < LARGEUR_MIN || zone.height < HAUTEUR_MIN {
        trop_petit(f, zone);
        return;
    }
    let entete = lignes_entete(app, zone.width);
    // The status line grows (up to MAX_STATUT lines) for a long message, e.g. the warnings
    // about a refused rules file at start-up: one per line, wrapped, never cut silently.
    let statut_lignes: Vec<Line<'static>> = match &app.message {
        Some(m) => lignes_statut(m, zone.width as usize),
        None => Vec::new(),
    };
    let [haut, corps, statut, pied] = Layout::vertical([
        Constraint::Length(entete.len() as u16),
        Constraint::Fill(1),
        Constraint::Length((statut_lignes.len() as u16).max(1)),
        Constraint::Length(2),
    ])
    .areas(zone);

    // header
    f.render_widget(
        Paragraph::new(entete.into_iter().map(Line::raw).collect::<Vec<_>>()).style(inverse()),
        haut,
    );

    // status line
    let message_vide = app.message.is_none();
    if !statut_lignes.is_empty() {
        f.render_widget(Paragraph::new(statut_lignes), statut);
    }

    pied_de_page(f, app, pied);

    // The help opened over a panel also lists the panel's own keys.
    let panneau_dessous: Vec<crate::tui::Raccourci> = match app.pile.iter().rev().nth(1) {
        Some(Ecran::Panneau { panneau, .. }) => panneau.raccourcis(),
        _ => Vec::new(),
    };
    let couleurs = app.couleurs;
    let aujourdhui = app.aujourdhui;
    match app.pile.last_mut() {
        None => {
            liste(f, corps, &mut app.liste, couleurs);
            // Where the rows shown sit in a list longer than the screen.
            let (debut, fin) = app.liste.visibles;
            let total = app.liste.lignes.len();
            if message_vide && (debut > 0 || fin < total) {
                f.render_widget(
                    Paragraph::new(t::position_liste(debut + 1, fin, total)),
                    statut,
                );
            }
        }
        Some(Ecran::Fiche(e)) => {
            let lignes = lignes_fiche(&e.donnees, couleurs, corps.width);
            // Scroll no further than the last screenful.
            let max = lignes.len().saturating_sub(corps.height as usize) as u16;
            e.defilement = e.defilement.min(max);
            let reste = max - e.defilement;
            f.render_widget(Paragraph::new(lignes).scroll((e.defilement, 0)), corps);
            // Tell that the file goes on below (unless a message is shown).
            if reste > 0 && message_vide {
                f.render_widget(Paragraph::new(t::suite(reste as usize)), statut);
            }
            f.set_cursor_position(Position::new(corps.x, corps.y));
        }
        Some(Ecran::Saisie(s)) => {
            let sous_titre = t::pour(&s.personne);
            formulaire(f, corps, &sous_titre, &mut s.form);
        }
        Some(Ecran::Personne(p)) => formulaire(f, corps, "", &mut p.form),
        Some(Ecran::Conflit(c)) => conflit(f, corps, c),
        Some(Ecran::Recherche(r)) => recherche(f, corps, r),
        Some(Ecran::Apercu(a)) => apercu(f, corps, statut, message_vide, a),
        Some(Ecran::Aide { defilement }) => {
            let lignes = lignes_aide(&panneau_dessous, corps.width, aujourdhui);
            let max = lignes.len().saturating_sub(corps.height as usize) as u16;
            *defilement = (*defilement).min(max);
            let reste = max - *defilement;
            f.render_widget(Paragraph::new(lignes).scroll((*defilement, 0)), corps);
            if reste > 0 && message_vide {
                f.render_widget(Paragraph::new(t::suite(reste as usize)), statut);
            }
            f.set_cursor_position(Position::new(corps.x, corps.y));
        }
        Some(Ecran::Panneau { panneau, .. }) => panneau.dessiner(f, corps),
    }

    if let Some(c) = app.confirmation {
        confirmation(f, app, c, zone);
    }
    if !app.couleurs {
        sans_couleurs(f);
    }
}

/// NO_COLOR: no colour at all on screen, whatever a panel asked for; bold, reverse and
/// underline stay (they, the symbols and the words tell urgency).
pub(super) fn sans_couleurs(f: &mut Frame) {
    for cellule in f.buffer_mut().content.iter_mut() {
        cellule.set_fg(Color::Reset);
        cellule.set_bg(Color::Reset);
    }
}
