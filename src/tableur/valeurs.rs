//! Loose comparison of headers and values, and the translation of a sheet's values into the
//! codes of docs/fichiers.md §1–§2: UI labels and codes, départements by number, name or
//! postcode, yes/no variants, French and spreadsheet dates.

use super::Vocabulaire;
use super::lecture::{Cellule, date_serie, nombre_texte};
use crate::domain::departements::{designer, sans_villes};
use chrono::{Datelike, NaiveDate};

/// Lower case, accents dropped, every run of punctuation or space one space, trimmed.
pub fn aplatir(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut sortie = String::new();
    let mut espace = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            sortie.extend(c.to_lowercase());
            espace = false;
        } else if !espace {
            sortie.push(' ');
            espace = true;
        }
    }
    sortie.trim_end().to_string()
}

/// A header reduced for comparison: flattened, its small words dropped, words sorted (so
/// « Expiration titre » is « Titre expiration »).
pub fn cle_entete(s: &str, mots_vides: &[&str]) -> String {
    let plat = aplatir(s);
    let mut mots: Vec<&str> = plat
        .split(' ')
        .filter(|m| !m.is_empty() && !mots_vides.contains(m))
        .collect();
    if mots.is_empty() {
        mots = plat.split(' ').filter(|m| !m.is_empty()).collect();
    }
    mots.sort_unstable();
    mots.join(" ")
}

/// How a field's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    Texte,
    Telephone,
    Date,
    /// A date of birth: a two-digit year is in the past.
    DateNaissance,
    /// One of the codes of a coded field (its name in the vocabulary).
    Code(&'static str),
    OuiNon,
    Departement,
    Entier,
}

/// The kind of each §1 and §2 column.
pub fn genre(champ: &str) -> Genre {
    match champ {
        "date_naissance" => Genre::DateNaissance,
        "ouvert_le" | "titre_expire_le" | "api_expire_le" | "date" | "echeance" => Genre::Date,
        "telephone" => Genre::Telephone,
        "demarche" => Genre::Code("demarche"),
        "blocage" => Genre::Code("blocage"),
        "type" => Genre::Code("type"),
        "canal" => Genre::Code("canal"),
        "resultat" => Genre::Code("resultat"),
        "pan_connu" => Genre::OuiNon,
        "departement" => Genre::Departement,
        "captures" | "attente_minutes" => Genre::Entier,
        _ => Genre::Texte,
    }
}

/// A cell translated into the strict format's text. `None`: left as it was (the strict check
/// then says what is wrong with it). `Some` also tells the translation to remember.
pub fn traduire(
    cellule: &Cellule,
    genre: Genre,
    vocabulaire: &Vocabulaire,
    aujourdhui: NaiveDate,
) -> String {
    match genre {
        Genre::Texte => cellule.texte(),
        Genre::Telephone => match cellule {
            // A number cell lost the leading zero of a French phone number.
            Cellule::Nombre(n) if (1e8..1e9).contains(n) && n.fract() == 0.0 => {
                format!("0{}", nombre_texte(*n))
            }
            c => c.texte(),
        },
        Genre::Entier => cellule.texte().trim().to_string(),
        Genre::Date | Genre::DateNaissance => match cellule {
            Cellule::Date(d) => iso(*d),
            Cellule::Nombre(n) => date_serie(*n).map(iso).unwrap_or_else(|| cellule.texte()),
            c => {
                let brut = c.texte();
                date_texte(&brut, genre == Genre::DateNaissance, aujourdhui)
                    .map(iso)
                    .unwrap_or(brut)
            }
        },
        Genre::Code(champ) => {
            let brut = cellule.texte();
            code(&brut, champ, vocabulaire)
                .map(str::to_string)
                .unwrap_or(brut)
        }
        Genre::OuiNon => {
            let brut = cellule.texte();
            if let Cellule::Booleen(b) = cellule {
                return if *b { "oui" } else { "non" }.to_string();
            }
            let a = aplatir(&brut);
            if vocabulaire.oui.iter().any(|o| aplatir(o) == a) {
                "oui".to_string()
            } else if vocabulaire.non.iter().any(|n| aplatir(n) == a) {
                "non".to_string()
            } else {
                brut
            }
        }
        Genre::Departement => {
            let brut = cellule.texte();
            departement(&brut).unwrap_or(brut)
        }
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The code of a coded field written as its code or one of its labels, loosely.
pub fn code<'v>(brut: &str, champ: &str, vocabulaire: &'v Vocabulaire) -> Option<&'v str> {
    let a = aplatir(brut);
    if a.is_empty() {
        return None;
    }
    let codes = vocabulaire.codes.iter().find(|(c, _)| *c == champ)?;
    codes
        .1
        .iter()
        .find(|(code, libelles)| {
            aplatir(code) == a
                || libelles.iter().any(|l| {
                    aplatir(l) == a
                        || l.split_once(" (")
                            .is_some_and(|(court, _)| aplatir(court) == a)
                })
        })
        .map(|(code, _)| *code)
}

/// A département by number, name or postcode, as its code.
pub fn departement(brut: &str) -> Option<String> {
    let s = brut.trim();
    let chiffres = s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit());
    let requete = if chiffres {
        // A postcode: 97x.. overseas, 20… Corsica (200–201 Corse-du-Sud, else Haute-Corse).
        if s.starts_with("97") {
            s[..3].to_string()
        } else if let Some(reste) = s.strip_prefix("20") {
            if reste.starts_with('0') || reste.starts_with('1') {
                "2A".to_string()
            } else {
                "2B".to_string()
            }
        } else {
            s[..2].to_string()
        }
    } else {
        s.to_string()
    };
    designer(&requete, sans_villes)
        .ok()
        .map(|d| d.code().to_string())
}

/// A date written `JJ/MM/AAAA`, `JJ/MM/AA`, `JJ-MM-AAAA`, `JJ.MM.AAAA`, `AAAA-MM-JJ`, with an
/// optional time after it. A two-digit year is 20AA, or for a birth date the last such year
/// not after this one.
pub fn date_texte(brut: &str, naissance: bool, aujourdhui: NaiveDate) -> Option<NaiveDate> {
    let s = brut.trim();
    let s = s.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    let (j, m, a) = if parts[0].len() == 4 {
        (n(parts[2])?, n(parts[1])?, n(parts[0])? as i32)
    } else {
        let a = match parts[2].len() {
            4 => n(parts[2])? as i32,
            2 => {
                let aa = n(parts[2])? as i32;
                let siecle = aujourdhui.year() / 100 * 100;
                if naissance && siecle + aa > aujourdhui.year() {
                    siecle - 100 + aa
                } else {
                    siecle + aa
                }
            }
            _ => return None,
        };
        (n(parts[0])?, n(parts[1])?, a)
    };
    NaiveDate::from_ymd_opt(a, m, j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn flattening() {
        assert_eq!(aplatir("  N° d'étranger ! "), "n d etranger");
        assert_eq!(
            cle_entete("Expiration du titre", &["du"]),
            cle_entete("titre expiration", &[])
        );
        assert_eq!(cle_entete("Tél.", &[]), "tel");
    }

    #[test]
    fn dates() {
        let d = |s, n| date_texte(s, n, jour()).map(iso);
        assert_eq!(d("05/03/2026", false).as_deref(), Some("2026-03-05"));
        assert_eq!(d("5/3/26", false).as_deref(), Some("2026-03-05"));
        assert_eq!(d("5/3/85", true).as_deref(), Some("1985-03-05"));
        assert_eq!(d("5/3/85", false).as_deref(), Some("2085-03-05"));
        assert_eq!(d("2026-03-05", false).as_deref(), Some("2026-03-05"));
        assert_eq!(d("05.03.2026 00:00", false).as_deref(), Some("2026-03-05"));
        assert_eq!(d("31/02/2026", false), None);
        assert_eq!(d("mars", false), None);
    }

    #[test]
    fn departements() {
        assert_eq!(departement("93200").as_deref(), Some("93"));
        assert_eq!(departement("97411").as_deref(), Some("974"));
        assert_eq!(departement("20000").as_deref(), Some("2A"));
        assert_eq!(departement("20200").as_deref(), Some("2B"));
        assert_eq!(departement("Seine-Saint-Denis").as_deref(), Some("93"));
        assert_eq!(departement("1").as_deref(), Some("01"));
    }
}
