//! CSV in and out, per docs/fichiers.md §1–§3: decoding (UTF-8 only, BOM accepted, LF or CRLF),
//! header checks, the formula-injection escape, and the rows of `personnes.csv` and
//! `evenements.csv` as domain values. The import and the full export build on it.
//!
//! Line numbers in errors are spreadsheet rows: the header is line 1, each record one line
//! (a note spanning several physical lines still counts as one row; a blank line or a row of
//! empty cells counts as a row and is skipped).

mod ecriture;
pub mod export;
mod flux;
pub mod import;
mod lecture;
pub mod lignes;

pub use ecriture::{Dialecte, Ecrivain, Sortie};
pub use lecture::{
    Colonne, ErreurParcours, ErreurTable, Parcours, Table, lire_table, parcourir_table,
};

use crate::domain::ErreurValeur;
use std::borrow::Cow;

/// Where a refused cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A known column, by its header name.
    Colonne(&'static str),
    /// A header cell naming no known column: its position in the header (1 for the first).
    Position(usize),
    /// The whole record.
    Ligne,
}

/// Why a cell, a record or a header cell is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raison {
    /// The value does not parse (a date, a code, a reference…).
    Valeur(ErreurValeur),
    /// A header cell names no known column; `admises` are the known ones.
    ColonneInconnue {
        admises: Vec<&'static str>,
    },
    ColonneRepetee,
    /// A required column is missing from the header.
    ColonneAbsente,
    /// A record has another number of cells than the header.
    NombreCellules {
        trouvees: usize,
        attendues: usize,
    },
    /// Same, with a line break inside a cell: most likely a `"` opened and never closed.
    GuillemetNonFerme {
        trouvees: usize,
        attendues: usize,
    },
    /// The CSV reader's own message.
    CsvIllisible(String),
    /// The reference already appears on an earlier line of the same file.
    ReferenceEnDouble {
        premiere: usize,
    },
    /// The reference is already in the database.
    ReferenceEnBase,
    /// An event's reference is neither in the people file nor in the database.
    ReferenceInconnue,
}

/// One refused cell (or row, or header cell); worded `fichier:ligne: colonne: valeur: raison`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErreurCellule {
    pub fichier: String,
    pub ligne: usize,
    pub colonne: Place,
    pub valeur: String,
    pub raison: Raison,
}

/// The first characters that make a spreadsheet read a cell as a formula.
fn declencheur(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\n')
}

/// Whether a text cell could be read as a formula by a spreadsheet.
pub fn est_formule(s: &str) -> bool {
    s.chars().next().is_some_and(declencheur)
}

/// Escapes a text cell against formula injection (docs/fichiers.md §3, to the letter): a cell whose
/// first character is one of `= + - @`, tab, CR or LF gets a `'` in front.
pub fn echapper(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some(c) if declencheur(c) => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// Undoes `echapper` on input: a cell made of `'` followed by one of `= + - @`, tab, CR or LF
/// loses its `'`; any other cell is kept as it is. So every text round-trips, except a text
/// that itself starts with `'` and such a character, which loses that `'` once (the contract
/// shared with the other desks leaves no way to tell the two apart).
pub fn desechapper(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(apres) if apres.chars().next().is_some_and(declencheur) => apres,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const COLS: &[Colonne] = &[
        Colonne {
            nom: "a",
            requise: true,
        },
        Colonne {
            nom: "b",
            requise: false,
        },
    ];

    #[test]
    fn escaping_per_contract() {
        assert_eq!(echapper("=SOMME(A1)"), "'=SOMME(A1)");
        assert_eq!(echapper("+33 6 12"), "'+33 6 12");
        assert_eq!(echapper("- rappeler"), "'- rappeler");
        assert_eq!(echapper("@moi"), "'@moi");
        assert_eq!(echapper("\tx"), "'\tx");
        assert_eq!(echapper("\nx"), "'\nx");
        assert_eq!(echapper("\rx"), "'\rx");
        assert_eq!(echapper("Dupont"), "Dupont");
        assert_eq!(echapper("a=b"), "a=b");
        assert_eq!(echapper(""), "");
        assert_eq!(echapper("'abc"), "'abc");
        assert_eq!(desechapper("'+33 6"), "+33 6");
        assert_eq!(desechapper("'- rappeler"), "- rappeler");
        assert_eq!(desechapper("'abc"), "'abc");
        assert_eq!(desechapper("'"), "'");
        assert_eq!(desechapper("l'=x"), "l'=x");
    }

    #[test]
    fn header_rules() {
        let ok = lire_table("f.csv", b"b,a\n2,1\n", COLS).unwrap();
        assert_eq!(ok.0.positions, vec![Some(1), Some(0)]);
        assert_eq!(ok.0.cellule(&ok.0.lignes[0].1, 0), "1");
        match lire_table("f.csv", b"a,c\n", COLS) {
            Err(ErreurTable::Cellules(v)) => {
                assert_eq!(v.len(), 1);
                assert!(v[0].to_string().starts_with("f.csv:1: colonne 2: c: "));
            }
            r => panic!("{r:?}"),
        }
        assert!(matches!(
            lire_table("f.csv", b"a,a\n", COLS),
            Err(ErreurTable::Cellules(_))
        ));
        assert!(matches!(
            lire_table("f.csv", b"b\n", COLS),
            Err(ErreurTable::Cellules(_))
        ));
        // Header names are exact.
        assert!(matches!(
            lire_table("f.csv", b"A\n", COLS),
            Err(ErreurTable::Cellules(_))
        ));
        assert!(matches!(
            lire_table("f.csv", b"", COLS),
            Err(ErreurTable::Vide { .. })
        ));
    }

    #[test]
    fn encodings_and_separators() {
        let (t, e) = lire_table(
            "f.csv",
            b"\xEF\xBB\xBFa,b\r\n\"x,\"\"y\"\"\r\nz\",\xC3\xA9\r\n",
            COLS,
        )
        .unwrap();
        assert!(e.is_empty());
        assert_eq!(t.lignes, vec![(2, vec!["x,\"y\"\r\nz".into(), "é".into()])]);
        assert_eq!(
            lire_table("f.csv", b"a,b\n1,\xE9t\xE9\n", COLS).unwrap_err(),
            ErreurTable::PasUtf8 {
                fichier: "f.csv".into(),
                ligne: 2
            }
        );
        assert_eq!(
            lire_table("f.csv", b"a;b\n1;2\n", COLS).unwrap_err(),
            ErreurTable::PointVirgule {
                fichier: "f.csv".into()
            }
        );
        let (_, e) = lire_table("f.csv", b"a,b\n1\n1,2,3\n", COLS).unwrap();
        assert_eq!(e.iter().map(|e| e.ligne).collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn line_numbers_are_the_rows_a_spreadsheet_or_an_editor_shows() {
        // A blank line and a row of empty cells (a spreadsheet's empty row) are rows too: the
        // errors after them must name the line the user sees. Empty rows are skipped.
        let (t, e) = lire_table("f.csv", b"a,b\n1,2\n\n3,4\n,\n\"x\ny\",5\n6,7\n", COLS).unwrap();
        assert!(e.is_empty());
        let lignes: Vec<(usize, String)> =
            t.lignes.iter().map(|(l, c)| (*l, c[0].clone())).collect();
        assert_eq!(
            lignes,
            vec![
                (2, "1".into()),
                (4, "3".into()),
                (6, "x\ny".into()),
                (7, "6".into())
            ]
        );
        let (_, e) = lire_table("f.csv", b"a,b\r\n\r\n1\r\n", COLS).unwrap();
        assert_eq!(e.iter().map(|e| e.ligne).collect::<Vec<_>>(), vec![3]);
        // An unclosed quote swallows the next lines: the message says so.
        let (_, e) = lire_table("f.csv", b"a,b\n\"x,1\n2,3\n", COLS).unwrap();
        assert_eq!(e.len(), 1);
        assert!(e[0].to_string().contains("guillemet"), "{}", e[0]);
    }

    #[test]
    fn writer_conventions() {
        let mut w = Ecrivain::new(Vec::new());
        w.entete(&["a", "b", "c"]).unwrap();
        w.ligne(&[
            Sortie::Texte("+33 6"),
            Sortie::Entier(Some(12)),
            Sortie::Texte("x, \"y\"\nz"),
        ])
        .unwrap();
        w.ligne(&[Sortie::Texte(""), Sortie::Entier(None), Sortie::Texte("é")])
            .unwrap();
        let octets = w.terminer().unwrap();
        assert_eq!(
            String::from_utf8(octets).unwrap(),
            "a,b,c\n'+33 6,12,\"x, \"\"y\"\"\nz\"\n,,é\n"
        );
    }

    proptest! {
        #[test]
        fn escape_round_trip(s in ".*") {
            let e = echapper(&s);
            if let Some(c) = e.chars().next() {
                prop_assert!(!declencheur(c));
            }
            // Escaping what was read back is stable: export, import, export gives the same bytes.
            prop_assert_eq!(echapper(desechapper(&e)), e.clone());
            let ambigu = s.strip_prefix('\'').is_some_and(|r| r.chars().next().is_some_and(declencheur));
            if ambigu {
                prop_assert_eq!(desechapper(&e), &s[1..]);
            } else {
                prop_assert_eq!(desechapper(&e), s.as_str());
            }
        }

        #[test]
        fn csv_round_trip(cellules in proptest::collection::vec(("\\PC*|[=+@'\t\r\n,\";-]{0,6}", ".*"), 1..6)) {
            let mut w = Ecrivain::new(Vec::new());
            w.entete(&["a", "b"]).unwrap();
            for (x, y) in &cellules {
                w.ligne(&[Sortie::Texte(x), Sortie::Texte(y)]).unwrap();
            }
            let octets = w.terminer().unwrap();
            let (table, erreurs) = lire_table("f.csv", &octets, COLS).unwrap();
            prop_assert!(erreurs.is_empty());
            // A text that starts with ' and a formula character loses that ' (docs/fichiers.md §3).
            let lettre = |x: &String| desechapper(x).to_string();
            // A row whose every cell is empty is a spreadsheet's empty row: skipped.
            let attendues: Vec<(String, String)> = cellules
                .iter()
                .filter(|(x, y)| !(x.is_empty() && y.is_empty()))
                .map(|(x, y)| (lettre(x), lettre(y)))
                .collect();
            let lues: Vec<(String, String)> = table
                .lignes
                .iter()
                .map(|(_, c)| (c[0].clone(), c[1].clone()))
                .collect();
            prop_assert_eq!(lues, attendues);
        }
    }
}
