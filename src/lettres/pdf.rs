//! The printable PDF of a document: A4, one embedded free font (DejaVu Sans,
//! `assets/polices/`, licence beside it), the text laid out exactly as the text version
//! (same lines, same words), so that `pdftotext` and a screen reader read it.

use super::LARGEUR;
use krilla::Document;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};

const POLICE: &[u8] = include_bytes!("../../assets/polices/DejaVuSans.ttf");

/// A4 in points.
const LARGEUR_PAGE: f32 = 595.28;
const HAUTEUR_PAGE: f32 = 841.89;
/// Margins: 2 cm.
const MARGE: f32 = 56.7;
const TAILLE: f32 = 10.0;
const INTERLIGNE: f32 = 13.5;

/// Why no PDF could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurPdf {
    /// The embedded font cannot be read (a broken build).
    Police,
    /// The PDF writer failed.
    Ecriture(String),
}

/// The PDF of a laid-out text (`mise_en_forme` output: lines of at most `LARGEUR` columns).
/// A line's leading spaces are kept as an indent of as many columns; a page break falls
/// on a blank line when one is near the bottom.
pub fn pdf(texte: &str, titre: &str) -> Result<Vec<u8>, ErreurPdf> {
    let police = Font::new(POLICE.into(), 0).ok_or(ErreurPdf::Police)?;
    let colonne = (LARGEUR_PAGE - 2.0 * MARGE) / LARGEUR as f32;
    let par_page = ((HAUTEUR_PAGE - 2.0 * MARGE) / INTERLIGNE) as usize;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(titre.to_string())
            .language("fr".to_string())
            .creator("vigie".to_string()),
    );
    for page_lignes in pages(texte, par_page) {
        let reglage = PageSettings::from_wh(LARGEUR_PAGE, HAUTEUR_PAGE)
            .ok_or_else(|| ErreurPdf::Ecriture("page".into()))?;
        let mut page = doc.start_page_with(reglage);
        let mut surface = page.surface();
        for (i, l) in page_lignes.iter().enumerate() {
            let texte = l.trim_start_matches(' ');
            if texte.is_empty() {
                continue;
            }
            let retrait = (l.len() - texte.len()) as f32 * colonne;
            let y = MARGE + TAILLE + i as f32 * INTERLIGNE;
            surface.draw_text(
                Point::from_xy(MARGE + retrait, y),
                police.clone(),
                TAILLE,
                texte,
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| ErreurPdf::Ecriture(format!("{e:?}")))
}

/// The lines cut into pages: a page ends at the last blank line of its bottom fifth when
/// there is one (a paragraph is not split), else when full. Blank lines at the top of a
/// page are dropped.
fn pages(texte: &str, par_page: usize) -> Vec<Vec<&str>> {
    let mut pages = Vec::new();
    let mut reste: Vec<&str> = texte.lines().collect();
    while !reste.is_empty() {
        while reste.first().is_some_and(|l| l.trim().is_empty()) {
            reste.remove(0);
        }
        if reste.is_empty() {
            break;
        }
        let mut fin = reste.len().min(par_page);
        if fin < reste.len() {
            let bas = par_page - par_page / 5;
            if let Some(v) = (bas..fin).rev().find(|&i| reste[i].trim().is_empty()) {
                fin = v;
            }
        }
        let suite = reste.split_off(fin);
        pages.push(reste);
        reste = suite;
    }
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_every_line_and_break_on_blank_lines() {
        let texte: String = (0..130)
            .map(|i| {
                if i % 7 == 6 {
                    "\n".to_string()
                } else {
                    format!("l{i}\n")
                }
            })
            .collect();
        let p = pages(&texte, 50);
        assert!(p.len() >= 3);
        assert!(p.iter().all(|x| x.len() <= 50));
        let gardees: Vec<&str> = p.concat().into_iter().filter(|l| !l.is_empty()).collect();
        let attendues: Vec<&str> = texte.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(gardees, attendues);
    }

    #[test]
    fn a_pdf_is_made_with_accents() {
        let octets = pdf("Préfète « Madame »\n\n  — n°\u{a0}452798\n", "essai").unwrap();
        assert!(octets.starts_with(b"%PDF-"));
    }
}
