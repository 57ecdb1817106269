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
pub mod import;
mod liste;
mod mise;
mod recherche;

pub use fiche::echelle;

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
    Perte,
};
use super::clavier;
use super::formulaire::{Champ, Formulaire, Valeur};
use crate::domain::moteur::{Etape, NiveauUrgence};
use crate::domain::{Evenement, Personne, Resultat, oui_non};
use crate::mise_en_page::{largeur, tronquer};
use crate::textes::moteur as tm;
use crate::textes::tui as t;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState};

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
        Some(Ecran::Conflit(c)) if c.perte.is_some() => t::ECRAN_DOSSIER_PERDU.to_string(),
        Some(Ecran::Conflit(_)) => t::ECRAN_CONFLIT.to_string(),
        Some(Ecran::Recherche(_)) => t::ECRAN_RECHERCHE.to_string(),
        Some(Ecran::Apercu(a)) => t::ecran_apercu(a.document == clavier::Document::Lettre),
        Some(Ecran::Aide { .. }) => t::ECRAN_AIDE.to_string(),
        Some(Ecran::Panneau { titre, .. }) => titre.to_string(),
    }
}

/// Where the parts of the screen go for a terminal of `zone`.
pub(super) struct Zones {
    pub entete: Vec<String>,
    pub statut_lignes: Vec<Line<'static>>,
    pub haut: Rect,
    pub corps: Rect,
    pub statut: Rect,
    pub pied: Rect,
}

pub(super) fn zones(app: &App, zone: Rect) -> Zones {
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
    Zones {
        entete,
        statut_lignes,
        haut,
        corps,
        statut,
        pied,
    }
}

/// The help opened over a panel also lists the panel's own keys.
fn raccourcis_dessous(app: &App) -> Vec<crate::tui::Raccourci> {
    match app.pile.iter().rev().nth(1) {
        Some(Ecran::Panneau { panneau, .. }) => panneau.raccourcis(),
        _ => Vec::new(),
    }
}

fn trop_petite(zone: Rect) -> bool {
    zone.width < LARGEUR_MIN || zone.height < HAUTEUR_MIN
}

/// How far a text of `lignes` lines may scroll in `hauteur` rows (to its last screenful).
fn defilement_max(lignes: usize, hauteur: u16) -> u16 {
    lignes
        .saturating_sub(hauteur as usize)
        .min(u16::MAX as usize) as u16
}

/// Fits the scroll positions to a terminal of `largeur` × `hauteur`, after an update or a
/// resize and before drawing: the list's first row follows the selection, the file, the
/// help and a preview scroll no further than their last screenful. The only layout step
/// that writes state; `dessiner` then only reads it.
pub fn cadrer(app: &mut App, largeur: u16, hauteur: u16) {
    let zone = Rect::new(0, 0, largeur, hauteur);
    if trop_petite(zone) {
        return;
    }
    let corps = zones(app, zone).corps;
    let panneau_dessous = raccourcis_dessous(app);
    let chemin = app.chemin_base.clone();
    match app.pile.last_mut() {
        None => {
            let (debut, fin) = fenetre_liste(&app.liste, corps.width, corps.height);
            app.liste.decalage = debut;
            app.liste.visibles = (debut, fin);
        }
        Some(Ecran::Fiche(e)) => {
            let n = lignes_fiche(&e.donnees, false, corps.width).len();
            e.defilement = e.defilement.min(defilement_max(n, corps.height));
        }
        Some(Ecran::Aide { defilement }) => {
            let n = lignes_aide(&panneau_dessous, corps.width, chemin.as_deref()).len();
            *defilement = (*defilement).min(defilement_max(n, corps.height));
        }
        Some(Ecran::Apercu(a)) => {
            let texte = hauteur_texte_apercu(a, corps);
            let n = a.texte.lines().count();
            a.defilement = a.defilement.min(defilement_max(n, texte));
        }
        _ => {}
    }
}

/// Draws the whole screen: reads the state, writes nothing but the frame.
pub fn dessiner(app: &App, f: &mut Frame) {
    let zone = f.area();
    // The key gate (`App::trop_petit`) is state, set on resize; this only chooses what to draw.
    if trop_petite(zone) {
        trop_petit(f, zone);
        return;
    }
    let Zones {
        entete,
        statut_lignes,
        haut,
        corps,
        statut,
        pied,
    } = zones(app, zone);
    f.render_widget(
        Paragraph::new(entete.into_iter().map(Line::raw).collect::<Vec<_>>()).style(inverse()),
        haut,
    );
    let message_vide = app.message.is_none();
    if !statut_lignes.is_empty() {
        f.render_widget(Paragraph::new(statut_lignes), statut);
    }
    pied_de_page(f, app, pied);
    // A scrolled text and, unless a message is shown, how many lines follow below it.
    let defile = |f: &mut Frame, lignes: Vec<Line<'static>>, defilement: u16| {
        let max = defilement_max(lignes.len(), corps.height);
        let d = defilement.min(max);
        f.render_widget(Paragraph::new(lignes).scroll((d, 0)), corps);
        if max > d && message_vide {
            f.render_widget(Paragraph::new(t::suite((max - d) as usize)), statut);
        }
        f.set_cursor_position(Position::new(corps.x, corps.y));
    };
    match app.pile.last() {
        None => {
            // Where the rows shown sit in a list longer than the screen.
            let (debut, fin) = liste(f, corps, &app.liste, app.couleurs, app.chargement.is_some());
            let total = app.liste.nombre();
            if message_vide && (debut > 0 || fin < total) {
                f.render_widget(
                    Paragraph::new(t::position_liste(debut + 1, fin, total)),
                    statut,
                );
            }
        }
        Some(Ecran::Fiche(e)) => defile(
            f,
            lignes_fiche(&e.donnees, app.couleurs, corps.width),
            e.defilement,
        ),
        Some(Ecran::Saisie(s)) => formulaire(f, corps, &t::pour(&s.personne), &s.form),
        Some(Ecran::Personne(p)) => formulaire(f, corps, "", &p.form),
        Some(Ecran::Conflit(c)) => conflit(f, corps, c),
        Some(Ecran::Recherche(r)) => recherche(f, corps, r),
        Some(Ecran::Apercu(a)) => apercu(f, corps, statut, message_vide, a),
        Some(Ecran::Aide { defilement }) => defile(
            f,
            lignes_aide(
                &raccourcis_dessous(app),
                corps.width,
                app.chemin_base.as_deref(),
            ),
            *defilement,
        ),
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
