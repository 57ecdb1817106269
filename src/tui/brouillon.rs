//! Drafts of the forms being typed: the pure part. A moment after a change the update asks
//! the executor to keep the form in the encrypted base (`Effet::SauverBrouillon`); a hang-up
//! keeps it at once (`fin_imprevue`); the next start offers to resume it.
//!
//! A draft is the form's raw values (`Champ::brut`), one per line after a header line (the
//! event type's code, empty for a person), backslash and line breaks escaped.

use super::app::{App, Ecran};
use super::effets::Effet;
use chrono::{NaiveDateTime, TimeDelta};

/// The kind of a person form's draft.
pub const PERSONNE: &str = "personne";
/// The kind of an event form's draft.
pub const EVENEMENT: &str = "evenement";

/// The kind as one of the constants (an unknown one is taken for an event's).
pub fn genre(s: &str) -> &'static str {
    if s == PERSONNE { PERSONNE } else { EVENEMENT }
}

/// How long after a change the draft is kept.
pub const DELAI: TimeDelta = TimeDelta::seconds(1);

/// What was last kept, and since when the form differs from it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Suivi {
    pub garde: Option<String>,
    pub depuis: Option<NaiveDateTime>,
}

/// Lines escaped (`\\`, `\n`, `\r`), joined by line breaks.
pub fn encoder(lignes: &[String]) -> String {
    lignes
        .iter()
        .map(|l| {
            l.replace('\\', "\\\\")
                .replace('\n', "\\n")
                .replace('\r', "\\r")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines of `encoder`, back.
pub fn decoder(s: &str) -> Vec<String> {
    s.split('\n')
        .map(|l| {
            let mut v = String::new();
            let mut it = l.chars();
            while let Some(c) = it.next() {
                match (c, c == '\\') {
                    (_, true) => match it.next() {
                        Some('n') => v.push('\n'),
                        Some('r') => v.push('\r'),
                        Some(o) => v.push(o),
                        None => v.push('\\'),
                    },
                    (c, false) => v.push(c),
                }
            }
            v
        })
        .collect()
}

/// A form's draft: its kind, its person (0: a new one) and its content.
pub fn de_l_ecran(e: &Ecran) -> Option<(&'static str, i64, String)> {
    let (genre, id, entete, form) = match e {
        Ecran::Saisie(f) => (
            EVENEMENT,
            f.personne.id.unwrap_or(0),
            f.type_evenement.code(),
            &f.form,
        ),
        Ecran::Personne(f) => (
            PERSONNE,
            f.base.as_ref().and_then(|p| p.id).unwrap_or(0),
            "",
            &f.form,
        ),
        _ => return None,
    };
    if !form.modifie() {
        return None;
    }
    let mut lignes = vec![entete.to_string()];
    lignes.extend(form.valeurs());
    Some((genre, id, encoder(&lignes)))
}

impl App {
    /// The form highest on the stack, as a draft (`None`: no form, or nothing typed).
    fn brouillon_courant(&self) -> Option<(&'static str, i64, String)> {
        self.pile.iter().rev().find_map(de_l_ecran)
    }

    /// Each wake of the loop (pure; `maintenant` is state): the draft effect once the form
    /// has differed from what was kept for `DELAI`.
    pub fn battement(&mut self, maintenant: NaiveDateTime) -> Vec<Effet> {
        self.maintenant = maintenant;
        let Some((genre, personne_id, contenu)) = self.brouillon_courant() else {
            self.suivi_brouillon.depuis = None;
            return Vec::new();
        };
        if self.suivi_brouillon.garde.as_deref() == Some(contenu.as_str()) {
            self.suivi_brouillon.depuis = None;
            return Vec::new();
        }
        match self.suivi_brouillon.depuis {
            None => {
                self.suivi_brouillon.depuis = Some(maintenant);
                Vec::new()
            }
            Some(d) if maintenant - d >= DELAI => {
                self.suivi_brouillon = Suivi {
                    garde: Some(contenu.clone()),
                    depuis: None,
                };
                vec![Effet::SauverBrouillon {
                    genre,
                    personne_id,
                    contenu,
                }]
            }
            Some(_) => Vec::new(),
        }
    }

    /// On a hang-up: the draft at once, if it changed since it was kept.
    pub fn brouillon_immediat(&mut self) -> Vec<Effet> {
        match self.brouillon_courant() {
            Some((genre, personne_id, contenu))
                if self.suivi_brouillon.garde.as_deref() != Some(contenu.as_str()) =>
            {
                self.suivi_brouillon.garde = Some(contenu.clone());
                vec![Effet::SauverBrouillon {
                    genre,
                    personne_id,
                    contenu,
                }]
            }
            _ => Vec::new(),
        }
    }

    /// A form left (saved or abandoned): its draft goes.
    pub fn oublier_brouillon_de(&mut self, e: &Ecran) -> Vec<Effet> {
        let (genre, personne_id) = match e {
            Ecran::Saisie(f) => (EVENEMENT, f.personne.id.unwrap_or(0)),
            Ecran::Personne(f) => (PERSONNE, f.base.as_ref().and_then(|p| p.id).unwrap_or(0)),
            _ => return Vec::new(),
        };
        self.suivi_brouillon = Suivi::default();
        vec![Effet::OublierBrouillon { genre, personne_id }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_line_breaks_and_backslashes() {
        let v: Vec<String> = ["", "a\\nb", "l1\nl2\r\n", "\\", "é ; = \"x\""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(decoder(&encoder(&v)), v);
    }
}
