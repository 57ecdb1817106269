//! Loading the shipped directory: `prefectures.csv` through the one CSV reader, the sourced
//! facts from `prefectures-faits.toml`, every inconsistency a typed error.

use super::{
    ContactNational, Coordonnees, DateSource, Entree, Fait, GenreFait, Mode, Repertoire, Source,
    SourceColonnes, pan_depuis_code,
};
use crate::csvio::{Colonne, ErreurTable, lire_table};
use crate::domain::Departement;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Where in `prefectures-faits.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lieu {
    /// The n-th `[[fait]]` (1 for the first), with its `departement` as written.
    Fait {
        numero: usize,
        departement: String,
    },
    /// `[sources.<cle>]`.
    Sources(String),
    Ccc,
    Anef,
}

/// What is wrong with a fact or a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemeFait {
    DepartementInconnu,
    /// The `champ` (as written) or its `valeur` is not one the directory knows.
    ChampInvalide(String),
    TexteVide,
    SourceVide,
    /// The date as written.
    Date(String),
    /// `date = "aucune"` without a `note_date`.
    DateSansNote,
}

/// Why the shipped directory cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurRepertoire {
    Csv(ErreurTable),
    /// The TOML parser's message.
    Toml(String),
    /// `prefectures.csv` has no row for this département.
    SansLigne(Departement),
    NombreLignes {
        lues: usize,
        attendues: usize,
    },
    /// `[sources.<cle>]` is missing.
    SourcesManquantes(String),
    Fait {
        lieu: Lieu,
        probleme: ProblemeFait,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceBrute {
    texte: Option<String>,
    source: String,
    date: String,
    note_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CccBrut {
    telephone: String,
    formulaire: String,
    texte: String,
    source: String,
    date: String,
    note_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnefBrut {
    site: String,
    source: String,
    date: String,
    note_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaitBrut {
    departement: String,
    champ: String,
    valeur: Option<String>,
    texte: String,
    source: String,
    date: String,
    note_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaitsBruts {
    sources: BTreeMap<String, SourceBrute>,
    ccc: CccBrut,
    anef: AnefBrut,
    fait: Vec<FaitBrut>,
}

fn source(
    ou: &Lieu,
    reference: &str,
    date: &str,
    note_date: Option<&str>,
) -> Result<Source, ErreurRepertoire> {
    let erreur = |probleme| ErreurRepertoire::Fait {
        lieu: ou.clone(),
        probleme,
    };
    if reference.trim().is_empty() {
        return Err(erreur(ProblemeFait::SourceVide));
    }
    let date = DateSource::depuis_texte(date)
        .ok_or_else(|| erreur(ProblemeFait::Date(date.to_string())))?;
    let note_date = note_date
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from);
    if date == DateSource::Aucune && note_date.is_none() {
        return Err(erreur(ProblemeFait::DateSansNote));
    }
    Ok(Source {
        reference: reference.trim().to_string(),
        date,
        note_date,
    })
}

fn genre(champ: &str, valeur: Option<&str>) -> Option<GenreFait> {
    let mode = || valeur.and_then(Mode::depuis_code);
    Some(match (champ, valeur) {
        ("pan", Some(v)) => GenreFait::Pan(pan_depuis_code(v)?),
        ("pan_reservation", None) => GenreFait::PanReservation,
        ("guichet", Some(_)) => GenreFait::Guichet(mode()?),
        ("postal", Some(_)) => GenreFait::Postal(mode()?),
        ("courriel", Some(_)) => GenreFait::Courriel(mode()?),
        ("postal_impose", Some("oui")) => GenreFait::PostalImpose(true),
        ("postal_impose", Some("non")) => GenreFait::PostalImpose(false),
        ("alerte", None) => GenreFait::Alerte,
        ("pratique", None) => GenreFait::Pratique,
        _ => return None,
    })
}

/// Parses both assets (a developer error if this fails: the tests parse them).
pub fn analyser(csv: &str, toml_texte: &str) -> Result<Repertoire, ErreurRepertoire> {
    let lignes = lire_annuaire(csv)?;
    let bruts: FaitsBruts =
        toml::from_str(toml_texte).map_err(|e| ErreurRepertoire::Toml(e.to_string()))?;
    let mut entrees = Vec::with_capacity(101);
    for d in Departement::tous() {
        let c = lignes
            .iter()
            .find(|l| l.dept_code == d.code())
            .ok_or(ErreurRepertoire::SansLigne(d))?;
        entrees.push(Entree {
            departement: d,
            coordonnees: c.clone(),
            faits: Vec::new(),
        });
    }
    if lignes.len() != entrees.len() {
        return Err(ErreurRepertoire::NombreLignes {
            lues: lignes.len(),
            attendues: entrees.len(),
        });
    }
    for (i, f) in bruts.fait.iter().enumerate() {
        let ou = Lieu::Fait {
            numero: i + 1,
            departement: f.departement.clone(),
        };
        let erreur = |probleme| ErreurRepertoire::Fait {
            lieu: ou.clone(),
            probleme,
        };
        let d = Departement::depuis_code(&f.departement)
            .map_err(|_| erreur(ProblemeFait::DepartementInconnu))?;
        let g = genre(f.champ.trim(), f.valeur.as_deref().map(str::trim))
            .ok_or_else(|| erreur(ProblemeFait::ChampInvalide(f.champ.clone())))?;
        if f.texte.trim().is_empty() {
            return Err(erreur(ProblemeFait::TexteVide));
        }
        let fait = Fait {
            genre: g,
            texte: f.texte.trim().to_string(),
            source: source(&ou, &f.source, &f.date, f.note_date.as_deref())?,
        };
        entrees[d.rang()].faits.push(fait);
    }
    let colonnes = |cle: &str| -> Result<SourceColonnes, ErreurRepertoire> {
        let s = bruts
            .sources
            .get(cle)
            .ok_or_else(|| ErreurRepertoire::SourcesManquantes(cle.to_string()))?;
        Ok(SourceColonnes {
            texte: s.texte.clone().unwrap_or_default(),
            source: source(
                &Lieu::Sources(cle.to_string()),
                &s.source,
                &s.date,
                s.note_date.as_deref(),
            )?,
        })
    };
    let ccc = ContactNational {
        telephone: bruts.ccc.telephone.clone(),
        formulaire: bruts.ccc.formulaire.clone(),
        texte: bruts.ccc.texte.clone(),
        source: source(
            &Lieu::Ccc,
            &bruts.ccc.source,
            &bruts.ccc.date,
            bruts.ccc.note_date.as_deref(),
        )?,
        site_anef: bruts.anef.site.clone(),
        source_site_anef: source(
            &Lieu::Anef,
            &bruts.anef.source,
            &bruts.anef.date,
            bruts.anef.note_date.as_deref(),
        )?,
    };
    Ok(Repertoire {
        entrees,
        source_noms: colonnes("cog")?,
        source_coordonnees: colonnes("annuaire")?,
        source_sites: colonnes("etalab")?,
        ccc,
    })
}

/// The columns of `prefectures.csv`, all required.
const COLONNES_ANNUAIRE: [Colonne; 16] = {
    const fn c(nom: &'static str) -> Colonne {
        Colonne { nom, requise: true }
    }
    [
        c("dept_code"),
        c("dept_name"),
        c("region"),
        c("prefecture_city"),
        c("cheflieu_insee"),
        c("annuaire_id"),
        c("annuaire_name"),
        c("address_line1"),
        c("address_line2"),
        c("postal_code"),
        c("postal_commune"),
        c("phone"),
        c("email"),
        c("website_annuaire"),
        c("website_https_checked"),
        c("website_check"),
    ]
};

/// The rows of `prefectures.csv`, through the one CSV reader.
fn lire_annuaire(csv: &str) -> Result<Vec<Coordonnees>, ErreurRepertoire> {
    let (table, erreurs) = lire_table("prefectures.csv", csv.as_bytes(), &COLONNES_ANNUAIRE)
        .map_err(ErreurRepertoire::Csv)?;
    if !erreurs.is_empty() {
        return Err(ErreurRepertoire::Csv(ErreurTable::Cellules(erreurs)));
    }
    Ok(table
        .lignes
        .iter()
        .map(|(_, cellules)| {
            let c = |k: usize| table.cellule(cellules, k).to_string();
            Coordonnees {
                dept_code: c(0),
                dept_name: c(1),
                region: c(2),
                prefecture_city: c(3),
                cheflieu_insee: c(4),
                annuaire_id: c(5),
                annuaire_name: c(6),
                address_line1: c(7),
                address_line2: c(8),
                postal_code: c(9),
                postal_commune: c(10),
                phone: c(11),
                email: c(12),
                website_annuaire: c(13),
                website_https_checked: c(14),
                website_check: c(15),
            }
        })
        .collect())
}
