//! `vigie import`: every row of every file is checked first, then everything is written in one
//! `Store::ecrire` transaction, or nothing at all (docs/fichiers.md §3).
//!
//! Identical events: an event is identical to a stored one when every CSV column matches
//! (reference, date, type, canal, resultat, echeance, ticket, attente_minutes, notes). Counting
//! is by multiset: if the database holds k copies of a row and the file n, the first k of the
//! file are skipped and n − k are added. So importing the same file twice adds nothing, and two
//! identical rows in one file (two visits the same day) are both kept on the first import.

use super::lignes::{
    COLONNES_EVENEMENTS, COLONNES_PERSONNES, LigneEvenement, cellules_evenement, lire_evenement,
    lire_personne,
};
use super::{ErreurCellule, ErreurTable, Place, Raison, parcourir_table};
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

/// What the people file says, before the database is looked at (its rows are not kept: the
/// writing reads the file again).
struct Lus {
    problemes: Vec<Probleme>,
    /// Every valid reference of the people file, with its first line (even on a row with
    /// other errors: its events should not be reported as orphans).
    refs_fichier: HashMap<String, usize>,
    refs_lignes: Vec<(String, usize)>,
}

/// First pass over the people file: encoding, header, every cell, repeated references.
fn lire_personnes(personnes: Option<&Fichier>) -> Lus {
    let mut lus = Lus {
        problemes: Vec::new(),
        refs_fichier: HashMap::new(),
        refs_lignes: Vec::new(),
    };
    let Some(f) = personnes else {
        return lus;
    };
    let Lus {
        problemes,
        refs_fichier,
        refs_lignes,
    } = &mut lus;
    let lu = parcourir_table(
        &f.nom,
        &f.octets,
        COLONNES_PERSONNES,
        |table, ligne, cellules| {
            if let Ok(r) = valider_reference(table.cellule(cellules, 0)) {
                if let Some(premiere) = refs_fichier.get(&r) {
                    problemes.push(probleme_cellule(
                        0,
                        &ErreurCellule {
                            fichier: f.nom.clone(),
                            ligne,
                            colonne: Place::Colonne("reference"),
                            valeur: r.clone(),
                            raison: Raison::ReferenceEnDouble {
                                premiere: *premiere,
                            },
                        },
                    ));
                } else {
                    refs_fichier.insert(r.clone(), ligne);
                    refs_lignes.push((r, ligne));
                }
            }
            if let Err(v) = lire_personne(table, ligne, cellules) {
                problemes.extend(v.iter().map(|e| probleme_cellule(0, e)));
            }
        },
    );
    match lu {
        Err(e) => probleme_table(0, &e, problemes),
        Ok(erreurs) => problemes.extend(erreurs.iter().map(|e| probleme_cellule(0, e))),
    }
    lus
}

/// Every well-formed event row of the file, in order, to `f`; the refused cells and a file
/// refused as a whole go to `problemes`.
fn parcourir_evenements(
    evenements: Option<&Fichier>,
    problemes: &mut Vec<Probleme>,
    mut f: impl FnMut(LigneEvenement),
) {
    let Some(fichier) = evenements else {
        return;
    };
    let mut refusees = Vec::new();
    let lu = parcourir_table(
        &fichier.nom,
        &fichier.octets,
        COLONNES_EVENEMENTS,
        |table, ligne, cellules| match lire_evenement(table, ligne, cellules) {
            Ok(e) => f(e),
            Err(v) => refusees.extend(v.iter().map(|e| probleme_cellule(1, e))),
        },
    );
    problemes.append(&mut refusees);
    match lu {
        Err(e) => probleme_table(1, &e, problemes),
        Ok(erreurs) => problemes.extend(erreurs.iter().map(|e| probleme_cellule(1, e))),
    }
}

/// The people already stored: skipped with `ignorer_existants`, else an error. Returns the
/// people to skip.
fn verifier_existantes(
    en_base: &HashMap<String, i64>,
    refs_lignes: &[(String, usize)],
    nom_personnes: &str,
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
    existantes
}

/// An event whose person is neither in the file nor in the database.
fn reference_inconnue(nom_evenements: &str, e: &LigneEvenement) -> Probleme {
    probleme_cellule(
        1,
        &ErreurCellule {
            fichier: nom_evenements.to_string(),
            ligne: e.ligne,
            colonne: Place::Colonne("reference"),
            valeur: e.reference.clone(),
            raison: Raison::ReferenceInconnue,
        },
    )
}

/// First pass over the events: their cells and their person (in the file or stored).
/// Returns the references they name, each once.
fn verifier_evenements(
    evenements: Option<&Fichier>,
    refs_fichier: &HashMap<String, usize>,
    en_base: &HashMap<String, i64>,
    nom_evenements: &str,
    problemes: &mut Vec<Probleme>,
) -> Vec<String> {
    let mut nommees: Vec<String> = Vec::new();
    let mut vues: HashSet<String> = HashSet::new();
    let mut orphelins = Vec::new();
    parcourir_evenements(evenements, problemes, |e| {
        if !refs_fichier.contains_key(&e.reference) && !en_base.contains_key(&e.reference) {
            orphelins.push(reference_inconnue(nom_evenements, &e));
        } else if !vues.contains(&e.reference) {
            vues.insert(e.reference.clone());
            nommees.push(e.reference);
        }
    });
    problemes.append(&mut orphelins);
    nommees
}

/// Imports `personnes` and/or `evenements` into `store`, all or nothing. `detail_journal`
/// words what was done for the journal.
///
/// Two passes over each file, never a parsed copy of it in memory: the first checks every
/// row (the people file before the transaction; the events, which need the stored
/// references, inside it), the second reads the rows again and writes them. What is checked
/// is what is written, even if another desk imports at the same time.
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
    let Lus {
        mut problemes,
        refs_fichier,
        refs_lignes,
    } = lire_personnes(personnes);
    let nom_personnes = personnes.map(|f| f.nom.clone()).unwrap_or_default();
    let nom_evenements = evenements.map(|f| f.nom.clone()).unwrap_or_default();

    // A large write: see `Store::ecrire_en_masse`.
    let resultat = store.ecrire_en_masse(|tx, benevole| {
        let mut ids: HashMap<String, i64> = tx.ids_par_reference()?;
        let existantes = verifier_existantes(
            &ids,
            &refs_lignes,
            &nom_personnes,
            ignorer_existants,
            &mut problemes,
        );
        let nommees = verifier_evenements(
            evenements,
            &refs_fichier,
            &ids,
            &nom_evenements,
            &mut problemes,
        );
        if !problemes.is_empty() {
            return Ok(None);
        }

        let mut bilan = BilanImport {
            personnes_existantes: existantes.len(),
            ..BilanImport::default()
        };
        if let Some(f) = personnes {
            let mut echec = None;
            let _ = parcourir_table(&f.nom, &f.octets, COLONNES_PERSONNES, |t, l, c| {
                let Ok(lp) = lire_personne(t, l, c) else {
                    return;
                };
                if echec.is_some() || existantes.contains(&lp.personne.reference) {
                    return;
                }
                match inserer_personne(tx, &lp.personne, benevole) {
                    Ok(id) => {
                        ids.insert(lp.personne.reference, id);
                        bilan.personnes_ajoutees += 1;
                    }
                    Err(e) => echec = Some(e),
                }
            });
            if let Some(e) = echec {
                return Err(e);
            }
        }

        // Stored events of the people this file talks about, counted by their CSV row.
        let mut deja: HashMap<[String; 9], usize> = HashMap::new();
        for r in &nommees {
            if let Some(id) = ids.get(r) {
                for stocke in tx.evenements_de(*id)? {
                    *deja.entry(cellules_evenement(r, &stocke)).or_default() += 1;
                }
            }
        }
        let saisi_le = horodatage();
        let mut echec = None;
        parcourir_evenements(evenements, &mut Vec::new(), |e| {
            if echec.is_some() {
                return;
            }
            if !deja.is_empty() {
                let cle = cellules_evenement(&e.reference, &e.evenement);
                if let Some(n) = deja.get_mut(&cle)
                    && *n > 0
                {
                    *n -= 1;
                    bilan.evenements_identiques += 1;
                    return;
                }
            }
            let Some(id) = ids.get(&e.reference) else {
                return;
            };
            match inserer_evenement(tx, *id, &e.evenement, benevole, &saisi_le) {
                Ok(_) => bilan.evenements_ajoutes += 1,
                Err(e) => echec = Some(e),
            }
        });
        if let Some(e) = echec {
            return Err(e);
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
        refs_fichier,
        refs_lignes,
    } = lire_personnes(personnes);
    let nom_personnes = personnes.map(|f| f.nom.clone()).unwrap_or_default();
    let nom_evenements = evenements.map(|f| f.nom.clone()).unwrap_or_default();
    let existantes = verifier_existantes(
        en_base,
        &refs_lignes,
        &nom_personnes,
        ignorer_existants,
        &mut problemes,
    );
    verifier_evenements(
        evenements,
        &refs_fichier,
        en_base,
        &nom_evenements,
        &mut problemes,
    );
    if problemes.is_empty() {
        // No problem: every person row is valid and its reference unique.
        Ok(refs_lignes.len() - existantes.len())
    } else {
        problemes.sort_by_key(|p| p.ordre);
        Err(problemes.into_iter().map(|p| p.erreur).collect())
    }
}
