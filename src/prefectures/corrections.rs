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
use crate::domain::{Departement, ErreurValeur, GenreTexte, parse_date, verifier_texte};
use crate::store::{ErreurStore, LigneCorrection, ResultatStore, Store, horodatage, journaliser};
use chrono::NaiveDate;

pub use super::echange::{
    COLONNES_CSV, ErreurEchange, ErreurLigne, RaisonLigne, exporter, importer, lire_csv, vers_csv,
};

/// Why a typed value is refused for a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurValeurCorrection {
    Vide,
    /// Over 2000 characters.
    TropLongue,
    /// Not one of the field's codes.
    NonAdmise(&'static [&'static str]),
    /// A control character the field does not allow (docs/fichiers.md §1).
    Controle(ErreurValeur),
}

/// Checks a free text of a correction (value, source, author) for control characters.
pub fn sans_controle(s: &str, genre: GenreTexte) -> Result<(), ErreurValeurCorrection> {
    verifier_texte(s, genre).map_err(ErreurValeurCorrection::Controle)
}

/// Why a verification date is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurDateVerification {
    Date(ErreurValeur),
    /// After today.
    Future,
}

/// Why a typed correction is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurSaisie {
    /// The field code as typed.
    ChampInconnu(String),
    Valeur(ErreurValeurCorrection),
    VerifieLe(ErreurDateVerification),
    Source(ErreurValeurCorrection),
}

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

    /// What control characters a value of this field may hold (line breaks in an address
    /// or a note, TAB in a note, nothing elsewhere).
    pub fn genre_texte(self) -> GenreTexte {
        match self {
            ChampCorrection::Adresse => GenreTexte::Adresse,
            ChampCorrection::Note => GenreTexte::Notes,
            _ => GenreTexte::Ligne,
        }
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
    pub fn valider(self, valeur: &str) -> Result<String, ErreurValeurCorrection> {
        let v = valeur.trim();
        sans_controle(v, self.genre_texte())?;
        if v.is_empty() {
            return Err(ErreurValeurCorrection::Vide);
        }
        if v.chars().count() > 2000 {
            return Err(ErreurValeurCorrection::TropLongue);
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
                    Err(ErreurValeurCorrection::NonAdmise(admises))
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
    ) -> Result<NouvelleCorrection, ErreurSaisie> {
        let champ = ChampCorrection::depuis_code(champ)
            .ok_or_else(|| ErreurSaisie::ChampInconnu(champ.to_string()))?;
        let valeur = champ.valider(valeur).map_err(ErreurSaisie::Valeur)?;
        let verifie_le =
            valider_date_verification(verifie_le, aujourdhui).map_err(ErreurSaisie::VerifieLe)?;
        sans_controle(source.trim(), GenreTexte::Ligne).map_err(ErreurSaisie::Source)?;
        Ok(NouvelleCorrection {
            departement,
            champ,
            valeur,
            verifie_le,
            source: source.trim().to_string(),
        })
    }
}

/// A verification date: a date, not after `aujourdhui`.
pub fn valider_date_verification(
    s: &str,
    aujourdhui: NaiveDate,
) -> Result<NaiveDate, ErreurDateVerification> {
    let d = parse_date(s).map_err(ErreurDateVerification::Date)?;
    if d > aujourdhui {
        return Err(ErreurDateVerification::Future);
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
