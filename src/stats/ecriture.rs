//! The statistics file's bytes: the contract's CSV (docs/fichiers.md §4, for machines and the
//! federation) or `excel-fr` (semicolons, decimal commas, a BOM, French headers and, beside
//! each code, its French label — given by `textes`, since this layer speaks no French).

use super::{Indicateur, Statut, Tableau};
use crate::csvio::{Dialecte, Ecrivain, Sortie, echapper};
use crate::domain::{Departement, date_iso};

/// Output format of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// docs/fichiers.md §4: comma, decimal point, LF.
    Csv,
    /// Semicolon, decimal comma, UTF-8 BOM, CRLF, French headers and labels.
    ExcelFr,
}

impl Format {
    pub fn depuis_code(s: &str) -> Option<Format> {
        match s.trim() {
            "csv" => Some(Format::Csv),
            "excel-fr" => Some(Format::ExcelFr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::ExcelFr => "excel-fr",
        }
    }
}

/// The French words of the `excel-fr` file (from `crate::textes::stats::LIBELLES`).
pub struct Libelles {
    /// Du, Au, Département, its name, Indicateur, its label, Modalité, its label, Valeur,
    /// Base, Pourcentage, Statut, its label.
    pub entetes: [&'static str; 13],
    /// The name of a block (`None`: all people).
    pub departement: fn(Option<Departement>) -> String,
    pub indicateur: fn(Indicateur) -> &'static str,
    /// The label of a `demarche` or `blocage` code (empty for no modality).
    pub modalite: fn(Indicateur, &str) -> &'static str,
    pub statut: fn(Statut) -> &'static str,
}

impl Tableau {
    /// The file's bytes.
    pub fn ecrire(&self, format: Format, libelles: &Libelles) -> Vec<u8> {
        // Writing to memory does not fail (every row has the header's cells).
        self.ecrire_dans(Vec::new(), format, libelles)
            .unwrap_or_default()
    }

    /// Writes the file to `sortie` and returns it.
    pub fn ecrire_dans<W: std::io::Write>(
        &self,
        sortie: W,
        format: Format,
        libelles: &Libelles,
    ) -> std::io::Result<W> {
        match format {
            Format::Csv => self.ecrire_csv(sortie),
            Format::ExcelFr => self.ecrire_excel(sortie, libelles),
        }
    }

    fn ecrire_csv<W: std::io::Write>(&self, sortie: W) -> std::io::Result<W> {
        let mut w = Ecrivain::avec(sortie, Dialecte::Virgule)?;
        let mut lignes = self.cellules().into_iter();
        if let Some(entete) = lignes.next() {
            w.entete(&entete.each_ref().map(String::as_str))?;
        }
        for ligne in lignes {
            let sorties: Vec<Sortie<'_>> = ligne
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if (5..=7).contains(&i) {
                        Sortie::Nombre(c)
                    } else {
                        Sortie::Texte(c)
                    }
                })
                .collect();
            w.ligne(&sorties)?;
        }
        w.terminer()
    }

    fn ecrire_excel<W: std::io::Write>(&self, sortie: W, lib: &Libelles) -> std::io::Result<W> {
        let mut w = Ecrivain::avec(sortie, Dialecte::ExcelFr)?;
        w.entete(&lib.entetes)?;
        let du = date_iso(self.periode.du);
        let au = date_iso(self.periode.au);
        let esc = |s: &str| echapper(s).into_owned();
        for l in &self.lignes {
            let c = l.cellules();
            let virgule = |s: &str| s.replace('.', ",");
            let texte = [
                esc(&du),
                esc(&au),
                c.departement.clone(),
                esc(&(lib.departement)(l.departement)),
                esc(c.indicateur),
                esc((lib.indicateur)(l.indicateur)),
                esc(c.modalite),
                esc((lib.modalite)(l.indicateur, l.modalite)),
            ];
            let nombres = [virgule(&c.valeur), c.base.clone(), virgule(&c.pourcentage)];
            let fin = [esc(c.statut), esc((lib.statut)(l.statut))];
            let mut sorties: Vec<Sortie<'_>> = texte.iter().map(|s| Sortie::Texte(s)).collect();
            sorties.extend(nombres.iter().map(|s| Sortie::Nombre(s)));
            sorties.extend(fin.iter().map(|s| Sortie::Texte(s)));
            w.ligne(&sorties)?;
        }
        w.terminer()
    }
}
