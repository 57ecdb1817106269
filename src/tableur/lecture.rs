//! Reading a desk's sheet into rows of cells: `.xlsx` and `.ods` through calamine, CSV with
//! `,`, `;` or tab, UTF-8 (BOM or not) or Windows-1252 through encoding_rs. Every row keeps the
//! number the spreadsheet shows (the first row is 1).

use chrono::NaiveDate;
use std::io::Cursor;

/// One cell as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cellule {
    Vide,
    Texte(String),
    Nombre(f64),
    Date(NaiveDate),
    Booleen(bool),
}

impl Cellule {
    pub fn est_vide(&self) -> bool {
        match self {
            Cellule::Vide => true,
            Cellule::Texte(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: numbers without a useless `.0`, dates as `AAAA-MM-JJ`.
    pub fn texte(&self) -> String {
        match self {
            Cellule::Vide => String::new(),
            Cellule::Texte(s) => s.clone(),
            Cellule::Nombre(n) => nombre_texte(*n),
            Cellule::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cellule::Booleen(b) => if *b { "1" } else { "0" }.to_string(),
        }
    }
}

/// `12.0` → `12`, `12.5` → `12.5`.
pub fn nombre_texte(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A sheet read: its rows, each with its spreadsheet row number (empty rows included or not).
#[derive(Debug, Clone, PartialEq)]
pub struct Feuille {
    /// The name of the sheet read (for a CSV, empty).
    pub nom: String,
    /// The other sheets of the workbook.
    pub autres: Vec<String>,
    pub lignes: Vec<(usize, Vec<Cellule>)>,
}

/// Why a file cannot be read as a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurLecture {
    /// The workbook is password-protected.
    MotDePasse,
    /// Not a workbook calamine can read; its message.
    Classeur(String),
    /// `--feuille NOM` names no sheet of the workbook; the sheets it has.
    FeuilleAbsente { nom: String, feuilles: Vec<String> },
    /// Nothing in the file.
    Vide,
}

/// The kind of file, by its name then its first bytes.
fn est_classeur(nom: &str, octets: &[u8]) -> bool {
    let n = nom.to_lowercase();
    n.ends_with(".xlsx")
        || n.ends_with(".xlsm")
        || n.ends_with(".xls")
        || n.ends_with(".ods")
        || octets.starts_with(b"PK\x03\x04")
        || octets.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads `octets` (the file named `nom`) as a sheet: the sheet `feuille`, or the first one.
pub fn lire(nom: &str, octets: &[u8], feuille: Option<&str>) -> Result<Feuille, ErreurLecture> {
    if est_classeur(nom, octets) {
        lire_classeur(nom, octets, feuille)
    } else {
        lire_csv(octets)
    }
}

fn lire_classeur(
    nom: &str,
    octets: &[u8],
    feuille: Option<&str>,
) -> Result<Feuille, ErreurLecture> {
    use calamine::Reader;
    let ole = octets.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let n = nom.to_lowercase();
    // An encrypted .xlsx (or .ods saved with a password by Excel) is an OLE container.
    if ole && (n.ends_with(".xlsx") || n.ends_with(".ods") || n.ends_with(".xlsm")) {
        return Err(ErreurLecture::MotDePasse);
    }
    let mut classeur =
        calamine::open_workbook_auto_from_rs(Cursor::new(octets.to_vec())).map_err(|e| {
            let m = e.to_string();
            if m.to_lowercase().contains("password") {
                ErreurLecture::MotDePasse
            } else {
                ErreurLecture::Classeur(m)
            }
        })?;
    let noms = classeur.sheet_names();
    let choisi = match feuille {
        Some(f) => noms
            .iter()
            .find(|n| n.as_str() == f)
            .or_else(|| noms.iter().find(|n| n.to_lowercase() == f.to_lowercase()))
            .cloned()
            .ok_or_else(|| ErreurLecture::FeuilleAbsente {
                nom: f.to_string(),
                feuilles: noms.clone(),
            })?,
        None => noms.first().cloned().ok_or(ErreurLecture::Vide)?,
    };
    let plage = classeur.worksheet_range(&choisi).map_err(|e| {
        let m = e.to_string();
        if m.to_lowercase().contains("password") {
            ErreurLecture::MotDePasse
        } else {
            ErreurLecture::Classeur(m)
        }
    })?;
    let (ligne0, col0) = plage.start().unwrap_or((0, 0));
    let mut lignes = Vec::new();
    for (i, rang) in plage.rows().enumerate() {
        let mut cellules = vec![Cellule::Vide; col0 as usize];
        cellules.extend(rang.iter().map(cellule_classeur));
        lignes.push((ligne0 as usize + i + 1, cellules));
    }
    Ok(Feuille {
        autres: noms.iter().filter(|n| **n != choisi).cloned().collect(),
        nom: choisi,
        lignes,
    })
}

fn cellule_classeur(d: &calamine::Data) -> Cellule {
    use calamine::Data;
    match d {
        Data::Empty | Data::Error(_) => Cellule::Vide,
        Data::String(s) => Cellule::Texte(s.clone()),
        Data::Int(i) => Cellule::Nombre(*i as f64),
        Data::Float(f) => Cellule::Nombre(*f),
        Data::Bool(b) => Cellule::Booleen(*b),
        Data::DateTime(dt) => {
            date_serie(dt.as_f64()).map_or_else(|| Cellule::Nombre(dt.as_f64()), Cellule::Date)
        }
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|j| NaiveDate::parse_from_str(j, "%Y-%m-%d").ok())
            .map_or_else(|| Cellule::Texte(s.clone()), Cellule::Date),
        Data::DurationIso(s) => Cellule::Texte(s.clone()),
    }
}

/// A spreadsheet serial date (days since 1899-12-30, the 1900 system), for plausible values.
pub fn date_serie(n: f64) -> Option<NaiveDate> {
    if !(1.0..=109_575.0).contains(&n) {
        return None;
    }
    let origine = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    origine.checked_add_days(chrono::Days::new(n.trunc() as u64))
}

/// Decodes a CSV (UTF-8 with or without BOM, else Windows-1252), finds its separator among
/// `,` `;` and tab, and returns every record as text cells (rows counted as the file's lines).
fn lire_csv(octets: &[u8]) -> Result<Feuille, ErreurLecture> {
    let texte = decoder(octets);
    if texte.trim().is_empty() {
        return Err(ErreurLecture::Vide);
    }
    let separateur = separateur(&texte);
    let mut lecteur = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separateur)
        .from_reader(texte.as_bytes());
    let mut lignes = Vec::new();
    let mut ligne = 1;
    let (mut octet_vu, mut sauts) = (0usize, 0usize);
    for r in lecteur.records() {
        let Ok(r) = r else { break };
        // The record's row: the line breaks before its first byte, plus one.
        if let Some(p) = r.position() {
            let mut octet = (p.byte() as usize).min(texte.len());
            // The position is where the reader stood: before the blank lines it skipped.
            while matches!(texte.as_bytes().get(octet), Some(b'\r' | b'\n')) {
                octet += 1;
            }
            sauts += texte.as_bytes()[octet_vu..octet]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            octet_vu = octet;
            ligne = sauts + 1;
        }
        let cellules = r
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cellule::Vide
                } else {
                    Cellule::Texte(crate::csvio::desechapper(c).to_string())
                }
            })
            .collect();
        lignes.push((ligne, cellules));
    }
    Ok(Feuille {
        nom: String::new(),
        autres: Vec::new(),
        lignes,
    })
}

/// UTF-8 (a BOM dropped) when the bytes are UTF-8, else Windows-1252.
pub fn decoder(octets: &[u8]) -> String {
    let sans_bom = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(octets);
    match std::str::from_utf8(sans_bom) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(sans_bom).0.into_owned(),
    }
}

/// The separator of the first non-empty line: the most frequent of `;`, tab and `,`.
fn separateur(texte: &str) -> u8 {
    let premiere = texte.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let compte = |c: char| premiere.matches(c).count();
    let (pv, tab, v) = (compte(';'), compte('\t'), compte(','));
    if pv > v && pv >= tab {
        b';'
    } else if tab > v && tab > pv {
        b'\t'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_dialects_and_encodings() {
        let f = lire("a.csv", b"Nom;Pr\xE9nom\r\nSow;Ad\xE8le\r\n", None).unwrap();
        assert_eq!(f.lignes[1].1[1], Cellule::Texte("Adèle".into()));
        let f = lire("a.csv", "\u{feff}Nom\tPrénom\nSow\tAwa\n".as_bytes(), None).unwrap();
        assert_eq!(f.lignes[0].1[1], Cellule::Texte("Prénom".into()));
        let f = lire("a.csv", b"a,b\n\"x\ny\",1\n\n2,3\n", None).unwrap();
        let rangs: Vec<usize> = f.lignes.iter().map(|(l, _)| *l).collect();
        assert_eq!(rangs, vec![1, 2, 5]);
    }

    #[test]
    fn serial_dates() {
        assert_eq!(date_serie(46086.0), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(date_serie(0.5), None);
        assert_eq!(nombre_texte(93.0), "93");
        assert_eq!(nombre_texte(2.5), "2.5");
    }
}
