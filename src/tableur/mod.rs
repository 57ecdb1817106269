//! `vigie import --tableur`: the spreadsheet a desk already has (docs/fichiers.md §3b).
//!
//! The sheet is read (`lecture`), its header row found, each column matched to a §1 field
//! (or kept in the notes), each value translated (`valeurs`), and the whole turned into the
//! exact `personnes.csv` (and `evenements.csv`, when a recipe makes events) that the strict
//! import checks and writes: no rule is written twice. Errors are then given back in the
//! sheet's own terms (its row, its header, the value as typed).
//!
//! Nothing here speaks French: the header synonyms, value labels and yes/no words come in a
//! `Vocabulaire` from `textes`.

pub mod lecture;
pub mod modele;
pub mod recette;
pub mod valeurs;

use crate::csvio::import::{BilanImport, ErreurDonnees, ErreurImport, Fichier, importer, verifier};
use crate::csvio::lignes::{COLONNES_EVENEMENTS, COLONNES_PERSONNES, noms};
use crate::csvio::{Ecrivain, ErreurTable, Place, Raison, Sortie};
use crate::store::Store;
use chrono::NaiveDate;
use lecture::{Cellule, ErreurLecture, Feuille};
use recette::{DANS_NOTES, IGNORER, Recette, RecetteEvenement};
use std::collections::{BTreeMap, HashMap, HashSet};
use valeurs::{Genre, cle_entete, genre, traduire};

/// Each code of a coded field with the labels that mean it.
pub type Libelles = Vec<(&'static str, Vec<&'static str>)>;

/// The words of a language that the matching needs, given by the caller.
#[derive(Debug, Clone, Default)]
pub struct Vocabulaire {
    /// For each §1 column name, the headers that mean it (besides the name itself).
    pub synonymes: Vec<(&'static str, Vec<&'static str>)>,
    /// Small words ignored in headers (« de », « du »…).
    pub mots_vides: Vec<&'static str>,
    /// For each coded field (`demarche`, `blocage`, `type`, `canal`, `resultat`), each code
    /// with the labels that mean it.
    pub codes: Vec<(&'static str, Libelles)>,
    pub oui: Vec<&'static str>,
    pub non: Vec<&'static str>,
    /// The word naming a column whose header is blank (« Colonne » F).
    pub colonne: &'static str,
}

/// Where a column of the sheet goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cible {
    /// A §1 field.
    Champ(&'static str),
    /// Into the notes, as « Colonne : valeur ».
    Notes,
    /// Left out (a recipe or the volunteer said so).
    Ignoree,
    /// Read by an event of the recipe.
    Evenement,
}

/// One column of the sheet and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colonne {
    /// Its index (0 for column A).
    pub position: usize,
    /// Its header as written (or « Colonne F » when blank).
    pub en_tete: String,
    pub cible: Cible,
    /// The first non-empty value under it.
    pub exemple: String,
    /// How the target was chosen: by the recipe (true) or by the header (false).
    pub par_recette: bool,
}

/// The letter(s) of a spreadsheet column: 0 → A, 26 → AA.
pub fn lettre(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The sheet read, its columns mapped; everything needed to check it and import it.
#[derive(Debug, Clone)]
pub struct Tableur {
    pub fichier: String,
    pub feuille: Feuille,
    pub ligne_entete: usize,
    pub colonnes: Vec<Colonne>,
    pub evenements: Vec<RecetteEvenement>,
    /// Values translated by a recipe, per field.
    pub valeurs: BTreeMap<String, BTreeMap<String, String>>,
}

/// A row of the sheet that holds a person (not the header, not above it, not empty).
fn lignes_donnees(t: &Tableur) -> impl Iterator<Item = &(usize, Vec<Cellule>)> {
    t.feuille
        .lignes
        .iter()
        .filter(move |(l, c)| *l > t.ligne_entete && c.iter().any(|x| !x.est_vide()))
}

/// The §1 field a header means, if any.
pub fn champ_de(en_tete: &str, vocabulaire: &Vocabulaire) -> Option<&'static str> {
    let cle = cle_entete(en_tete, &vocabulaire.mots_vides);
    if cle.is_empty() {
        return None;
    }
    for c in COLONNES_PERSONNES {
        if cle_entete(c.nom, &vocabulaire.mots_vides) == cle {
            return Some(c.nom);
        }
    }
    vocabulaire
        .synonymes
        .iter()
        .find(|(_, s)| {
            s.iter()
                .any(|x| cle_entete(x, &vocabulaire.mots_vides) == cle)
        })
        .map(|(c, _)| *c)
}

/// The header row: among the first 30 rows, the one whose cells name the most fields (the
/// first non-empty row when none does).
fn ligne_entete(f: &Feuille, vocabulaire: &Vocabulaire, recette: Option<&Recette>) -> usize {
    let score = |cellules: &[Cellule]| {
        cellules
            .iter()
            .filter(|c| {
                let t = c.texte();
                champ_de(&t, vocabulaire).is_some()
                    || recette.is_some_and(|r| r.colonnes.contains_key(t.trim()))
            })
            .count()
    };
    let mut meilleure: Option<(usize, usize)> = None;
    for (l, c) in f.lignes.iter().take(30) {
        let s = score(c);
        if s > 0 && meilleure.is_none_or(|(_, m)| s > m) {
            meilleure = Some((*l, s));
        }
    }
    meilleure.map(|(l, _)| l).unwrap_or_else(|| {
        f.lignes
            .iter()
            .find(|(_, c)| c.iter().any(|x| !x.est_vide()))
            .map(|(l, _)| *l)
            .unwrap_or(1)
    })
}

/// Reads the sheet and maps its columns: by the recipe for the headers it names, by the
/// headers otherwise (a field already taken by an earlier column sends the later one to the
/// notes).
pub fn ouvrir(
    fichier: &str,
    octets: &[u8],
    feuille: Option<&str>,
    recette: Option<&Recette>,
    vocabulaire: &Vocabulaire,
) -> Result<Tableur, ErreurLecture> {
    let feuille = feuille.or(recette.and_then(|r| r.feuille.as_deref()));
    let f = lecture::lire(fichier, octets, feuille)?;
    if f.lignes
        .iter()
        .all(|(_, c)| c.iter().all(Cellule::est_vide))
    {
        return Err(ErreurLecture::Vide);
    }
    let entete = recette
        .and_then(|r| r.ligne_entete)
        .unwrap_or_else(|| ligne_entete(&f, vocabulaire, recette));
    let cellules_entete: Vec<String> = f
        .lignes
        .iter()
        .find(|(l, _)| *l == entete)
        .map(|(_, c)| c.iter().map(|x| x.texte().trim().to_string()).collect())
        .unwrap_or_default();
    let largeur = f
        .lignes
        .iter()
        .filter(|(l, _)| *l >= entete)
        .map(|(_, c)| c.iter().rposition(|x| !x.est_vide()).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0);
    let evenements = recette.map(|r| r.evenements.clone()).unwrap_or_default();
    let lues_par_evenements: HashSet<&str> = evenements
        .iter()
        .flat_map(|e| e.colonnes().into_iter().map(|(_, c)| c))
        .collect();
    let mut colonnes = Vec::new();
    let mut prises: HashSet<&'static str> = HashSet::new();
    for i in 0..largeur {
        let en_tete = cellules_entete.get(i).cloned().filter(|h| !h.is_empty());
        let en_tete = en_tete.unwrap_or_else(|| format!("{} {}", vocabulaire.colonne, lettre(i)));
        let (cible, par_recette) = if lues_par_evenements.contains(en_tete.as_str()) {
            (Cible::Evenement, true)
        } else if let Some(c) = recette.and_then(|r| r.colonnes.get(&en_tete)) {
            (cible_recette(c), true)
        } else {
            (
                champ_de(&en_tete, vocabulaire).map_or(Cible::Notes, Cible::Champ),
                false,
            )
        };
        let cible = match cible {
            Cible::Champ(c) if !prises.insert(c) => Cible::Notes,
            c => c,
        };
        let exemple = f
            .lignes
            .iter()
            .filter(|(l, _)| *l > entete)
            .filter_map(|(_, c)| c.get(i))
            .find(|c| !c.est_vide())
            .map(Cellule::texte)
            .unwrap_or_default();
        colonnes.push(Colonne {
            position: i,
            en_tete,
            cible,
            exemple,
            par_recette,
        });
    }
    Ok(Tableur {
        fichier: fichier.to_string(),
        feuille: f,
        ligne_entete: entete,
        colonnes,
        evenements,
        valeurs: recette.map(|r| r.valeurs.clone()).unwrap_or_default(),
    })
}

fn cible_recette(c: &str) -> Cible {
    match c {
        DANS_NOTES => Cible::Notes,
        IGNORER => Cible::Ignoree,
        autre => COLONNES_PERSONNES
            .iter()
            .find(|x| x.nom == autre)
            .map_or(Cible::Notes, |x| Cible::Champ(x.nom)),
    }
}

/// Next free `AAAA-NNNN` reference for the year of `aujourdhui` (as the person form does).
fn reference_suivante(prises: &HashSet<String>, aujourdhui: NaiveDate) -> String {
    use chrono::Datelike;
    let prefixe = format!("{:04}-", aujourdhui.year());
    let max = prises
        .iter()
        .filter_map(|r| r.strip_prefix(&prefixe))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefixe}{:04}", max + 1)
}

/// The strict files made from the sheet, and where each of their rows comes from.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub personnes: Fichier,
    /// For each record of `personnes` (in order), its row in the sheet.
    pub lignes_personnes: Vec<usize>,
    pub evenements: Option<Fichier>,
    /// For each record of `evenements`, its row in the sheet and its event in the recipe.
    pub lignes_evenements: Vec<(usize, usize)>,
    pub references_generees: usize,
    /// What each coded value was read as, per field: the translations a recipe would keep.
    pub traductions: BTreeMap<String, BTreeMap<String, String>>,
}

/// The names given to the two strict files inside (errors are reported with the sheet's).
const INTERNE_PERSONNES: &str = "\u{0}personnes";
const INTERNE_EVENEMENTS: &str = "\u{0}evenements";

/// A value translated by the recipe first, then by the rules of `valeurs`.
fn valeur(
    t: &Tableur,
    champ: &'static str,
    cellule: &Cellule,
    vocabulaire: &Vocabulaire,
    aujourdhui: NaiveDate,
    traductions: &mut BTreeMap<String, BTreeMap<String, String>>,
) -> String {
    let brut = cellule.texte();
    if let Some(v) = t.valeurs.get(champ).and_then(|m| m.get(brut.trim())) {
        return v.clone();
    }
    let g = genre(champ);
    let sortie = traduire(cellule, g, vocabulaire, aujourdhui);
    if matches!(g, Genre::Code(_) | Genre::OuiNon | Genre::Departement)
        && !brut.trim().is_empty()
        && sortie != brut.trim()
    {
        traductions
            .entry(champ.to_string())
            .or_default()
            .insert(brut.trim().to_string(), sortie.clone());
    }
    sortie
}

/// Turns the mapped sheet into the strict files. `prises`: references already used (in the
/// database), so that generated ones are new.
pub fn convertir(
    t: &Tableur,
    vocabulaire: &Vocabulaire,
    prises: &HashSet<String>,
    aujourdhui: NaiveDate,
) -> Conversion {
    let mut traductions = BTreeMap::new();
    let mut prises = prises.clone();
    let col_ref = t
        .colonnes
        .iter()
        .find(|c| c.cible == Cible::Champ("reference"))
        .map(|c| c.position);
    if let Some(i) = col_ref {
        for (_, c) in lignes_donnees(t) {
            if let Some(x) = c.get(i) {
                prises.insert(x.texte().trim().to_string());
            }
        }
    }
    let mut lignes_personnes = Vec::new();
    let mut generees = 0;
    let mut ecr = Ecrivain::new(Vec::new());
    let _ = ecr.entete(&noms(COLONNES_PERSONNES));
    let mut references: Vec<(usize, String)> = Vec::new();
    for (ligne, cellules) in lignes_donnees(t) {
        let vide = Cellule::Vide;
        let mut sortie: Vec<String> = vec![String::new(); COLONNES_PERSONNES.len()];
        let mut notes_colonnes: Vec<String> = Vec::new();
        for col in &t.colonnes {
            let cellule = cellules.get(col.position).unwrap_or(&vide);
            match &col.cible {
                Cible::Champ(champ) => {
                    let k = COLONNES_PERSONNES.iter().position(|c| c.nom == *champ);
                    if let Some(k) = k {
                        sortie[k] =
                            valeur(t, champ, cellule, vocabulaire, aujourdhui, &mut traductions);
                    }
                }
                Cible::Notes if !cellule.est_vide() => {
                    notes_colonnes.push(format!("{} : {}", col.en_tete, cellule.texte().trim()));
                }
                _ => {}
            }
        }
        if sortie[0].trim().is_empty() {
            sortie[0] = reference_suivante(&prises, aujourdhui);
            prises.insert(sortie[0].clone());
            generees += 1;
        }
        let k_notes = COLONNES_PERSONNES.len() - 1;
        if !notes_colonnes.is_empty() {
            let mut n = sortie[k_notes].clone();
            for l in notes_colonnes {
                if !n.is_empty() {
                    n.push('\n');
                }
                n.push_str(&l);
            }
            sortie[k_notes] = n;
        }
        let _ = ecr.ligne(&sortie.iter().map(|s| Sortie::Texte(s)).collect::<Vec<_>>());
        lignes_personnes.push(*ligne);
        references.push((*ligne, sortie[0].trim().to_string()));
    }
    let personnes = Fichier::en_memoire(INTERNE_PERSONNES, ecr.terminer().unwrap_or_default());
    let (evenements, lignes_evenements) =
        convertir_evenements(t, &references, vocabulaire, aujourdhui, &mut traductions);
    Conversion {
        personnes,
        lignes_personnes,
        evenements,
        lignes_evenements,
        references_generees: generees,
        traductions,
    }
}

/// The events of the recipe: one per row and recipe event whose columns hold anything.
fn convertir_evenements(
    t: &Tableur,
    references: &[(usize, String)],
    vocabulaire: &Vocabulaire,
    aujourdhui: NaiveDate,
    traductions: &mut BTreeMap<String, BTreeMap<String, String>>,
) -> (Option<Fichier>, Vec<(usize, usize)>) {
    if t.evenements.is_empty() {
        return (None, Vec::new());
    }
    let position = |en_tete: &str| {
        t.colonnes
            .iter()
            .find(|c| c.en_tete == en_tete)
            .map(|c| c.position)
    };
    let mut ecr = Ecrivain::new(Vec::new());
    let _ = ecr.entete(&noms(COLONNES_EVENEMENTS));
    let mut lignes = Vec::new();
    let rangs: HashMap<usize, &Vec<Cellule>> =
        t.feuille.lignes.iter().map(|(l, c)| (*l, c)).collect();
    for (ligne, reference) in references {
        let Some(cellules) = rangs.get(ligne) else {
            continue;
        };
        for (n, e) in t.evenements.iter().enumerate() {
            let lues: Vec<(&'static str, Cellule)> = e
                .colonnes()
                .into_iter()
                .map(|(champ, col)| {
                    let c = position(col).and_then(|i| cellules.get(i)).cloned();
                    (champ, c.unwrap_or(Cellule::Vide))
                })
                .collect();
            if lues.iter().all(|(_, c)| c.est_vide()) {
                continue;
            }
            let mut sortie: Vec<String> = vec![String::new(); COLONNES_EVENEMENTS.len()];
            let k = |nom: &str| COLONNES_EVENEMENTS.iter().position(|c| c.nom == nom);
            let mut poser = |champ: &'static str, cellule: &Cellule, sortie: &mut Vec<String>| {
                if let Some(i) = k(champ) {
                    sortie[i] = valeur(t, champ, cellule, vocabulaire, aujourdhui, traductions);
                }
            };
            sortie[0] = reference.clone();
            poser(
                "type",
                &Cellule::Texte(e.type_evenement.clone()),
                &mut sortie,
            );
            for (champ, fixe) in [("canal", &e.canal), ("resultat", &e.resultat)] {
                if let Some(v) = fixe {
                    poser(champ, &Cellule::Texte(v.clone()), &mut sortie);
                }
            }
            for (champ, c) in &lues {
                poser(champ, c, &mut sortie);
            }
            let _ = ecr.ligne(&sortie.iter().map(|s| Sortie::Texte(s)).collect::<Vec<_>>());
            lignes.push((*ligne, n));
        }
    }
    let f = Fichier::en_memoire(INTERNE_EVENEMENTS, ecr.terminer().unwrap_or_default());
    (Some(f), lignes)
}

/// One refused cell of the sheet: `fichier:ligne: colonne: valeur: raison`, in the sheet's
/// terms (its row, its header, the value as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErreurTableur {
    pub fichier: String,
    pub ligne: usize,
    pub colonne: String,
    pub valeur: String,
    pub raison: Raison,
}

/// Gives back an error of the strict check in the sheet's terms.
fn dans_le_tableur(t: &Tableur, conv: &Conversion, e: &ErreurDonnees) -> ErreurTableur {
    let (c, evenement) = match e {
        ErreurDonnees::Cellule(c) => (c, c.fichier == INTERNE_EVENEMENTS),
        ErreurDonnees::Table(ErreurTable::Cellules(v)) if !v.is_empty() => {
            (&v[0], v[0].fichier == INTERNE_EVENEMENTS)
        }
        ErreurDonnees::Table(autre) => {
            return ErreurTableur {
                fichier: t.fichier.clone(),
                ligne: t.ligne_entete,
                colonne: String::new(),
                valeur: String::new(),
                raison: Raison::CsvIllisible(format!("{autre:?}")),
            };
        }
        // Never for the files built in memory from the sheet; said all the same.
        autre @ (ErreurDonnees::Lecture { .. } | ErreurDonnees::Modifie { .. }) => {
            return ErreurTableur {
                fichier: t.fichier.clone(),
                ligne: t.ligne_entete,
                colonne: String::new(),
                valeur: String::new(),
                raison: Raison::CsvIllisible(autre.to_string()),
            };
        }
    };
    let rang = c.ligne.checked_sub(2);
    let (ligne, recette) = if evenement {
        rang.and_then(|r| conv.lignes_evenements.get(r))
            .map_or((t.ligne_entete, None), |(l, n)| (*l, t.evenements.get(*n)))
    } else {
        (
            rang.and_then(|r| conv.lignes_personnes.get(r))
                .copied()
                .unwrap_or(t.ligne_entete),
            None,
        )
    };
    let champ = match c.colonne {
        Place::Colonne(n) => n,
        _ => "",
    };
    let colonne = if evenement {
        recette.and_then(|r| {
            r.colonnes()
                .into_iter()
                .find(|(ch, _)| *ch == champ)
                .map(|(_, c)| c.to_string())
        })
    } else {
        t.colonnes
            .iter()
            .find(|x| x.cible == Cible::Champ(champ))
            .map(|x| x.en_tete.clone())
    };
    let valeur = colonne.as_ref().and_then(|en_tete| {
        let i = t.colonnes.iter().find(|x| &x.en_tete == en_tete)?.position;
        let (_, cellules) = t.feuille.lignes.iter().find(|(l, _)| *l == ligne)?;
        Some(cellules.get(i).map(Cellule::texte).unwrap_or_default())
    });
    ErreurTableur {
        fichier: t.fichier.clone(),
        ligne,
        colonne: colonne.unwrap_or_else(|| champ.to_string()),
        valeur: valeur.unwrap_or_else(|| c.valeur.clone()),
        raison: c.raison.clone(),
    }
}

/// Checks the sheet as the strict import would, writing nothing: the people it would add,
/// or every refused cell. `en_base`: the references of the database (none for a new base).
pub fn essayer(
    t: &Tableur,
    conv: &Conversion,
    en_base: &HashMap<String, i64>,
) -> Result<usize, Vec<ErreurTableur>> {
    verifier(
        Some(&conv.personnes),
        conv.evenements.as_ref(),
        en_base,
        false,
    )
    .map_err(|v| v.iter().map(|e| dans_le_tableur(t, conv, e)).collect())
}

/// Why a sheet was not imported.
#[derive(Debug)]
pub enum ErreurTableurImport {
    Cellules(Vec<ErreurTableur>),
    Store(crate::store::ErreurStore),
}

/// Imports the converted sheet, all or nothing, through the strict import.
pub fn importer_tableur(
    store: &mut Store,
    t: &Tableur,
    conv: &Conversion,
    detail_journal: impl Fn(&BilanImport) -> String,
) -> Result<BilanImport, ErreurTableurImport> {
    match importer(
        store,
        Some(&conv.personnes),
        conv.evenements.as_ref(),
        false,
        detail_journal,
    ) {
        Ok(b) => Ok(b),
        Err(ErreurImport::Store(e)) => Err(ErreurTableurImport::Store(e)),
        Err(ErreurImport::AucunFichier) => Err(ErreurTableurImport::Cellules(Vec::new())),
        Err(ErreurImport::Donnees(v)) => Err(ErreurTableurImport::Cellules(
            v.iter().map(|e| dans_le_tableur(t, conv, e)).collect(),
        )),
    }
}

/// The recipe that replays this mapping (and the value translations seen) on another sheet.
pub fn recette_de(t: &Tableur, conv: &Conversion) -> Recette {
    let mut r = Recette {
        feuille: (!t.feuille.nom.is_empty()).then(|| t.feuille.nom.clone()),
        ligne_entete: Some(t.ligne_entete),
        evenements: t.evenements.clone(),
        ..Recette::default()
    };
    for c in &t.colonnes {
        let cible = match &c.cible {
            Cible::Champ(n) => n.to_string(),
            Cible::Notes => DANS_NOTES.to_string(),
            Cible::Ignoree => IGNORER.to_string(),
            Cible::Evenement => continue,
        };
        r.colonnes.insert(c.en_tete.clone(), cible);
    }
    r.valeurs = t.valeurs.clone();
    for (champ, m) in &conv.traductions {
        let e = r.valeurs.entry(champ.clone()).or_default();
        for (k, v) in m {
            e.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    r
}

/// The number of cells of each column that the strict check refuses (for the TUI screen).
pub fn invalides_par_colonne(t: &Tableur, erreurs: &[ErreurTableur]) -> Vec<usize> {
    t.colonnes
        .iter()
        .map(|c| erreurs.iter().filter(|e| e.colonne == c.en_tete).count())
        .collect()
}

#[cfg(test)]
mod tests;
