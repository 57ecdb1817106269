//! The one CSV reader: decoding (UTF-8 only, BOM accepted, LF or CRLF), the semicolon check,
//! the header against the expected columns, and the records with their spreadsheet rows.

use super::flux::Flux;
use super::{ErreurCellule, Place, Raison, desechapper};
use std::io::Read;

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
    let lu = lire_avec(fichier, octets, colonnes, |_, ligne, cellules| {
        lignes.push((ligne, cellules.to_vec()))
    });
    match lu {
        Ok((mut table, parcours)) => {
            table.lignes = lignes;
            Ok((table, parcours.erreurs))
        }
        Err(ErreurParcours::Table(e)) => Err(e),
        // Bytes in memory are always readable; said as the reader's own failure all the same.
        Err(ErreurParcours::Lecture(nature)) => Err(ErreurTable::Cellules(vec![ErreurCellule {
            fichier: fichier.to_string(),
            ligne: 1,
            colonne: Place::Ligne,
            valeur: String::new(),
            raison: Raison::CsvIllisible(format!("{nature:?}")),
        }])),
    }
}

/// What a walk through a file found besides its good records.
#[derive(Debug)]
pub struct Parcours {
    /// The malformed records.
    pub erreurs: Vec<ErreurCellule>,
    /// A hash of every byte of the file: two walks of a file that did not change give the
    /// same.
    pub empreinte: u64,
}

/// A file that could not be walked through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurParcours {
    /// Refused as a whole or at its header. The records already handed over are to be
    /// dropped (a byte that is not UTF-8 is only found where the reading reaches it).
    Table(ErreurTable),
    /// The system could not read it (its kind of failure).
    Lecture(std::io::ErrorKind),
}

/// `lire_table` on a reader, without the table of every record: each record goes to `f` as
/// it is read, with its line and the table (whose `lignes` stays empty) for
/// `Table::cellule`. The file is read piece by piece, never whole: a large import reads its
/// files twice this way instead of holding them. Returns the malformed records (after every
/// good one has been handed over) and the file's hash.
pub fn parcourir_table(
    fichier: &str,
    source: impl Read,
    colonnes: &[Colonne],
    f: impl FnMut(&Table, usize, &[String]),
) -> Result<Parcours, ErreurParcours> {
    lire_avec(fichier, source, colonnes, f).map(|(_, parcours)| parcours)
}

type Lecteur<R> = csv::Reader<Flux<R>>;

fn lire_avec<R: Read>(
    fichier: &str,
    source: R,
    colonnes: &[Colonne],
    mut f: impl FnMut(&Table, usize, &[String]),
) -> Result<(Table, Parcours), ErreurParcours> {
    let mut lecteur = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(Flux::new(source));
    let (table, largeur) = lire_entete(fichier, &mut lecteur, colonnes)?;
    let erreurs = lire_enregistrements(fichier, &mut lecteur, largeur, |l, c| f(&table, l, c));
    let mut flux = lecteur.into_inner();
    // What the reader left unread (after a broken record) is still checked and hashed.
    flux.finir();
    fin_du_flux(fichier, &flux)?;
    Ok((
        table,
        Parcours {
            erreurs,
            empreinte: flux.empreinte(),
        },
    ))
}

/// A file refused at the end of its reading: not UTF-8, or unreadable.
fn fin_du_flux<R>(fichier: &str, flux: &Flux<R>) -> Result<(), ErreurParcours> {
    if let Some(ligne) = flux.pas_utf8() {
        return Err(ErreurParcours::Table(ErreurTable::PasUtf8 {
            fichier: fichier.to_string(),
            ligne,
        }));
    }
    match flux.erreur() {
        Some(nature) => Err(ErreurParcours::Lecture(nature)),
        None => Ok(()),
    }
}

/// Reads and checks the header; returns the table and the header's width. A file refused
/// there is read to its end first: a byte that is not UTF-8 anywhere in it is said before
/// anything else, then a semicolon separator.
fn lire_entete<R: Read>(
    fichier: &str,
    lecteur: &mut Lecteur<R>,
    colonnes: &[Colonne],
) -> Result<(Table, usize), ErreurParcours> {
    let mut entete = csv::StringRecord::new();
    let lu = lecteur.read_record(&mut entete);
    let point_virgule = lecteur.get_ref().point_virgule();
    let lues = match lu {
        _ if point_virgule => Err(ErreurTable::PointVirgule {
            fichier: fichier.to_string(),
        }),
        Ok(false) => Err(ErreurTable::Vide {
            fichier: fichier.to_string(),
        }),
        Err(e) => Err(ErreurTable::Cellules(vec![erreur_csv(fichier, 1, &e)])),
        Ok(true) => positions(fichier, &entete, colonnes).map_err(ErreurTable::Cellules),
    };
    let flux = lecteur.get_mut();
    match lues {
        Err(refus) => {
            flux.finir();
            fin_du_flux(fichier, flux)?;
            Err(ErreurParcours::Table(refus))
        }
        Ok(positions) => {
            flux.sauts_dans_cellules(compter_sauts(entete.iter()));
            let table = Table {
                fichier: fichier.to_string(),
                positions,
                lignes: Vec::new(),
            };
            Ok((table, entete.len()))
        }
    }
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

/// The records after the header, each with its spreadsheet row, and the malformed ones. The
/// cells are handed over in buffers reused from record to record.
fn lire_enregistrements<R: Read>(
    fichier: &str,
    lecteur: &mut Lecteur<R>,
    largeur: usize,
    mut rangee: impl FnMut(usize, &[String]),
) -> Vec<ErreurCellule> {
    let mut erreurs = Vec::new();
    let mut r = csv::StringRecord::new();
    let mut cellules: Vec<String> = Vec::new();
    loop {
        let lu = lecteur.read_record(&mut r);
        if lecteur.get_ref().pas_utf8().is_some() || lecteur.get_ref().erreur().is_some() {
            // Said by the caller, for the whole file.
            break;
        }
        let octet = match &lu {
            Ok(_) => r.position().map(|p| p.byte()),
            Err(e) => e.position().map(|p| p.byte()),
        };
        match lu {
            Ok(false) => break,
            Err(e) => {
                let ligne = lecteur.get_mut().ligne(octet);
                erreurs.push(erreur_csv(fichier, ligne, &e));
                // A broken quote swallows the rest of the file: stop there.
                break;
            }
            Ok(true) => {}
        }
        let flux = lecteur.get_mut();
        let ligne = flux.ligne(octet);
        flux.sauts_dans_cellules(compter_sauts(r.iter()));
        // A spreadsheet's empty row (every cell empty): nothing to import.
        if r.iter().all(str::is_empty) {
            continue;
        }
        if r.len() != largeur {
            erreurs.push(ErreurCellule {
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
            });
            continue;
        }
        cellules.resize_with(r.len(), String::new);
        for (tampon, c) in cellules.iter_mut().zip(r.iter()) {
            tampon.clear();
            tampon.push_str(desechapper(c));
        }
        rangee(ligne, &cellules);
    }
    erreurs
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
