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
use super::{
    Colonne, ErreurCellule, ErreurParcours, ErreurTable, Parcours, Place, Raison, Table,
    parcourir_table,
};
use crate::domain::valider_reference;
use crate::store::{
    Ecriture, ErreurStore, Store, horodatage, inserer_evenement, inserer_personne, journaliser,
};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

/// A file to import: the name shown in errors and where its bytes are read from, once per
/// pass. A file on disk is read piece by piece, never held whole.
#[derive(Debug, Clone)]
pub struct Fichier {
    pub nom: String,
    source: Source,
}

#[derive(Debug, Clone)]
enum Source {
    /// Kept open: each pass reads it again from its start (a file renamed or replaced in
    /// between is still the one checked).
    Disque(Arc<File>),
    Memoire(Arc<[u8]>),
}

impl Fichier {
    /// Opens the file at `chemin` (named in errors as given). A pipe or any other stream that
    /// cannot be read twice is read whole here.
    pub fn ouvrir(chemin: &Path) -> io::Result<Fichier> {
        let mut f = File::open(chemin)?;
        let genre = f.metadata()?.file_type();
        if genre.is_dir() {
            return Err(io::ErrorKind::IsADirectory.into());
        }
        let source = if genre.is_file() {
            Source::Disque(Arc::new(f))
        } else {
            let mut octets = Vec::new();
            f.read_to_end(&mut octets)?;
            Source::Memoire(octets.into())
        };
        Ok(Fichier {
            nom: chemin.display().to_string(),
            source,
        })
    }

    /// A file built in memory (the spreadsheet import's §1/§2 files).
    pub fn en_memoire(nom: impl Into<String>, octets: Vec<u8>) -> Fichier {
        Fichier {
            nom: nom.into(),
            source: Source::Memoire(octets.into()),
        }
    }

    /// Reads every record of the file, from its start, handing each good one to `f`.
    fn parcourir(
        &self,
        colonnes: &[Colonne],
        f: impl FnMut(&Table, usize, &[String]),
    ) -> Result<Parcours, ErreurParcours> {
        match &self.source {
            Source::Memoire(octets) => parcourir_table(&self.nom, &octets[..], colonnes, f),
            Source::Disque(fichier) => {
                let mut lecteur: &File = fichier;
                lecteur
                    .seek(SeekFrom::Start(0))
                    .map_err(|e| ErreurParcours::Lecture(e.kind()))?;
                parcourir_table(&self.nom, lecteur, colonnes, f)
            }
        }
    }
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
    /// The system could not read the file (its kind of failure).
    Lecture {
        fichier: String,
        nature: io::ErrorKind,
    },
    /// The file changed between the check and the writing: nothing was written.
    Modifie {
        fichier: String,
    },
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

/// A file that could not be read through: the problems found in its records before are
/// dropped (`depuis`: how many problems there were before it), the file's refusal is said.
fn probleme_table(
    fichier: usize,
    nom: &str,
    e: &ErreurParcours,
    depuis: usize,
    sortie: &mut Vec<Probleme>,
) {
    let erreur = match e {
        ErreurParcours::Table(ErreurTable::Cellules(v)) => {
            sortie.extend(v.iter().map(|c| probleme_cellule(fichier, c)));
            return;
        }
        ErreurParcours::Table(autre) => ErreurDonnees::Table(autre.clone()),
        ErreurParcours::Lecture(nature) => ErreurDonnees::Lecture {
            fichier: nom.to_string(),
            nature: *nature,
        },
    };
    sortie.truncate(depuis);
    sortie.push(Probleme {
        ordre: (fichier, 0),
        erreur,
    });
}

/// What the people file says, before the database is looked at (its rows are not kept: the
/// writing reads the file again).
struct Lus {
    problemes: Vec<Probleme>,
    /// Every valid reference of the people file, with its first line (even on a row with
    /// other errors: its events should not be reported as orphans).
    refs_fichier: HashMap<String, usize>,
    /// The hash of the file as checked.
    empreinte: Option<u64>,
}

/// First pass over the people file: encoding, header, every cell, repeated references.
fn lire_personnes(personnes: Option<&Fichier>) -> Lus {
    let mut lus = Lus {
        problemes: Vec::new(),
        refs_fichier: HashMap::new(),
        empreinte: None,
    };
    let Some(f) = personnes else {
        return lus;
    };
    let Lus {
        problemes,
        refs_fichier,
        empreinte,
    } = &mut lus;
    let lu = f.parcourir(COLONNES_PERSONNES, |table, ligne, cellules| {
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
                refs_fichier.insert(r, ligne);
            }
        }
        if let Err(v) = lire_personne(table, ligne, cellules) {
            problemes.extend(v.iter().map(|e| probleme_cellule(0, e)));
        }
    });
    match lu {
        Err(e) => {
            // The file is refused whole: its references are none.
            probleme_table(0, &f.nom, &e, 0, problemes);
            refs_fichier.clear();
        }
        Ok(p) => {
            problemes.extend(p.erreurs.iter().map(|e| probleme_cellule(0, e)));
            *empreinte = Some(p.empreinte);
        }
    }
    lus
}

/// Every well-formed event row of the file, in order, to `f`; the refused cells and a file
/// refused as a whole go to `problemes`. Returns the file's hash when it was read whole.
/// A file refused as a whole is said alone: what `f` was given is then to be dropped.
fn parcourir_evenements(
    fichier: &Fichier,
    problemes: &mut Vec<Probleme>,
    mut f: impl FnMut(LigneEvenement),
) -> Option<u64> {
    let mut refusees = Vec::new();
    let lu = fichier.parcourir(
        COLONNES_EVENEMENTS,
        |table, ligne, cellules| match lire_evenement(table, ligne, cellules) {
            Ok(e) => f(e),
            Err(v) => refusees.extend(v.iter().map(|e| probleme_cellule(1, e))),
        },
    );
    match lu {
        Err(e) => {
            probleme_table(1, &fichier.nom, &e, problemes.len(), problemes);
            None
        }
        Ok(p) => {
            problemes.append(&mut refusees);
            problemes.extend(p.erreurs.iter().map(|e| probleme_cellule(1, e)));
            Some(p.empreinte)
        }
    }
}

/// The people already stored: skipped with `ignorer_existants`, else an error. Returns the
/// people to skip.
fn verifier_existantes(
    en_base: &HashMap<String, i64>,
    refs_fichier: &HashMap<String, usize>,
    nom_personnes: &str,
    ignorer_existants: bool,
    problemes: &mut Vec<Probleme>,
) -> HashSet<String> {
    let mut existantes: HashSet<String> = HashSet::new();
    // In any order: the problems are sorted by line at the end.
    for (r, ligne) in refs_fichier {
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

/// What the first pass over the events found: the stored people they name, each once (their
/// stored events are compared with the file's), and the file's hash.
#[derive(Default)]
struct EvenementsVus {
    en_base: Vec<String>,
    empreinte: Option<u64>,
}

/// First pass over the events: their cells and their person (in the file or stored).
fn verifier_evenements(
    evenements: Option<&Fichier>,
    refs_fichier: &HashMap<String, usize>,
    en_base: &HashMap<String, i64>,
    problemes: &mut Vec<Probleme>,
) -> EvenementsVus {
    let Some(fichier) = evenements else {
        return EvenementsVus::default();
    };
    let mut nommees: Vec<String> = Vec::new();
    let mut vues: HashSet<String> = HashSet::new();
    let mut orphelins = Vec::new();
    let empreinte = parcourir_evenements(fichier, problemes, |e| {
        if en_base.contains_key(&e.reference) {
            if !vues.contains(&e.reference) {
                vues.insert(e.reference.clone());
                nommees.push(e.reference);
            }
        } else if !refs_fichier.contains_key(&e.reference) {
            orphelins.push(reference_inconnue(&fichier.nom, &e));
        }
    });
    if empreinte.is_some() {
        problemes.append(&mut orphelins);
    }
    EvenementsVus {
        en_base: nommees,
        empreinte,
    }
}

/// Why the writing stopped: the store refused, or a file changed since it was checked.
enum Arret {
    Store(ErreurStore),
    Modifie(String),
}

impl From<ErreurStore> for Arret {
    fn from(e: ErreurStore) -> Self {
        Arret::Store(e)
    }
}

/// What the writing needs from the check.
struct Verifie<'a> {
    personnes: Option<&'a Fichier>,
    evenements: Option<&'a Fichier>,
    /// The hashes of the files as checked.
    empreintes: [Option<u64>; 2],
    existantes: HashSet<String>,
}

/// The second pass: every person, then every event, read again and written. `deja`: the
/// stored events of the people the events file names, counted by their CSV row.
fn ecrire(
    tx: &Ecriture,
    benevole: &str,
    v: &Verifie,
    mut ids: HashMap<String, i64>,
    mut deja: HashMap<[String; 9], usize>,
) -> Result<BilanImport, Arret> {
    let mut bilan = BilanImport {
        personnes_existantes: v.existantes.len(),
        ..BilanImport::default()
    };
    if let Some(f) = v.personnes {
        let mut echec = None;
        let lu = f.parcourir(COLONNES_PERSONNES, |t, l, c| {
            let Ok(lp) = lire_personne(t, l, c) else {
                return;
            };
            if echec.is_some() || v.existantes.contains(&lp.personne.reference) {
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
            return Err(e.into());
        }
        if lu.map(|p| p.empreinte).ok() != v.empreintes[0] {
            return Err(Arret::Modifie(f.nom.clone()));
        }
    }
    if let Some(f) = v.evenements {
        let saisi_le = horodatage();
        let mut echec = None;
        let empreinte = parcourir_evenements(f, &mut Vec::new(), |e| {
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
            return Err(e.into());
        }
        if empreinte != v.empreintes[1] {
            return Err(Arret::Modifie(f.nom.clone()));
        }
    }
    Ok(bilan)
}

/// Files `verifier_pour_base_vide` accepted: `importer_verifies` writes them into a base still
/// empty without checking them again (their hashes are checked: a file changed since stops
/// the import).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verifies {
    empreintes: [Option<u64>; 2],
}

/// What the check inside the transaction gives the writing.
struct Controle {
    existantes: HashSet<String>,
    /// The stored people the events file names.
    en_base: Vec<String>,
    empreintes: [Option<u64>; 2],
}

/// The checks that need the stored references `ids`, after the people file's own (`lus`).
fn controler(
    lus: Lus,
    ids: &HashMap<String, i64>,
    personnes: Option<&Fichier>,
    evenements: Option<&Fichier>,
    ignorer_existants: bool,
    problemes: &mut Vec<Probleme>,
) -> Controle {
    let Lus {
        problemes: mut lus_problemes,
        refs_fichier,
        empreinte,
    } = lus;
    problemes.append(&mut lus_problemes);
    let nom_personnes = personnes.map(|f| f.nom.as_str()).unwrap_or_default();
    let existantes = verifier_existantes(
        ids,
        &refs_fichier,
        nom_personnes,
        ignorer_existants,
        problemes,
    );
    let vus = verifier_evenements(evenements, &refs_fichier, ids, problemes);
    Controle {
        existantes,
        en_base: vus.en_base,
        empreintes: [empreinte, vus.empreinte],
    }
}

/// Imports `personnes` and/or `evenements` into `store`, all or nothing. `detail_journal`
/// words what was done for the journal.
///
/// Two passes over each file, never a parsed copy of it in memory (nor, for a file on disk,
/// its bytes): the first checks every row (the people file before the transaction; the
/// events, which need the stored references, inside it), the second reads the rows again
/// and writes them. What is checked is what is written, even if another desk imports at the
/// same time; a file that changed in between (its hash differs) stops everything. Into a
/// base holding no person and no event, the secondary indexes are built once, after the rows.
pub fn importer(
    store: &mut Store,
    personnes: Option<&Fichier>,
    evenements: Option<&Fichier>,
    ignorer_existants: bool,
    detail_journal: impl Fn(&BilanImport) -> String,
) -> Result<BilanImport, ErreurImport> {
    importer_avec(
        store,
        (personnes, evenements),
        ignorer_existants,
        None,
        detail_journal,
    )
}

/// `importer` for files `verifier_pour_base_vide` accepted (a base created for them): into
/// a base still empty they are only read to be written; into one another desk filled
/// meanwhile they are checked in full, as by `importer`.
pub fn importer_verifies(
    store: &mut Store,
    personnes: Option<&Fichier>,
    evenements: Option<&Fichier>,
    ignorer_existants: bool,
    verifies: Verifies,
    detail_journal: impl Fn(&BilanImport) -> String,
) -> Result<BilanImport, ErreurImport> {
    importer_avec(
        store,
        (personnes, evenements),
        ignorer_existants,
        Some(verifies),
        detail_journal,
    )
}

fn importer_avec(
    store: &mut Store,
    (personnes, evenements): (Option<&Fichier>, Option<&Fichier>),
    ignorer_existants: bool,
    verifies: Option<Verifies>,
    detail_journal: impl Fn(&BilanImport) -> String,
) -> Result<BilanImport, ErreurImport> {
    if personnes.is_none() && evenements.is_none() {
        return Err(ErreurImport::AucunFichier);
    }
    // The people file is checked before the transaction (unless it was already).
    let mut lus = verifies.is_none().then(|| lire_personnes(personnes));
    let mut problemes = Vec::new();
    // Set when the writing stopped on a file changed since its check (the store then rolls
    // everything back, as for any failure).
    let mut modifie = None;

    // A large write: see `Store::ecrire_en_masse`.
    let resultat = store.ecrire_en_masse(|tx, benevole| {
        let vide = tx.ni_personne_ni_evenement()?;
        let ids: HashMap<String, i64> = tx.ids_par_reference()?;
        let controle = match verifies {
            Some(v) if vide => Controle {
                existantes: HashSet::new(),
                en_base: Vec::new(),
                empreintes: v.empreintes,
            },
            _ => {
                // Checked against what is stored now (a base filled since `verifier`, too).
                let lus = lus.take().unwrap_or_else(|| lire_personnes(personnes));
                let c = controler(
                    lus,
                    &ids,
                    personnes,
                    evenements,
                    ignorer_existants,
                    &mut problemes,
                );
                if !problemes.is_empty() {
                    return Ok(None);
                }
                c
            }
        };
        let mut deja: HashMap<[String; 9], usize> = HashMap::new();
        for r in &controle.en_base {
            if let Some(id) = ids.get(r) {
                for stocke in tx.evenements_de(*id)? {
                    *deja.entry(cellules_evenement(r, &stocke)).or_default() += 1;
                }
            }
        }
        let v = Verifie {
            personnes,
            evenements,
            empreintes: controle.empreintes,
            existantes: controle.existantes,
        };
        let ecrit = if vide {
            tx.index_apres_les_lignes(|| Ok(ecrire(tx, benevole, &v, ids, deja)))?
        } else {
            ecrire(tx, benevole, &v, ids, deja)
        };
        match ecrit {
            Ok(bilan) => {
                journaliser(tx, benevole, "import", None, &detail_journal(&bilan))?;
                Ok(Some(bilan))
            }
            Err(Arret::Store(e)) => Err(e),
            Err(Arret::Modifie(nom)) => {
                let e = ErreurStore::Fichier {
                    chemin: nom.clone().into(),
                    erreur: io::ErrorKind::InvalidData.into(),
                };
                modifie = Some(nom);
                // Any error rolls the whole transaction back; `modifie` says why, below.
                Err(e)
            }
        }
    });
    if let Some(fichier) = modifie {
        return Err(ErreurImport::Donnees(vec![ErreurDonnees::Modifie {
            fichier,
        }]));
    }
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
    verifier_contre(personnes, evenements, en_base, ignorer_existants).map(|(n, _)| n)
}

/// `verifier` against no stored reference, before a base is created for the files: what it
/// accepts, `importer_verifies` writes without checking it again.
pub fn verifier_pour_base_vide(
    personnes: Option<&Fichier>,
    evenements: Option<&Fichier>,
) -> Result<Verifies, Vec<ErreurDonnees>> {
    verifier_contre(personnes, evenements, &HashMap::new(), false)
        .map(|(_, empreintes)| Verifies { empreintes })
}

/// The people the files would add and the files' hashes, or every problem.
fn verifier_contre(
    personnes: Option<&Fichier>,
    evenements: Option<&Fichier>,
    en_base: &HashMap<String, i64>,
    ignorer_existants: bool,
) -> Result<(usize, [Option<u64>; 2]), Vec<ErreurDonnees>> {
    let lus = lire_personnes(personnes);
    let dans_le_fichier = lus.refs_fichier.len();
    let mut problemes = Vec::new();
    let c = controler(
        lus,
        en_base,
        personnes,
        evenements,
        ignorer_existants,
        &mut problemes,
    );
    if problemes.is_empty() {
        // No problem: every person row is valid and its reference unique.
        Ok((dans_le_fichier - c.existantes.len(), c.empreintes))
    } else {
        problemes.sort_by_key(|p| p.ordre);
        Err(problemes.into_iter().map(|p| p.erreur).collect())
    }
}
