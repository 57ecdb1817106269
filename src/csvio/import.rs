//! `vigie import`: every row of every file is checked first, then everything is written in one
//! `Store::ecrire` transaction, or nothing at all (docs/fichiers.md §3).
//!
//! Identical events: an event is identical to a stored one when every CSV column matches
//! (reference, date, type, canal, resultat, echeance, ticket, attente_minutes, notes). Counting
//! is by multiset: if the database holds k copies of a row and the file n, the first k of the
//! file are skipped and n − k are added. So importing the same file twice adds nothing, and two
//! identical rows in one file (two visits the same day) are both kept on the first import.

use super::lignes::{
    COLONNES_EVENEMENTS, COLONNES_PERSONNES, LigneEvenement, LignePersonne, cellules_evenement,
    lire_evenement, lire_personne,
};
use super::{ErreurCellule, ErreurTable, Place, Raison, lire_table};
use crate::domain::valider_reference;
use crate::store::{
    ErreurStore, Store, horodatage, inserer_evenement, inserer_personne, journaliser,
};
use std::collections::{HashMap, HashSet};

/// A file to import: the name shown in errors and its bytes.
#[derive(Debug, Clone)]
pub struct Fichier {
    pub nom: String,
    pub octets: Vec<u8>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BilanImport {
    pub personnes_ajoutees: usize,
    pub evenements_ajoutes: usize,
    /// Events identical to one already stored, skipped.
    pub evenements_identiques: usize,
    /// People already in the database, skipped with `--ignorer-existants`.
    pub personnes_existantes: usize,
}

/// One problem of the files: a file refused as a whole, or a refused cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurDonnees {
    /// Never `ErreurTable::Cellules`: those are listed one by one.
    Table(ErreurTable),
    Cellule(ErreurCellule),
}

/// Why nothing was imported.
#[derive(Debug)]
pub enum ErreurImport {
    /// Neither file was given.
    AucunFichier,
    /// The files are wrong: one problem per line, in file and line order.
    Donnees(Vec<ErreurDonnees>),
    /// The database refused (locked, unreadable…): nothing was written either.
    Store(ErreurStore),
}

impl From<ErreurStore> for ErreurImport {
    fn from(e: ErreurStore) -> Self {
        ErreurImport::Store(e)
    }
}

/// A problem found while checking, kept with its place so that the list can be sorted.
#[derive(Debug)]
struct Probleme {
    ordre: (usize, usize),
    erreur: ErreurDonnees,
}

fn probleme_cellule(fichier: usize, e: &ErreurCellule) -> Probleme {
    Probleme {
        ordre: (fichier, e.ligne),
        erreur: ErreurDonnees::Cellule(e.clone()),
    }
}

fn probleme_table(fichier: usize, e: &ErreurTable, sortie: &mut Vec<Probleme>) {
    match e {
        ErreurTable::Cellules(v) => sortie.extend(v.iter().map(|c| probleme_cellule(fichier, c))),
        autre => sortie.push(Probleme {
            ordre: (fichier, 0),
            erreur: ErreurDonnees::Table(autre.clone()),
        }),
    }
}

/// What the files say, before the database is looked at.
struct Lus {
    problemes: Vec<Probleme>,
    lignes_personnes: Vec<LignePersonne>,
    /// Every valid reference of the people file, with its first line (even on a row with
    /// other errors: its events should not be reported as orphans).
    refs_fichier: HashMap<String, usize>,
    refs_lignes: Vec<(String, usize)>,
    lignes_evenements: Vec<LigneEvenement>,
}

/// Checks each file on its own: encoding, header, every cell.
fn lire_fichiers(personnes: Option<&Fichier>, evenements: Option<&Fichier>) -> Lus {
    let mut problemes: Vec<Probleme> = Vec::new();

    let mut lignes_personnes: Vec<LignePersonne> = Vec::new();
    let mut refs_fichier: HashMap<String, usize> = HashMap::new();
    let mut refs_lignes: Vec<(String, usize)> = Vec::new();
    if let Some(f) = personnes {
        match lire_table(&f.nom, &f.octets, COLONNES_PERSONNES) {
            Err(e) => probleme_table(0, &e, &mut problemes),
            Ok((table, erreurs)) => {
                problemes.extend(erreurs.iter().map(|e| probleme_cellule(0, e)));
                for (ligne, cellules) in &table.lignes {
                    if let Ok(r) = valider_reference(table.cellule(cellules, 0)) {
                        if let Some(premiere) = refs_fichier.get(&r) {
                            problemes.push(probleme_cellule(
                                0,
                                &ErreurCellule {
                                    fichier: f.nom.clone(),
                                    ligne: *ligne,
                                    colonne: Place::Colonne("reference"),
                                    valeur: r.clone(),
                                    raison: Raison::ReferenceEnDouble {
                                        premiere: *premiere,
                                    },
                                },
                            ));
                        } else {
                            refs_fichier.insert(r.clone(), *ligne);
                            refs_lignes.push((r, *ligne));
                        }
                    }
                    match lire_personne(&table, *ligne, cellules) {
                        Ok(p) => lignes_personnes.push(p),
                        Err(v) => problemes.extend(v.iter().map(|e| probleme_cellule(0, e))),
                    }
                }
            }
        }
    }
    let mut lignes_evenements: Vec<LigneEvenement> = Vec::new();
    if let Some(f) = evenements {
        match lire_table(&f.nom, &f.octets, COLONNES_EVENEMENTS) {
            Err(e) => probleme_table(1, &e, &mut problemes),
            Ok((table, erreurs)) => {
                problemes.extend(erreurs.iter().map(|e| probleme_cellule(1, e)));
                for (ligne, cellules) in &table.lignes {
                    match lire_evenement(&table, *ligne, cellules) {
                        Ok(e) => lignes_evenements.push(e),
                        Err(v) => problemes.extend(v.iter().map(|e| probleme_cellule(1, e))),
                    }
                }
            }
        }
    }
    Lus {
        problemes,
        lignes_personnes,
        refs_fichier,
        refs_lignes,
        lignes_evenements,
    }
}

/// The checks against the references already stored: a person already there (skipped with
/// `ignorer_existants`, else an error) and an event whose person is nowhere. Returns the
/// people to skip.
fn verifier_references(
    en_base: &HashMap<String, i64>,
    refs_fichier: &HashMap<String, usize>,
    refs_lignes: &[(String, usize)],
    lignes_evenements: &[LigneEvenement],
    (nom_personnes, nom_evenements): (&str, &str),
    ignorer_existants: bool,
    problemes: &mut Vec<Probleme>,
) -> HashSet<String> {
    let mut existantes: HashSet<String> = HashSet::new();
    for (r, ligne) in refs_lignes {
        if en_base.contains_key(r) {
            if ignorer_existants {
                existantes.insert(r.clone());
            } else {
                problemes.push(probleme_cellule(
                    0,
                    &ErreurCellule {
                        fichier: nom_personnes.to_string(),
                        ligne: *ligne,
                        colonne: Place::Colonne("reference"),
                        valeur: r.clone(),
                        raison: Raison::ReferenceEnBase,
                    },
                ));
            }
        }
    }
    for e in lignes_evenements {
        if !refs_fichier.contains_key(&e.reference) && !en_base.contains_key(&e.reference) {
            problemes.push(probleme_cellule(
                1,
                &ErreurCellule {
                    fichier: nom_evenements.to_string(),
                    ligne: e.ligne,
                    colonne: Place::Colonne("reference"),
                    valeur: e.reference.clone(),
                    raison: Raison::ReferenceInconnue,
                },
            ));
        }
    }
    existantes
}

/// Imports `personnes` and/or `evenements` into `store`, all or nothing. `detail_journal`
/// words what was done for the journal.
pub fn importer(
    store: &mut Store,
    personnes: Option<&Fichier>,
    evenements: Option<&Fichier>,
    ignorer_existants: bool,
    detail_journal: impl Fn(&BilanImport) -> String,
) -> Result<BilanImport, ErreurImport> {
    if personnes.is_none() && evenements.is_none() {
        return Err(ErreurImport::AucunFichier);
    }
    // 1. Each file on its own: encoding, header, every cell.
    let Lus {
        mut problemes,
        lignes_personnes,
        refs_fichier,
        refs_lignes,
        lignes_evenements,
    } = lire_fichiers(personnes, evenements);
    let nom_personnes = personnes.map(|f| f.nom.clone()).unwrap_or_default();
    let nom_evenements = evenements.map(|f| f.nom.clone()).unwrap_or_default();

    // 2. Against the database, and the writing, in one transaction: what is checked is what
    //    is written, even if another desk imports at the same time (a large write: see
    //    `Store::ecrire_en_masse`).
    let resultat = store.ecrire_en_masse(|tx, benevole| {
        let en_base: HashMap<String, i64> = tx.ids_par_reference()?;
        let existantes = verifier_references(
            &en_base,
            &refs_fichier,
            &refs_lignes,
            &lignes_evenements,
            (&nom_personnes, &nom_evenements),
            ignorer_existants,
            &mut problemes,
        );
        if !problemes.is_empty() {
            return Ok(None);
        }

        let mut bilan = BilanImport {
            personnes_existantes: existantes.len(),
            ..BilanImport::default()
        };
        let mut ids = en_base;
        for lp in &lignes_personnes {
            if existantes.contains(&lp.personne.reference) {
                continue;
            }
            let id = inserer_personne(tx, &lp.personne, benevole)?;
            ids.insert(lp.personne.reference.clone(), id);
            bilan.personnes_ajoutees += 1;
        }

        // Stored events of the people this file talks about, counted by their CSV row.
        let mut deja: HashMap<[String; 9], usize> = HashMap::new();
        let mut vues: HashSet<&str> = HashSet::new();
        for e in &lignes_evenements {
            if !vues.insert(e.reference.as_str()) {
                continue;
            }
            if let Some(id) = ids.get(&e.reference) {
                for stocke in tx.evenements_de(*id)? {
                    *deja
                        .entry(cellules_evenement(&e.reference, &stocke))
                        .or_default() += 1;
                }
            }
        }
        let saisi_le = horodatage();
        for e in &lignes_evenements {
            let cle = cellules_evenement(&e.reference, &e.evenement);
            if let Some(n) = deja.get_mut(&cle)
                && *n > 0
            {
                *n -= 1;
                bilan.evenements_identiques += 1;
                continue;
            }
            let Some(id) = ids.get(&e.reference) else {
                continue;
            };
            inserer_evenement(tx, *id, &e.evenement, benevole, &saisi_le)?;
            bilan.evenements_ajoutes += 1;
        }
        journaliser(tx, benevole, "import", None, &detail_journal(&bilan))?;
        Ok(Some(bilan))
    });
    match resultat? {
        Some(bilan) => Ok(bilan),
        None => {
            problemes.sort_by_key(|p| p.ordre);
            Err(ErreurImport::Donnees(
                problemes.into_iter().map(|p| p.erreur).collect(),
            ))
        }
    }
}

/// Checks `personnes` and/or `evenements` as `importer` does, against the references of
/// `en_base` (those of the database, or none for a base not created yet), and writes nothing:
/// the dry run of `vigie import --tableur --essai`, and the check made before a new base is
/// created (a refused import creates no database). Returns the people the files hold.
pub fn verifier(
    personnes: Option<&Fichier>,
    evenements: Option<&Fichier>,
    en_base: &HashMap<String, i64>,
    ignorer_existants: bool,
) -> Result<usize, Vec<ErreurDonnees>> {
    let Lus {
        mut problemes,
        lignes_personnes,
        refs_fichier,
        refs_lignes,
        lignes_evenements,
    } = lire_fichiers(personnes, evenements);
    let nom_personnes = personnes.map(|f| f.nom.clone()).unwrap_or_default();
    let nom_evenements = evenements.map(|f| f.nom.clone()).unwrap_or_default();
    let existantes = verifier_references(
        en_base,
        &refs_fichier,
        &refs_lignes,
        &lignes_evenements,
        (&nom_personnes, &nom_evenements),
        ignorer_existants,
        &mut problemes,
    );
    if problemes.is_empty() {
        Ok(lignes_personnes.len() - existantes.len())
    } else {
        problemes.sort_by_key(|p| p.ordre);
        Err(problemes.into_iter().map(|p| p.erreur).collect())
    }
}
