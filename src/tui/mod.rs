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
}
