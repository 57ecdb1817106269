//! Statistics screen (issue 7): a period, the main indicators as bars, export.
//!
//! INTERIM: constructor and `Panneau` implementation are the contract; content comes with issue 7.

use super::{Issue, Panneau, Raccourci};
use crate::store::Store;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

pub struct EcranStats {
    _aujourdhui: NaiveDate,
}

impl EcranStats {
    pub fn nouveau(aujourdhui: NaiveDate) -> Self {
        EcranStats {
            _aujourdhui: aujourdhui,
        }
    }
}

impl Panneau for EcranStats {
    fn dessiner(&mut self, _f: &mut Frame, _zone: Rect) {}

    fn touche(&mut self, k: KeyEvent, _store: &mut Store) -> Issue {
        match k.code {
            KeyCode::Esc => Issue::Fermer,
            _ => Issue::Ignoree,
        }
    }

    fn raccourcis(&self) -> Vec<Raccourci> {
        Vec::new()
    }
}
