//! Federation figures (docs/fichiers.md §6): each desk sends its exact counts of a month,
//! encrypted with `age` to the federation's public key; the federation checks, sums, and
//! suppresses once, on the totals, through the same `stats` table as a desk's own export.
//!
//! No French here: errors are typed and worded by `textes::federation`.

mod format;

use crate::domain::Departement;
use crate::stats::{Accumulateur, Compteurs, Periode};
use age::secrecy::ExposeSecret;
use std::collections::BTreeMap;

pub use format::{VERSION, decoder, encoder};

/// One desk's contribution: every count of §4 before suppression, for `ensemble` and each
/// département, with the value distributions behind the medians.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub version: u32,
    pub poste: String,
    pub periode: Periode,
    pub ensemble: Compteurs,
    pub departements: BTreeMap<Departement, Compteurs>,
}

impl Contribution {
    pub fn depuis(poste: &str, acc: Accumulateur) -> Contribution {
        Contribution {
            version: VERSION,
            poste: poste.trim().to_string(),
            periode: acc.periode,
            ensemble: acc.ensemble,
            departements: acc.departements,
        }
    }
}

/// What can go wrong, typed (worded by `textes::federation`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurFederation {
    /// The recipient is not an `age1…` public key.
    DestinataireInvalide,
    /// The private key file does not hold an age X25519 identity.
    CleInvalide,
    /// Not encrypted to this key.
    MauvaiseCle,
    /// Altered, truncated or not an age file at all.
    Illisible,
    /// Decrypted, but not a contribution (field, value).
    Format(String),
    /// A format version this binary does not read.
    Version(u32),
    /// A desk name that is empty or has a control character.
    PosteInvalide,
    /// The period is not one whole month.
    PeriodeNonMensuelle,
}

/// A failure of the sum, naming the files (by their index in the list given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurAgregation {
    Aucune,
    /// Two files of different periods.
    PeriodesDifferentes {
        premier: usize,
        autre: usize,
    },
    /// The same desk twice.
    PosteEnDouble {
        premier: usize,
        autre: usize,
    },
}

/// A new federation key pair: (private `AGE-SECRET-KEY-1…`, public `age1…`).
pub fn generer_cles() -> (String, String) {
    let identite = age::x25519::Identity::generate();
    let public = identite.to_public().to_string();
    (identite.to_string().expose_secret().to_string(), public)
}

/// The contribution, encoded and encrypted (ASCII armor) to `destinataire`.
pub fn chiffrer(c: &Contribution, destinataire: &str) -> Result<String, ErreurFederation> {
    let r: age::x25519::Recipient = destinataire
        .trim()
        .parse()
        .map_err(|_| ErreurFederation::DestinataireInvalide)?;
    age::encrypt_and_armor(&r, encoder(c).as_bytes()).map_err(|_| ErreurFederation::Illisible)
}

/// Reads the private key file's text (comment lines `#` allowed, as age writes them).
pub fn lire_cle(texte: &str) -> Result<age::x25519::Identity, ErreurFederation> {
    texte
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.parse().ok())
        .ok_or(ErreurFederation::CleInvalide)
}

/// Decrypts and decodes one contribution file.
pub fn dechiffrer(
    cle: &age::x25519::Identity,
    octets: &[u8],
) -> Result<Contribution, ErreurFederation> {
    let clair = age::decrypt(cle, octets).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => ErreurFederation::MauvaiseCle,
        _ => ErreurFederation::Illisible,
    })?;
    let texte = String::from_utf8(clair).map_err(|_| ErreurFederation::Illisible)?;
    decoder(&texte)
}

/// Checks the contributions (one period, each desk once) and sums them.
pub fn agreger(c: &[Contribution]) -> Result<Accumulateur, ErreurAgregation> {
    let premiere = c.first().ok_or(ErreurAgregation::Aucune)?;
    for (i, x) in c.iter().enumerate() {
        if x.periode != premiere.periode {
            return Err(ErreurAgregation::PeriodesDifferentes {
                premier: 0,
                autre: i,
            });
        }
        if let Some(j) = c[..i].iter().position(|y| y.poste == x.poste) {
            return Err(ErreurAgregation::PosteEnDouble {
                premier: j,
                autre: i,
            });
        }
    }
    let mut acc = Accumulateur::nouveau(premiere.periode);
    for x in c {
        acc.ensemble.sommer(&x.ensemble);
        for (d, compteurs) in &x.departements {
            acc.departements.entry(*d).or_default().sommer(compteurs);
        }
    }
    Ok(acc)
}

#[cfg(test)]
mod tests;
