//! The corrections exchange file, through the one CSV reader and writer of `csvio`:
//! `departement,champ,valeur,verifie_le,source,auteur,saisi_le` (`source` optional, any
//! column order on input). Reading is all or nothing; every error is typed.

use super::corrections::{
    BilanImport, ChampCorrection, Correction, ErreurDateVerification, ErreurValeurCorrection,
    integrer, sans_controle, toutes, valider_date_verification,
};
use crate::csvio::{
    Colonne, Ecrivain, ErreurCellule, ErreurTable, Place, Raison, Sortie, Table, lire_table,
};
use crate::domain::controle::assainir;
use crate::domain::{Departement, ErreurValeur, GenreTexte, date_iso};
use crate::store::{ErreurStore, Store};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

/// Column names of the exchange file, in output order.
pub const COLONNES_CSV: [&str; 7] = [
    "departement",
    "champ",
    "valeur",
    "verifie_le",
    "source",
    "auteur",
    "saisi_le",
];

/// The same, for the reader: every column but `source` is required.
const COLONNES: [Colonne; 7] = {
    const fn c(nom: &'static str, requise: bool) -> Colonne {
        Colonne { nom, requise }
    }
    [
        c("departement", true),
        c("champ", true),
        c("valeur", true),
        c("verifie_le", true),
        c("source", false),
        c("auteur", true),
        c("saisi_le", true),
    ]
};

/// Why a line (or a header cell) of an exchange file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RaisonLigne {
    ColonneInconnue,
    ColonneRepetee,
    ColonneManquante,
    NombreCellules {
        lues: usize,
        attendues: usize,
    },
    /// The CSV reader's own message.
    Csv(String),
    /// Any other refusal of the shared reader.
    Lecture(Raison),
    Departement(ErreurValeur),
    ChampInconnu,
    Valeur(ErreurValeurCorrection),
    VerifieLe(ErreurDateVerification),
    /// `saisi_le` is not `AAAA-MM-JJ HH:MM:SS`.
    Horodatage,
}

/// One refused line: `fichier:ligne: colonne: valeur: raison`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErreurLigne {
    pub fichier: String,
    pub ligne: usize,
    /// Empty for a whole line.
    pub colonne: String,
    pub valeur: String,
    pub raison: RaisonLigne,
}

/// Why an exchange file is not written or not read.
#[derive(Debug)]
pub enum ErreurEchange {
    PasUtf8 {
        fichier: String,
    },
    PointVirgule {
        fichier: String,
    },
    Vide {
        fichier: String,
    },
    Illisible {
        fichier: String,
        detail: String,
    },
    /// Every refused line, in file order.
    Lignes(Vec<ErreurLigne>),
    /// The CSV writer failed.
    Ecriture(String),
    EcritureFichier {
        chemin: PathBuf,
        erreur: std::io::Error,
    },
    LectureFichier {
        chemin: PathBuf,
        erreur: std::io::Error,
    },
    Store(ErreurStore),
}

impl From<ErreurStore> for ErreurEchange {
    fn from(e: ErreurStore) -> Self {
        ErreurEchange::Store(e)
    }
}

/// The exchange file's bytes for these corrections.
pub fn vers_csv(corrections: &[Correction]) -> Result<Vec<u8>, ErreurEchange> {
    let err = |e: std::io::Error| ErreurEchange::Ecriture(e.to_string());
    let mut w = Ecrivain::new(Vec::new());
    w.entete(&COLONNES_CSV).map_err(err)?;
    for c in corrections {
        let verifie_le = date_iso(c.verifie_le);
        w.ligne(&[
            Sortie::Texte(c.departement.code()),
            Sortie::Texte(c.champ.code()),
            Sortie::Texte(&assainir(&c.valeur, c.champ.genre_texte())),
            Sortie::Texte(&verifie_le),
            Sortie::Texte(&assainir(&c.source, GenreTexte::Ligne)),
            Sortie::Texte(&assainir(&c.auteur, GenreTexte::Ligne)),
            Sortie::Texte(&c.saisi_le),
        ])
        .map_err(err)?;
    }
    w.terminer().map_err(err)
}

/// Writes every stored correction to `chemin`; returns how many.
pub fn exporter(store: &Store, chemin: &Path) -> Result<usize, ErreurEchange> {
    let toutes = toutes(store)?;
    let octets = vers_csv(&toutes)?;
    // Replaced whole or not at all, owner-only, a symlink there never followed.
    crate::fichiers::ecrire_prive(chemin, &octets, crate::fichiers::SiExiste::Remplacer).map_err(
        |erreur| ErreurEchange::EcritureFichier {
            chemin: chemin.to_path_buf(),
            erreur,
        },
    )?;
    Ok(toutes.len())
}

/// A refusal of the shared reader, in the exchange file's terms.
fn depuis_table(nom: &str, e: ErreurTable) -> ErreurEchange {
    let fichier = nom.to_string();
    match e {
        ErreurTable::PasUtf8 { .. } => ErreurEchange::PasUtf8 { fichier },
        ErreurTable::PointVirgule { .. } => ErreurEchange::PointVirgule { fichier },
        ErreurTable::Vide { .. } => ErreurEchange::Vide { fichier },
        ErreurTable::Cellules(v) => {
            // The header itself unreadable: the whole file is.
            if let Some(detail) = v.iter().find_map(|c| match &c.raison {
                Raison::CsvIllisible(d) if c.ligne == 1 => Some(d.clone()),
                _ => None,
            }) {
                return ErreurEchange::Illisible { fichier, detail };
            }
            ErreurEchange::Lignes(v.into_iter().map(depuis_cellule).collect())
        }
    }
}

/// A header problem or a malformed record of the shared reader.
fn depuis_cellule(c: ErreurCellule) -> ErreurLigne {
    let (colonne, valeur, raison) = match c.raison {
        Raison::ColonneInconnue { .. } => {
            (c.valeur.clone(), c.valeur, RaisonLigne::ColonneInconnue)
        }
        Raison::ColonneRepetee => (c.valeur.clone(), c.valeur, RaisonLigne::ColonneRepetee),
        Raison::ColonneAbsente => {
            let nom = match c.colonne {
                Place::Colonne(nom) => nom.to_string(),
                _ => String::new(),
            };
            (nom, String::new(), RaisonLigne::ColonneManquante)
        }
        Raison::NombreCellules {
            trouvees,
            attendues,
        }
        | Raison::GuillemetNonFerme {
            trouvees,
            attendues,
        } => (
            String::new(),
            String::new(),
            RaisonLigne::NombreCellules {
                lues: trouvees,
                attendues,
            },
        ),
        Raison::CsvIllisible(d) => (String::new(), String::new(), RaisonLigne::Csv(d)),
        // The reader gives no other reason; worded as the reader's if it ever does.
        autre => (String::new(), String::new(), RaisonLigne::Lecture(autre)),
    };
    ErreurLigne {
        fichier: c.fichier,
        ligne: c.ligne,
        colonne,
        valeur,
        raison,
    }
}

/// Reads an exchange file. All or nothing: every refused line is listed.
pub fn lire_csv(
    nom: &str,
    octets: &[u8],
    aujourdhui: NaiveDate,
) -> Result<Vec<Correction>, ErreurEchange> {
    let (table, malformees) =
        lire_table(nom, octets, &COLONNES).map_err(|e| depuis_table(nom, e))?;
    let mut erreurs: Vec<ErreurLigne> = malformees.into_iter().map(depuis_cellule).collect();
    let mut lues = Vec::new();
    for (ligne, cellules) in &table.lignes {
        match lire_ligne(&table, *ligne, cellules, aujourdhui) {
            Ok(c) => lues.push(c),
            Err(v) => erreurs.extend(v),
        }
    }
    if erreurs.is_empty() {
        Ok(lues)
    } else {
        erreurs.sort_by_key(|e| e.ligne);
        Err(ErreurEchange::Lignes(erreurs))
    }
}

/// One record as a correction, or every refused cell of it.
fn lire_ligne(
    table: &Table,
    ligne: usize,
    cellules: &[String],
    aujourdhui: NaiveDate,
) -> Result<Correction, Vec<ErreurLigne>> {
    let cell = |nom: &str| -> &str {
        COLONNES
            .iter()
            .position(|c| c.nom == nom)
            .map_or("", |k| table.cellule(cellules, k))
    };
    let mut erreurs = Vec::new();
    let mut err = |col: &str, raison: RaisonLigne| {
        erreurs.push(ErreurLigne {
            fichier: table.fichier.clone(),
            ligne,
            colonne: col.to_string(),
            valeur: cell(col).to_string(),
            raison,
        });
    };
    let dep = Departement::depuis_code(cell("departement"))
        .map_err(|e| err("departement", RaisonLigne::Departement(e)))
        .ok();
    let champ = ChampCorrection::depuis_code(cell("champ"));
    if champ.is_none() {
        err("champ", RaisonLigne::ChampInconnu);
    }
    let valeur = champ.and_then(|c| {
        c.valider(cell("valeur"))
            .map_err(|e| err("valeur", RaisonLigne::Valeur(e)))
            .ok()
    });
    let verifie = valider_date_verification(cell("verifie_le"), aujourdhui)
        .map_err(|e| err("verifie_le", RaisonLigne::VerifieLe(e)))
        .ok();
    let auteur = cell("auteur").trim().to_string();
    if auteur.is_empty() {
        err("auteur", RaisonLigne::Valeur(ErreurValeurCorrection::Vide));
    } else if let Err(e) = sans_controle(&auteur, GenreTexte::Ligne) {
        err("auteur", RaisonLigne::Valeur(e));
    }
    if let Err(e) = sans_controle(cell("source").trim(), GenreTexte::Ligne) {
        err("source", RaisonLigne::Valeur(e));
    }
    let saisi = cell("saisi_le").trim().to_string();
    if NaiveDateTime::parse_from_str(&saisi, "%Y-%m-%d %H:%M:%S").is_err() {
        err("saisi_le", RaisonLigne::Horodatage);
    }
    match (dep, champ, valeur, verifie) {
        (Some(departement), Some(champ), Some(valeur), Some(verifie_le)) if erreurs.is_empty() => {
            Ok(Correction {
                departement,
                champ,
                valeur,
                verifie_le,
                source: cell("source").trim().to_string(),
                auteur,
                saisi_le: saisi,
            })
        }
        _ => Err(erreurs),
    }
}

/// Reads `chemin` and adds its corrections (all or nothing).
pub fn importer(
    store: &mut Store,
    chemin: &Path,
    aujourdhui: NaiveDate,
) -> Result<BilanImport, ErreurEchange> {
    let octets = std::fs::read(chemin).map_err(|erreur| ErreurEchange::LectureFichier {
        chemin: chemin.to_path_buf(),
        erreur,
    })?;
    let nom = chemin.display().to_string();
    let lues = lire_csv(&nom, &octets, aujourdhui)?;
    Ok(integrer(store, &lues)?)
}
