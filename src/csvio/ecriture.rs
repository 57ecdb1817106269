//! The one CSV writer: quotes only where needed, every text cell escaped against formulas,
//! in the dialect of docs/fichiers.md (comma, LF, no BOM) or of French spreadsheets (`excel-fr`:
//! semicolon, CRLF, UTF-8 BOM).

use super::echapper;

/// A cell to write: text (escaped against formulas) or a number (written as is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sortie<'a> {
    Texte(&'a str),
    Entier(Option<u32>),
    /// A number already written out (`12.5`, `-1`, `12,5`): never escaped.
    Nombre(&'a str),
}

/// The separator, line end and BOM of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialecte {
    /// docs/fichiers.md: comma, LF line ends, no BOM.
    Virgule,
    /// French spreadsheet software: semicolon, CRLF line ends, a UTF-8 BOM.
    ExcelFr,
}

/// A CSV writer with the output conventions: quotes only where needed, every text cell
/// escaped against formulas.
pub struct Ecrivain<W: std::io::Write> {
    w: csv::Writer<W>,
}

impl<W: std::io::Write> Ecrivain<W> {
    /// Comma, LF line ends, no BOM.
    pub fn new(sortie: W) -> Self {
        Ecrivain {
            w: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(sortie),
        }
    }

    /// In `dialecte` (the BOM, if any, is written at once).
    pub fn avec(mut sortie: W, dialecte: Dialecte) -> std::io::Result<Self> {
        match dialecte {
            Dialecte::Virgule => Ok(Ecrivain::new(sortie)),
            Dialecte::ExcelFr => {
                sortie.write_all("\u{feff}".as_bytes())?;
                Ok(Ecrivain {
                    w: csv::WriterBuilder::new()
                        .delimiter(b';')
                        .terminator(csv::Terminator::CRLF)
                        .quote_style(csv::QuoteStyle::Necessary)
                        .from_writer(sortie),
                })
            }
        }
    }

    /// Writes a header row (column names are plain ASCII words, never escaped).
    pub fn entete(&mut self, noms: &[&str]) -> std::io::Result<()> {
        self.w.write_record(noms).map_err(std::io::Error::other)
    }

    pub fn ligne(&mut self, cellules: &[Sortie<'_>]) -> std::io::Result<()> {
        for c in cellules {
            match c {
                Sortie::Texte(s) => self.w.write_field(echapper(s).as_bytes()),
                Sortie::Entier(Some(n)) => self.w.write_field(n.to_string()),
                Sortie::Entier(None) => self.w.write_field(""),
                Sortie::Nombre(s) => self.w.write_field(s),
            }
            .map_err(std::io::Error::other)?;
        }
        self.w
            .write_record(None::<&[u8]>)
            .map_err(std::io::Error::other)
    }

    /// Flushes and returns the inner writer.
    pub fn terminer(self) -> std::io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }
}
