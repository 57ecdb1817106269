//! The full-screen interface (issue 4). Screens are panels that own their state, draw
//! themselves (placing the terminal cursor on the selected row or field) and turn keys into
//! outcomes; the application loop routes keys and effects.

pub mod prefecture;
pub mod stats;

use crate::store::Store;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// What a panel asks of the application after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// Nothing to do (the panel updated itself).
    Rien,
    /// The key was not the panel's: the application may handle it (global keys).
    Ignoree,
    /// Close the panel and go back.
    Fermer,
    /// Show a message in the status line.
    Message(String),
}

/// One key binding, as shown in the footer and in the `?` help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raccourci {
    pub touche: &'static str,
    pub action: &'static str,
}

/// A self-contained screen or overlay.
pub trait Panneau {
    /// Draws into `zone`; sets the terminal cursor on the selected row or field.
    fn dessiner(&mut self, f: &mut Frame, zone: Rect);
    /// Handles one key; may read or write the store (short transactions only).
    fn touche(&mut self, k: KeyEvent, store: &mut Store) -> Issue;
    /// The keys that work here, for the footer and the help.
    fn raccourcis(&self) -> Vec<Raccourci>;
    /// Another process changed the database: reload what is shown (keep the selection).
    fn recharger(&mut self, _store: &Store) {}
    /// Something typed would be lost on quitting (the application then asks first).
    fn saisie_en_cours(&self) -> bool {
        false
    }
    /// Whether a key this panel did not use may reach the application's keymap. A panel with
    /// a text field keeps the printable characters (they are text, not global keys). The
    /// key routing and the footer both follow this, so the footer never shows a key that
    /// would be typed instead.
    fn laisse_passer(&self, _k: &KeyEvent) -> bool {
        true
    }
    /// Whether a text field of the panel is being typed in (pasted text then goes there,
    /// one character at a time; otherwise a paste is ignored).
    fn prend_le_texte(&self) -> bool {
        false
    }
}

pub mod app;
pub mod clavier;
pub mod editeur;
pub mod formulaire;
pub mod vue;

use chrono::NaiveDate;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use std::time::{Duration, Instant};

/// How often the database is checked for changes made by other desks.
const INTERVALLE_VERIFICATION: Duration = Duration::from_secs(1);

/// Restores the terminal however the loop ends (return, error, or unwinding panic).
struct Garde;

impl Drop for Garde {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Whether colours may be used: the NO_COLOR convention (any non-empty value disables them).
pub fn couleurs_permises() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Opens the full-screen interface on an open store, until the volunteer quits.
/// The terminal is always restored (panic hook installed by ratatui, and a drop guard).
pub fn lancer(mut store: Store, aujourdhui: NaiveDate) -> Result<(), String> {
    let (regles, avertissements) = crate::regles::charger();
    let benevole = store.benevole().to_string();
    let mut app = app::App::nouveau(aujourdhui, regles, &benevole, couleurs_permises());
    app.recharger(&store);
    if !avertissements.is_empty() {
        // One warning per line in the status area (shown until the first key).
        app.message = Some(avertissements.join("\n"));
    }
    let _garde = Garde;
    let mut terminal = ratatui::try_init().map_err(|e| e.to_string())?;
    // Pasted text arrives as one event: a line break in it is never taken for Enter (which
    // would save a form). Terminals without bracketed paste still send keys, as before.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let mut derniere = Instant::now();
    loop {
        let taille = terminal.size().map_err(|e| e.to_string())?;
        vue::cadrer(&mut app, taille.width, taille.height);
        terminal
            .draw(|f| vue::dessiner(&mut app, f))
            .map_err(|e| e.to_string())?;
        if app.quitter {
            break;
        }
        if event::poll(Duration::from_millis(200)).map_err(|e| e.to_string())? {
            match event::read().map_err(|e| e.to_string())? {
                Event::Key(k) => app.touche(k, &mut store),
                Event::Paste(texte) => app.coller(&texte, &mut store),
                _ => {}
            }
        }
        if derniere.elapsed() >= INTERVALLE_VERIFICATION {
            app.verifier_changements(&store);
            derniere = Instant::now();
        }
    }
    Ok(())
}
