//! The one CSV reader: decoding (UTF-8 only, BOM accepted, LF or CRLF), the semicolon check,
//! the header against the expected columns, and the records with their spreadsheet rows.

use super::{ErreurCellule, Place, Raison, desechapper};

/// A CSV file read and checked at the file and header level.
#[derive(Debug, Clone)]
pub struct Table {
    /// The name shown in errors (the path as the user gave it).
    pub fichier: String,
    /// For each expected column (in the order given to `lire_table`), its index in the file.
    pub positions: Vec<Option<usize>>,
    /// Each record with its line number (header = 1); cells already un-escaped.
    pub lignes: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The cell of column `k` (index in the expected columns), `""` when the column is absent.
    pub fn cellule<'a>(&self, cellules: &'a [String], k: usize) -> &'a str {
        self.positions[k]
            .and_then(|i| cellules.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A file refused as a whole (encoding, separator, unreadable) or at its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurTable {
    /// Not UTF-8 (a spreadsheet's Windows-1252 export, say); the line of the first bad byte.
    PasUtf8 { fichier: String, ligne: usize },
    /// Separated by semicolons.
    PointVirgule { fichier: String },
    /// No header row at all.
    Vide { fichier: String },
    /// Header problems and malformed records, one per cell.
    Cellules(Vec<ErreurCellule>),
}

/// An expected column: its exact header name and whether it is required.
#[derive(Debug, Clone, Copy)]
pub struct Colonne {
    pub nom: &'static str,
    pub requise: bool,
}

/// Decodes `octets` (UTF-8, optional BOM), refuses semicolon files, checks the header against
/// `colonnes` (unknown, repeated or missing required column: errors) and returns the records.
/// A record with a wrong number of cells is an error on its line; other records are kept.
pub fn lire_table(
    fichier: &str,
    octets: &[u8],
    colonnes: &[Colonne],
) -> Result<(Table, Vec<ErreurCellule>), ErreurTable> {
    let mut lignes = Vec::new();
    let (mut table, erreurs) = lire_avec(fichier, octets, colonnes, |_, ligne, cellules| {
        lignes.push((ligne, cellules))
    })?;
    table.lignes = lignes;
    Ok((table, erreurs))
}

/// `lire_table` without the table of every record: each record goes to `f` as it is read,
/// with its line and the table (whose `lignes` stays empty) for `Table::cellule`. A large
/// import reads its files twice this way instead of holding them parsed. Returns the
/// malformed records (after every good one has been handed over).
pub fn parcourir_table(
    fichier: &str,
    octets: &[u8],
    colonnes: &[Colonne],
    mut f: impl FnMut(&Table, usize, &[String]),
) -> Result<Vec<ErreurCellule>, ErreurTable> {
    lire_avec(fichier, octets, colonnes, |t, ligne, cellules| {
        f(t, ligne, &cellules)
    })
    .map(|(_, erreurs)| erreurs)
}

fn lire_avec(
    fichier: &str,
    octets: &[u8],
    colonnes: &[Colonne],
    mut f: impl FnMut(&Table, usize, Vec<String>),
) -> Result<(Table, Vec<ErreurCellule>), ErreurTable> {
    let octets = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(octets);
    verifier_fichier(fichier, octets)?;
    let mut lecteur = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(octets);
    let mut enregistrements = lecteur.records();
    let entete = match enregistrements.next() {
        None => {
            return Err(ErreurTable::Vide {
                fichier: fichier.to_string(),
            });
        }
        Some(Err(e)) => {
            return Err(ErreurTable::Cellules(vec![erreur_csv(fichier, 1, &e)]));
        }
        Some(Ok(r)) => r,
    };
    let positions = positions(fichier, &entete, colonnes).map_err(ErreurTable::Cellules)?;
    let table = Table {
        fichier: fichier.to_string(),
        positions,
        lignes: Vec::new(),
    };
    let erreurs = lire_enregistrements(fichier, octets, &entete, enregistrements, |l, c| {
        f(&table, l, c)
    });
    Ok((table, erreurs))
}

/// The checks on the whole file: UTF-8, and a comma (not a semicolon) as separator.
fn verifier_fichier(fichier: &str, octets: &[u8]) -> Result<(), ErreurTable> {
    if let Err(e) = std::str::from_utf8(octets) {
        let ligne = 1 + octets[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        return Err(ErreurTable::PasUtf8 {
            fichier: fichier.to_string(),
            ligne,
        });
    }
    let premiere = octets.split(|b| *b == b'\n').next().unwrap_or_default();
    let points_virgules = premiere.iter().filter(|b| **b == b';').count();
    let virgules = premiere.iter().filter(|b| **b == b',').count();
    if points_virgules > 0 && points_virgules >= virgules {
        return Err(ErreurTable::PointVirgule {
            fichier: fichier.to_string(),
        });
    }
    Ok(())
}

/// For each expected column its index in the header, or every header problem.
fn positions(
    fichier: &str,
    entete: &csv::StringRecord,
    colonnes: &[Colonne],
) -> Result<Vec<Option<usize>>, Vec<ErreurCellule>> {
    let mut erreurs = Vec::new();
    let cellule = |colonne: Place, valeur: &str, raison: Raison| ErreurCellule {
        fichier: fichier.to_string(),
        ligne: 1,
        colonne,
        valeur: valeur.to_string(),
        raison,
    };
    let mut positions: Vec<Option<usize>> = vec![None; colonnes.len()];
    for (i, nom) in entete.iter().enumerate() {
        match colonnes.iter().position(|c| c.nom == nom) {
            None => erreurs.push(cellule(
                Place::Position(i + 1),
                nom,
                Raison::ColonneInconnue {
                    admises: colonnes.iter().map(|c| c.nom).collect(),
                },
            )),
            Some(k) if positions[k].is_some() => erreurs.push(cellule(
                Place::Colonne(colonnes[k].nom),
                nom,
                Raison::ColonneRepetee,
            )),
            Some(k) => positions[k] = Some(i),
        }
    }
    for (k, c) in colonnes.iter().enumerate() {
        if c.requise && positions[k].is_none() {
            erreurs.push(cellule(Place::Colonne(c.nom), "", Raison::ColonneAbsente));
        }
    }
    if erreurs.is_empty() {
        Ok(positions)
    } else {
        Err(erreurs)
    }
}

/// The records after the header, each with its spreadsheet row, and the malformed ones.
fn lire_enregistrements(
    fichier: &str,
    octets: &[u8],
    entete: &csv::StringRecord,
    enregistrements: csv::StringRecordsIter<'_, &[u8]>,
    mut rangee: impl FnMut(usize, Vec<String>),
) -> Vec<ErreurCellule> {
    let largeur = entete.len();
    let mut erreurs = Vec::new();
    let mut rangs = Rangs {
        sauts_dans_cellules: compter_sauts(entete.iter()),
        octet_vu: 0,
        sauts_vus: 0,
        precedente: 1,
    };
    for r in enregistrements {
        let octet = match &r {
            Ok(r) => r.position().map(|p| p.byte()),
            Err(e) => e.position().map(|p| p.byte()),
        };
        let ligne = rangs.ligne(octets, octet);
        if let Ok(r) = &r {
            rangs.sauts_dans_cellules += compter_sauts(r.iter());
            // A spreadsheet's empty row (every cell empty): nothing to import.
            if r.iter().all(str::is_empty) {
                continue;
            }
        }
        match r {
            Err(e) => {
                erreurs.push(erreur_csv(fichier, ligne, &e));
                // A broken quote swallows the rest of the file: stop there.
                break;
            }
            Ok(r) if r.len() != largeur => erreurs.push(ErreurCellule {
                fichier: fichier.to_string(),
                ligne,
                colonne: Place::Ligne,
                valeur: r.iter().collect::<Vec<_>>().join(","),
                raison: if r.len() < largeur && r.iter().any(|c| c.contains('\n')) {
                    Raison::GuillemetNonFerme {
                        trouvees: r.len(),
                        attendues: largeur,
                    }
                } else {
                    Raison::NombreCellules {
                        trouvees: r.len(),
                        attendues: largeur,
                    }
                },
            }),
            Ok(r) => rangee(
                ligne,
                r.iter().map(|c| desechapper(c).to_string()).collect(),
            ),
        }
    }
    erreurs
}

/// Where the reader is, to turn a record's byte offset into its spreadsheet row: its first
/// physical line (blank lines, which the reader skips, still count) minus the line breaks
/// inside the quoted cells before it.
struct Rangs {
    sauts_dans_cellules: usize,
    octet_vu: usize,
    sauts_vus: usize,
    precedente: usize,
}

impl Rangs {
    fn ligne(&mut self, octets: &[u8], octet: Option<u64>) -> usize {
        let octet = octet
            .and_then(|o| usize::try_from(o).ok())
            .map(|o| o.min(octets.len()))
            // The reader's offset may be that of the blank lines it skipped before the record.
            .map(|o| {
                o + octets[o..]
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count()
            });
        if let Some(o) = octet.filter(|o| *o >= self.octet_vu) {
            self.sauts_vus += octets[self.octet_vu..o]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.octet_vu = o;
        }
        let ligne = (self.sauts_vus + 1)
            .checked_sub(self.sauts_dans_cellules)
            .filter(|l| octet.is_some() && *l > self.precedente)
            .unwrap_or(self.precedente + 1);
        self.precedente = ligne;
        ligne
    }
}

/// Line breaks inside cells (quoted): they do not start a new spreadsheet row.
fn compter_sauts<'a>(cellules: impl Iterator<Item = &'a str>) -> usize {
    cellules
        .map(|c| c.bytes().filter(|b| *b == b'\n').count())
        .sum()
}

fn erreur_csv(fichier: &str, ligne: usize, e: &csv::Error) -> ErreurCellule {
    ErreurCellule {
        fichier: fichier.to_string(),
        ligne,
        colonne: Place::Ligne,
        valeur: String::new(),
        raison: Raison::CsvIllisible(e.to_string()),
    }
}
