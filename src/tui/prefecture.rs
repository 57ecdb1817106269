//! Préfecture lookup screen (issue 6): type a number or a name, the card shows at once.
//!
//! INTERIM: constructor and `Panneau` implementation are the contract; content comes with issue 6.

use super::{Issue, Panneau, Raccourci};
use crate::domain::Departement;
use crate::store::Store;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

pub struct EcranPrefecture {
    departement: Option<Departement>,
}

impl EcranPrefecture {
    /// Opens the lookup, on a département's card when one is given (from a person's file).
    pub fn nouveau(departement: Option<Departement>) -> Self {
        EcranPrefecture { departement }
    }
}

impl Panneau for EcranPrefecture {
    fn dessiner(&mut self, f: &mut Frame, zone: Rect) {
        let texte = match self.departement {
            Some(d) => format!("{} {}", d.code(), d.nom()),
            None => String::new(),
        };
        f.render_widget(Paragraph::new(texte), zone);
    }

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
