//! Lays out the text a template returns: one logical paragraph per line, wrapped at
//! `LARGEUR` columns through `crate::mise_en_page`. The markup a template author uses:
//!
//! - `> texte`: a line set in the right half of the page (addresses, place and date);
//! - `- texte`, `1. texte`, or leading spaces: continuation lines are aligned on the text;
//! - a line ending with ` \` continues on the next line of the template (long paragraphs);
//! - blank lines are kept as written (two in a row at most).
//!
//! Typography is applied to the whole text: typographic apostrophe, no-break spaces before
//! « : ; ? ! », inside « » and after « n° ».

use super::{LARGEUR, couper};

/// French typography on a line of text.
pub fn typographie(s: &str) -> String {
    let mut t = s.replace('\'', "’");
    t = dates_insecables(&t);
    for (de, vers) in [
        ("R. 4", "R.\u{a0}4"),
        ("L. 4", "L.\u{a0}4"),
        ("R. 5", "R.\u{a0}5"),
        (" :", "\u{a0}:"),
        (" ;", "\u{a0};"),
        (" ?", "\u{a0}?"),
        (" !", "\u{a0}!"),
        ("« ", "«\u{a0}"),
        (" »", "\u{a0}»"),
        ("n° ", "n°\u{a0}"),
    ] {
        t = t.replace(de, vers);
    }
    t
}

/// French month names, January first (also `textes::nom_mois`).
pub const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// No-break spaces inside a date written with ordinary spaces (« 1er août 2023 »): around
/// a month name that follows a day number.
fn dates_insecables(s: &str) -> String {
    let mut t = s.to_string();
    for m in MOIS {
        let motif = format!(" {m} ");
        let mut debut = 0;
        while let Some(i) = t[debut..].find(&motif).map(|i| i + debut) {
            let avant = t[..i].chars().next_back();
            let apres = t[i + motif.len()..].chars().next();
            let jour = avant.is_some_and(|c| c.is_ascii_digit() || c == 'r');
            if jour && apres.is_some_and(|c| c.is_ascii_digit()) {
                t.replace_range(i..i + motif.len(), &format!("\u{a0}{m}\u{a0}"));
            }
            debut = i + t[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    t
}

/// The prefix of a line (indent and list mark) and the rest.
fn prefixe(l: &str) -> (usize, &str) {
    let espaces = l.len() - l.trim_start_matches(' ').len();
    let reste = &l[espaces..];
    let marque = if reste.starts_with("- ") {
        2
    } else {
        let chiffres = reste.chars().take_while(char::is_ascii_digit).count();
        if chiffres > 0 && reste[chiffres..].starts_with(". ") {
            chiffres + 2
        } else {
            0
        }
    };
    (espaces + marque, reste)
}

/// The rendered template, laid out: lines of at most `LARGEUR` columns, ending with one
/// newline, no trailing spaces, no blank line at the start or the end.
pub fn mettre_en_forme(rendu: &str) -> String {
    let mut sortie = String::new();
    let mut vides = 0usize;
    let mut logique = String::new();
    let mut lignes: Vec<String> = Vec::new();
    for brute in rendu.lines() {
        let brute = brute.trim_end();
        let (morceau, continue_) = match brute.strip_suffix('\\') {
            Some(debut) => (debut.trim_end(), true),
            None => (brute, false),
        };
        if logique.is_empty() {
            logique.push_str(morceau);
        } else {
            let suite = morceau.trim_start();
            // « guichet\ » then « . »: no space before the punctuation that follows.
            if suite.starts_with(['.', ',', ')']) && !suite.starts_with("..") {
                logique.truncate(logique.trim_end().len());
            }
            logique.push_str(suite);
        }
        if continue_ {
            logique.push(' ');
        } else {
            lignes.push(std::mem::take(&mut logique));
        }
    }
    if !logique.is_empty() {
        lignes.push(logique);
    }
    for l in &lignes {
        let l = l.trim_end();
        if l.is_empty() {
            vides += 1;
            continue;
        }
        if !sortie.is_empty() {
            for _ in 0..vides.min(2) {
                sortie.push('\n');
            }
        }
        vides = 0;
        let l = typographie(l);
        if let Some(droite) = l.strip_prefix("> ").or(l.strip_prefix(">")) {
            let marge = LARGEUR / 2;
            for c in couper(droite.trim(), LARGEUR - marge, "", "") {
                sortie.push_str(&" ".repeat(marge));
                sortie.push_str(c.trim_end());
                sortie.push('\n');
            }
            continue;
        }
        let (n, reste) = prefixe(&l);
        let espaces = l.len() - l.trim_start_matches(' ').len();
        let premier = &l[..espaces];
        let suite = " ".repeat(n);
        for c in couper(reste, LARGEUR, premier, &suite) {
            sortie.push_str(c.trim_end());
            sortie.push('\n');
        }
    }
    sortie
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_laid_out() {
        let t = mettre_en_forme(
            "\n> Préfecture\n\nObjet : un \\\n  long objet\n- un point de liste qui est assez \
             long pour passer à la ligne suivante sans aucun doute possible, vraiment\n\n\n\n\
             Fin l'« ici »\n\n",
        );
        let lignes: Vec<&str> = t.lines().collect();
        assert_eq!(lignes[0], format!("{}Préfecture", " ".repeat(40)));
        assert_eq!(lignes[1], "");
        assert_eq!(lignes[2], "Objet\u{a0}: un long objet");
        assert!(lignes[3].starts_with("- un point"));
        assert!(lignes[4].starts_with("  ") && !lignes[4].starts_with("   "));
        assert_eq!(lignes[5], "");
        assert_eq!(lignes[6], "");
        assert_eq!(lignes[7], "Fin l’«\u{a0}ici\u{a0}»");
        assert!(t.ends_with("»\n"));
        assert!(
            lignes
                .iter()
                .all(|l| crate::mise_en_page::largeur(l) <= LARGEUR)
        );
        assert_eq!(
            mettre_en_forme("informé le \\\n...... que\n"),
            "informé le ...... que\n"
        );
        assert_eq!(
            typographie("le 1er août 2023, R. 431-2, en mars prochain, 3 juin 2022"),
            "le 1er\u{a0}août\u{a0}2023, R.\u{a0}431-2, en mars prochain, 3\u{a0}juin\u{a0}2022"
        );
    }
}
