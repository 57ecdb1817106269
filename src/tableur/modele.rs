//! The empty sheet for desks starting from nothing (`vigie import --modele F`): the French
//! headers and one example row, as a CSV for French spreadsheet software or as an `.xlsx`
//! (a zip of a few XML files, written here; the same writer makes test workbooks).

use super::lecture::Cellule;
use crate::csvio::{Dialecte, Ecrivain, Sortie};
use std::io::{self, Write};

/// The template as CSV: `;`, a BOM, CRLF (what Excel in French opens as columns).
pub fn csv(entetes: &[&str], exemple: &[&str]) -> io::Result<Vec<u8>> {
    let mut e = Ecrivain::avec(Vec::new(), Dialecte::ExcelFr)?;
    e.entete(entetes)?;
    e.ligne(&exemple.iter().map(|s| Sortie::Texte(s)).collect::<Vec<_>>())?;
    e.terminer()
}

/// The template as a workbook of one sheet named `feuille`.
pub fn xlsx(feuille: &str, entetes: &[&str], exemple: &[&str]) -> io::Result<Vec<u8>> {
    let ligne = |v: &[&str]| v.iter().map(|s| Cellule::Texte(s.to_string())).collect();
    classeur_xlsx(feuille, &[ligne(entetes), ligne(exemple)])
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\n' => o.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// Days since 1899-12-30 (the 1900 date system of spreadsheets).
fn serie(d: chrono::NaiveDate) -> i64 {
    let origine = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - origine).num_days()
}

/// A workbook of one sheet holding `lignes` from cell A1: text as inline strings, numbers,
/// dates as date-formatted serial numbers, booleans.
pub fn classeur_xlsx(feuille: &str, lignes: &[Vec<Cellule>]) -> io::Result<Vec<u8>> {
    let mut donnees = String::new();
    for (i, l) in lignes.iter().enumerate() {
        donnees.push_str(&format!("<row r=\"{}\">", i + 1));
        for (j, c) in l.iter().enumerate() {
            let r = format!("{}{}", super::lettre(j), i + 1);
            match c {
                Cellule::Vide => {}
                Cellule::Texte(s) => donnees.push_str(&format!(
                    "<c r=\"{r}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    xml(s)
                )),
                Cellule::Nombre(n) => donnees.push_str(&format!("<c r=\"{r}\"><v>{n}</v></c>")),
                Cellule::Date(d) => {
                    donnees.push_str(&format!("<c r=\"{r}\" s=\"1\"><v>{}</v></c>", serie(*d)))
                }
                Cellule::Booleen(b) => {
                    donnees.push_str(&format!("<c r=\"{r}\" t=\"b\"><v>{}</v></c>", u8::from(*b)))
                }
            }
        }
        donnees.push_str("</row>");
    }
    let parties: [(&str, String); 6] = [
        (
            "[Content_Types].xml",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
                r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
                r#"<Default Extension="xml" ContentType="application/xml"/>"#,
                r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
                r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
                r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
                r#"</Types>"#
            )
            .to_string(),
        ),
        (
            "_rels/.rels",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
                r#"</Relationships>"#
            )
            .to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                    r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
                    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
                    r#"<sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                ),
                xml(feuille)
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
                r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
                r#"</Relationships>"#
            )
            .to_string(),
        ),
        (
            "xl/styles.xml",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
                r#"<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#,
                r#"<fills count="1"><fill><patternFill patternType="none"/></fill></fills>"#,
                r#"<borders count="1"><border/></borders>"#,
                r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
                r#"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
                r#"<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#,
                r#"</styleSheet>"#
            )
            .to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                    r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
                    r#"<sheetData>{}</sheetData></worksheet>"#
                ),
                donnees
            ),
        ),
    ];
    zipper(
        &parties
            .iter()
            .map(|(n, c)| (*n, c.as_bytes()))
            .collect::<Vec<_>>(),
    )
}

/// A zip of `parties` (name, bytes), deflated, the first one stored (an `.ods` needs its
/// `mimetype` first and stored).
pub fn zipper(parties: &[(&str, &[u8])]) -> io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut z = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    for (i, (nom, octets)) in parties.iter().enumerate() {
        let methode = if i == 0 && *nom == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        z.start_file(
            *nom,
            SimpleFileOptions::default().compression_method(methode),
        )
        .map_err(io::Error::other)?;
        z.write_all(octets)?;
    }
    Ok(z.finish().map_err(io::Error::other)?.into_inner())
}
