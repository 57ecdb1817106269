//! Local corrections of the directory: a volunteer corrects or completes a field of a
//! département's entry, with the date the fact was verified and an optional source. Stored in
//! `corrections_prefecture` with who and when; shared between desks as a CSV file.
//!
//! Conflicts: per département and field, the most recently verified correction is in force
//! (ties: the latest entered, then author, value, source, so every desk picks the same one);
//! the others are kept and shown as history. Notes (`note`) add up instead of replacing.
//!
//! Exchange file (UTF-8, comma, header row, any column order on input):
//! `departement,champ,valeur,verifie_le,source,auteur,saisi_le`
//! (`source` optional, the others required). Importing the same file twice adds nothing.

use super::{Mode, pan_depuis_code};
use crate::domain::{Departement, date_iso, parse_date};
use crate::store::{ErreurStore, LigneCorrection, ResultatStore, Store, horodatage, journaliser};
use crate::textes::prefecture as t;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

/// A field of an entry a volunteer may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChampCorrection {
    Pan,
    PanReservation,
    Guichet,
    Postal,
    Courriel,
    PostalImpose,
    Adresse,
    Telephone,
    CourrielContact,
    Site,
    Note,
}

impl ChampCorrection {
    pub const TOUS: [ChampCorrection; 11] = [
        ChampCorrection::Pan,
        ChampCorrection::PanReservation,
        ChampCorrection::Guichet,
        ChampCorrection::Postal,
        ChampCorrection::Courriel,
        ChampCorrection::PostalImpose,
        ChampCorrection::Adresse,
        ChampCorrection::Telephone,
        ChampCorrection::CourrielContact,
        ChampCorrection::Site,
        ChampCorrection::Note,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChampCorrection::Pan => "pan",
            ChampCorrection::PanReservation => "pan_reservation",
            ChampCorrection::Guichet => "guichet",
            ChampCorrection::Postal => "postal",
            ChampCorrection::Courriel => "courriel",
            ChampCorrection::PostalImpose => "postal_impose",
            ChampCorrection::Adresse => "adresse",
            ChampCorrection::Telephone => "telephone",
            ChampCorrection::CourrielContact => "courriel_contact",
            ChampCorrection::Site => "site",
            ChampCorrection::Note => "note",
        }
    }

    pub fn depuis_code(s: &str) -> Option<ChampCorrection> {
        ChampCorrection::TOUS
            .into_iter()
            .find(|c| c.code() == s.trim())
    }

    /// The admitted values when the field is a code (`None`: free text).
    pub fn valeurs(self) -> Option<&'static [&'static str]> {
        match self {
            ChampCorrection::Pan => Some(&["dedie", "general", "aucun", "inconnu"]),
            ChampCorrection::Guichet | ChampCorrection::Postal | ChampCorrection::Courriel => {
                Some(&["oui", "non", "inconnu"])
            }
            ChampCorrection::PostalImpose => Some(&["oui", "non"]),
            _ => None,
        }
    }

    /// Checks and normalises a value (trimmed; codes in lower case).
    pub fn valider(self, valeur: &str) -> Result<String, String> {
        let v = valeur.trim();
        if v.is_empty() {
            return Err(t::VALEUR_VIDE.to_string());
        }
        if v.chars().count() > 2000 {
            return Err(t::VALEUR_LONGUE.to_string());
        }
        match self.valeurs() {
            Some(admises) => {
                let code = v.to_lowercase();
                let ok = match self {
                    ChampCorrection::Pan => pan_depuis_code(&code).is_some(),
                    ChampCorrection::PostalImpose => code == "oui" || code == "non",
                    _ => Mode::depuis_code(&code).is_some(),
                };
                if ok {
                    Ok(code)
                } else {
                    Err(t::valeur_admise(admises))
                }
            }
            None => Ok(v.to_string()),
        }
    }
}

/// One stored correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub departement: Departement,
    pub champ: ChampCorrection,
    pub valeur: String,
    /// When the volunteer verified the fact.
    pub verifie_le: NaiveDate,
    /// Where it comes from (may be empty).
    pub source: String,
    /// Who entered it.
    pub auteur: String,
    /// When it was entered (`AAAA-MM-JJ HH:MM:SS`).
    pub saisi_le: String,
}

impl Correction {
    /// Recency order: the greatest is in force. Independent of insertion order.
    fn cle(&self) -> (NaiveDate, &str, &str, &str, &str) {
        (
            self.verifie_le,
            &self.saisi_le,
            &self.auteur,
            &self.valeur,
            &self.source,
        )
    }
}

/// Splits corrections into (in force, history): per field the most recently verified is in
/// force; every note is in force. Both lists by field order, most recent first.
pub fn departager(mut toutes: Vec<Correction>) -> (Vec<Correction>, Vec<Correction>) {
    toutes.sort_by(|a, b| {
        (a.departement, a.champ)
            .cmp(&(b.departement, b.champ))
            .then_with(|| b.cle().cmp(&a.cle()))
    });
    let mut actives: Vec<Correction> = Vec::new();
    let mut historique = Vec::new();
    for c in toutes {
        let remplacee = c.champ != ChampCorrection::Note
            && actives
                .iter()
                .any(|a| a.departement == c.departement && a.champ == c.champ);
        if remplacee {
            historique.push(c);
        } else {
            actives.push(c);
        }
    }
    (actives, historique)
}

/// A correction as typed, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NouvelleCorrection {
    pub departement: Departement,
    pub champ: ChampCorrection,
    pub valeur: String,
    pub verifie_le: NaiveDate,
    pub source: String,
}

impl NouvelleCorrection {
    /// Checks the typed texts; `aujourdhui` bounds the verification date.
    pub fn depuis_saisie(
        departement: Departement,
        champ: &str,
        valeur: &str,
        verifie_le: &str,
        source: &str,
        aujourdhui: NaiveDate,
    ) -> Result<NouvelleCorrection, String> {
        let champ = ChampCorrection::depuis_code(champ).ok_or_else(|| t::champ_inconnu(champ))?;
        let valeur = champ
            .valider(valeur)
            .map_err(|e| t::erreur_champ("valeur", &e))?;
        let verifie_le = valider_date_verification(verifie_le, aujourdhui)
            .map_err(|e| t::erreur_champ("verifie_le", &e))?;
        Ok(NouvelleCorrection {
            departement,
            champ,
            valeur,
            verifie_le,
            source: source.trim().to_string(),
        })
    }
}

fn valider_date_verification(s: &str, aujourdhui: NaiveDate) -> Result<NaiveDate, String> {
    let d = parse_date(s).map_err(|e| e.to_string())?;
    if d > aujourdhui {
        return Err(t::DATE_FUTURE.to_string());
    }
    Ok(d)
}

// ---------------------------------------------------------------- database

/// A stored row as a correction (a field code this version does not know is an unreadable
/// value, as for any other column).
fn depuis_ligne(l: LigneCorrection) -> ResultatStore<Correction> {
    let champ = ChampCorrection::depuis_code(&l.champ)
        .ok_or_else(|| ErreurStore::valeur_illisible(1, l.champ.clone()))?;
    Ok(Correction {
        departement: l.departement,
        champ,
        valeur: l.valeur,
        verifie_le: l.verifie_le,
        source: l.source,
        auteur: l.auteur,
        saisi_le: l.saisi_le,
    })
}

/// A correction as the row to store.
fn ligne_de(c: &Correction) -> LigneCorrection {
    LigneCorrection {
        departement: c.departement,
        champ: c.champ.code().to_string(),
        valeur: c.valeur.clone(),
        verifie_le: c.verifie_le,
        source: c.source.clone(),
        auteur: c.auteur.clone(),
        saisi_le: c.saisi_le.clone(),
    }
}

/// Every correction of a département (in force and history).
pub fn corrections(store: &Store, d: Departement) -> ResultatStore<Vec<Correction>> {
    store
        .corrections_de(d)?
        .into_iter()
        .map(depuis_ligne)
        .collect()
}

/// Every correction, in export order: département (official order), field, verification
/// date, entry time, author, value, source.
pub fn toutes(store: &Store) -> ResultatStore<Vec<Correction>> {
    let mut v = store
        .corrections_toutes()?
        .into_iter()
        .map(depuis_ligne)
        .collect::<ResultatStore<Vec<_>>>()?;
    v.sort_by(|a, b| {
        (a.departement, a.champ)
            .cmp(&(b.departement, b.champ))
            .then_with(|| a.cle().cmp(&b.cle()))
    });
    Ok(v)
}

/// Stores a correction by the store's volunteer, now; returns it.
pub fn ajouter(store: &mut Store, n: &NouvelleCorrection) -> ResultatStore<Correction> {
    store.ecrire(|tx, benevole| {
        let c = Correction {
            departement: n.departement,
            champ: n.champ,
            valeur: n.valeur.clone(),
            verifie_le: n.verifie_le,
            source: n.source.clone(),
            auteur: benevole.to_string(),
            saisi_le: horodatage(),
        };
        tx.inserer_correction(&ligne_de(&c))?;
        journaliser(
            tx,
            benevole,
            "correction_prefecture",
            None,
            &format!("{} {}", c.departement.code(), c.champ.code()),
        )?;
        Ok(c)
    })
}

// ---------------------------------------------------------------- exchange file

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
const REQUISES: [&str; 6] = [
    "departement",
    "champ",
    "valeur",
    "verifie_le",
    "auteur",
    "saisi_le",
];

/// CSV formula-injection guard for output cells.
pub fn proteger(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Undoes `proteger` on input.
pub fn deproteger(s: &str) -> &str {
    let mut it = s.chars();
    if it.next() == Some('\'')
        && matches!(it.next(), Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n'))
    {
        &s[1..]
    } else {
        s
    }
}

/// The exchange file's bytes for these corrections.
pub fn vers_csv(corrections: &[Correction]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let err = |e: csv::Error| t::ecriture_impossible(&e.to_string());
    w.write_record(COLONNES_CSV).map_err(err)?;
    for c in corrections {
        w.write_record([
            proteger(c.departement.code()),
            proteger(c.champ.code()),
            proteger(&c.valeur),
            date_iso(c.verifie_le),
            proteger(&c.source),
            proteger(&c.auteur),
            proteger(&c.saisi_le),
        ])
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| t::ecriture_impossible(&e.to_string()))
}

/// Writes every stored correction to `chemin`; returns how many.
pub fn exporter(store: &Store, chemin: &Path) -> Result<usize, String> {
    let toutes = toutes(store).map_err(|e| e.to_string())?;
    let octets = vers_csv(&toutes)?;
    std::fs::write(chemin, octets).map_err(|e| t::fichier_ecriture(chemin, &e))?;
    Ok(toutes.len())
}

/// Reads an exchange file. All or nothing: every error is listed as
/// `fichier:ligne: colonne: valeur: raison` (at most 50, then a count).
pub fn lire_csv(
    nom: &str,
    octets: &[u8],
    aujourdhui: NaiveDate,
) -> Result<Vec<Correction>, String> {
    let texte = std::str::from_utf8(octets).map_err(|_| t::pas_utf8(nom))?;
    let texte = texte.strip_prefix('\u{feff}').unwrap_or(texte);
    let entete = texte.lines().next().unwrap_or("");
    if entete.trim().is_empty() {
        return Err(t::fichier_vide(nom));
    }
    if entete.contains(';') && !entete.contains(',') {
        return Err(t::point_virgule(nom));
    }
    let mut lecteur = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(texte.as_bytes());
    let noms: Vec<String> = lecteur
        .headers()
        .map_err(|e| t::csv_illisible(nom, &e.to_string()))?
        .iter()
        .map(String::from)
        .collect();
    let mut erreurs: Vec<String> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (i, n) in noms.iter().enumerate() {
        if !COLONNES_CSV.contains(&n.as_str()) {
            erreurs.push(t::ligne_erreur(nom, 1, n, n, t::COLONNE_INCONNUE));
        } else if index.insert(n.as_str(), i).is_some() {
            erreurs.push(t::ligne_erreur(nom, 1, n, n, t::COLONNE_REPETEE));
        }
    }
    for r in REQUISES {
        if !index.contains_key(r) {
            erreurs.push(t::ligne_erreur(nom, 1, r, "", t::COLONNE_MANQUANTE));
        }
    }
    if !erreurs.is_empty() {
        return Err(t::liste_erreurs(&erreurs));
    }
    let mut lues = Vec::new();
    for rec in lecteur.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let l = e.position().map_or(0, |p| p.line());
                erreurs.push(t::ligne_erreur(nom, l, "", "", &e.to_string()));
                continue;
            }
        };
        let l = rec.position().map_or(0, |p| p.line());
        if rec.len() != noms.len() {
            erreurs.push(t::ligne_erreur(
                nom,
                l,
                "",
                "",
                &t::nombre_cellules(rec.len(), noms.len()),
            ));
            continue;
        }
        let cell = |c: &str| -> &str {
            index
                .get(c)
                .and_then(|i| rec.get(*i))
                .map(deproteger)
                .unwrap_or("")
        };
        let mut err = |col: &str, raison: String| {
            erreurs.push(t::ligne_erreur(nom, l, col, cell(col), &raison));
        };
        let dep = Departement::depuis_code(cell("departement"))
            .map_err(|e| err("departement", e.to_string()))
            .ok();
        let champ = ChampCorrection::depuis_code(cell("champ"));
        if champ.is_none() {
            err("champ", t::champs_admis());
        }
        let valeur =
            champ.and_then(|c| c.valider(cell("valeur")).map_err(|e| err("valeur", e)).ok());
        let verifie = valider_date_verification(cell("verifie_le"), aujourdhui)
            .map_err(|e| err("verifie_le", e))
            .ok();
        let auteur = cell("auteur").trim().to_string();
        if auteur.is_empty() {
            err("auteur", t::VALEUR_VIDE.to_string());
        }
        let saisi = cell("saisi_le").trim().to_string();
        if NaiveDateTime::parse_from_str(&saisi, "%Y-%m-%d %H:%M:%S").is_err() {
            err("saisi_le", t::HORODATAGE_INVALIDE.to_string());
        }
        if let (Some(departement), Some(champ), Some(valeur), Some(verifie_le)) =
            (dep, champ, valeur, verifie)
        {
            lues.push(Correction {
                departement,
                champ,
                valeur,
                verifie_le,
                source: cell("source").trim().to_string(),
                auteur,
                saisi_le: saisi,
            });
        }
    }
    if erreurs.is_empty() {
        Ok(lues)
    } else {
        Err(t::liste_erreurs(&erreurs))
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BilanImport {
    pub ajoutees: usize,
    pub deja_presentes: usize,
}

/// Adds these corrections in one transaction; identical rows already stored are skipped.
pub fn integrer(store: &mut Store, lues: &[Correction]) -> ResultatStore<BilanImport> {
    store.ecrire(|tx, benevole| {
        let mut ajoutees = 0;
        for c in lues {
            if tx.inserer_correction(&ligne_de(c))? {
                ajoutees += 1;
            }
        }
        journaliser(
            tx,
            benevole,
            "import_corrections_prefecture",
            None,
            &format!("{ajoutees}/{}", lues.len()),
        )?;
        Ok(BilanImport {
            ajoutees,
            deja_presentes: lues.len() - ajoutees,
        })
    })
}

/// Reads `chemin` and adds its corrections (all or nothing).
pub fn importer(
    store: &mut Store,
    chemin: &Path,
    aujourdhui: NaiveDate,
) -> Result<BilanImport, String> {
    let octets = std::fs::read(chemin).map_err(|e| t::fichier_lecture(chemin, &e))?;
    let nom = chemin.display().to_string();
    let lues = lire_csv(&nom, &octets, aujourdhui)?;
    integrer(store, &lues).map_err(|e| e.to_string())
}
