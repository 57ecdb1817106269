//! French texts of the letters and evidence: the registered letter to the préfecture
//! (step 3 bis) and the chronology of attempts. Plain text, lines of at most 80 characters,
//! no-break spaces before « : » and inside « n° 452798 », typographic apostrophes.
//!
//! Never written: the volunteer's notes, the phone number, anyone else's data.

use crate::lettres::LARGEUR;
use chrono::{Datelike, NaiveDate};

mod chronologie;
mod lettre;

pub use chronologie::chronologie;
pub use lettre::{OBJET, fait, lettre};

/// No-break space (before « : », after « n° », inside « » quotes).
const NBSP: char = '\u{a0}';

/// A date in letters: « 1er août 2023 », « 23 novembre 2026 » (no-break spaces inside).
pub fn date_lettre(d: NaiveDate) -> String {
    let jour = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    let mois = super::nom_mois(d.month());
    format!("{jour}{NBSP}{mois}{NBSP}{}", d.year())
}

/// « n° 123 » with a no-break space.
fn numero(n: &str) -> String {
    format!("n°{NBSP}{}", n.trim())
}

/// French typography for the letter: typographic apostrophe, no-break space before « : »
/// and « ; » (so that a line never starts with one).
fn typo(s: &str) -> String {
    insecables(&s.replace('\'', "’"))
}

/// No-break space before « : » and « ; », so that a wrapped line never starts with one.
fn insecables(s: &str) -> String {
    s.replace(" :", &format!("{NBSP}:"))
        .replace(" ;", &format!("{NBSP};"))
}

/// Lower-cases the first letter of a label, unless it starts an acronym (« API »).
fn minuscule_initiale(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(p), Some(q)) if !q.is_uppercase() => {
            p.to_lowercase().collect::<String>() + &s[p.len_utf8()..]
        }
        _ => s.to_string(),
    }
}

fn majuscule_initiale(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Checks the layout promise of both documents: no line wider than `LARGEUR` columns.
pub fn lignes_trop_longues(texte: &str) -> Vec<&str> {
    texte
        .lines()
        .filter(|l| crate::mise_en_page::largeur(l) > LARGEUR)
        .collect()
}

// ---------------------------------------------------------------- command-line messages

pub fn reference_inconnue(reference: &str) -> String {
    format!(
        "aucune personne n'a la référence « {} » dans cette base (vérifiez la référence, ou \
         cherchez-la avec « vigie aujourdhui --tous »)",
        reference.trim()
    )
}

/// `est_dossier`: the path names a folder (the caller looked).
pub fn ecriture_fichier(chemin: &std::path::Path, est_dossier: bool, e: &std::io::Error) -> String {
    if est_dossier {
        return crate::textes::donnees::ecriture_fichier(
            chemin,
            &std::io::Error::from(std::io::ErrorKind::IsADirectory),
        );
    }
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        return format!(
            "{} existe déjà : vigie ne remplace jamais un document (il a pu être complété à la \
             main) ; choisissez un autre nom avec --sortie, ou supprimez d'abord l'ancien fichier",
            chemin.display()
        );
    }
    crate::textes::donnees::ecriture_fichier(chemin, e)
}

pub fn document_ecrit(quoi: &str, chemin: &std::path::Path) -> String {
    format!("{quoi} écrite dans {}", chemin.display())
}

pub const LETTRE: &str = "Lettre recommandée";
pub const CHRONOLOGIE: &str = "Chronologie";

#[cfg(test)]
mod tests;
