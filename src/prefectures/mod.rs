//! The préfecture directory (issue 6): the shipped data, the lookup, the card, and the
//! volunteers' local corrections.
//!
//! The data lives in `assets/` and is embedded in the binary:
//! - `assets/prefectures.csv`: a verbatim copy of the reference directory (INSEE COG and the public services directory; names,
//!   chef-lieu, address, phone, e-mail, website, one row per département);
//! - `assets/prefectures-faits.toml`: the sourced facts (PAN, booking, substitution modes,
//!   warnings, practices), each with its source and the date the source shows, plus the
//!   national CCC contact and the sources of the CSV columns.
//!
//! Unknown stays unknown: a département without a fact on the PAN is `PanConnu::Inconnu`.
//! Local corrections (stored in the database) override the shipped facts for the engine and
//! the card; see `corrections`.

mod chargement;
pub mod corrections;
mod echange;
mod recherche;

use crate::domain::Departement;
use crate::domain::moteur::{ConnaissancePrefecture, PanConnu};
use crate::store::{ErreurStore, ResultatStore, Store};
use chrono::NaiveDate;
use std::sync::LazyLock;

pub use chargement::{ErreurRepertoire, Lieu, ProblemeFait, analyser};
pub use corrections::{ChampCorrection, Correction};

/// The CSV directory, verbatim copy of the reference directory (sources in `assets/prefectures-faits.toml`).
pub const ANNUAIRE_CSV: &str = include_str!("../../assets/prefectures.csv");
/// The sourced facts.
pub const FAITS_TOML: &str = include_str!("../../assets/prefectures-faits.toml");

// ---------------------------------------------------------------- values

/// The date a source shows, with the precision it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSource {
    Jour(NaiveDate),
    Mois {
        annee: i32,
        mois: u32,
    },
    Annee(i32),
    /// The source shows no date.
    Aucune,
}

impl DateSource {
    /// Parses `AAAA-MM-JJ`, `AAAA-MM`, `AAAA` or `aucune`.
    pub fn depuis_texte(s: &str) -> Option<DateSource> {
        let s = s.trim();
        if s == "aucune" {
            return Some(DateSource::Aucune);
        }
        let parts: Vec<&str> = s.split('-').collect();
        let nombre = |p: &str, n: usize| -> Option<u32> {
            if p.len() == n && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        };
        match parts.as_slice() {
            [a] => Some(DateSource::Annee(nombre(a, 4)? as i32)),
            [a, m] => {
                let mois = nombre(m, 2)?;
                (1..=12).contains(&mois).then_some(DateSource::Mois {
                    annee: nombre(a, 4)? as i32,
                    mois,
                })
            }
            [a, m, j] => {
                NaiveDate::from_ymd_opt(nombre(a, 4)? as i32, nombre(m, 2)?, nombre(j, 2)?)
                    .map(DateSource::Jour)
            }
            _ => None,
        }
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// URL(s) or seed name.
    pub reference: String,
    pub date: DateSource,
    /// What is known of the date when the source shows none (or how it was read).
    pub note_date: Option<String>,
}

/// Whether a substitution mode is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    Oui,
    Non,
    #[default]
    Inconnu,
}

impl Mode {
    pub const TOUS: [Mode; 3] = [Mode::Oui, Mode::Non, Mode::Inconnu];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Oui => "oui",
            Mode::Non => "non",
            Mode::Inconnu => "inconnu",
        }
    }

    pub fn depuis_code(s: &str) -> Option<Mode> {
        Mode::TOUS.into_iter().find(|m| m.code() == s.trim())
    }

    /// As the engine wants it: known to exist, known not to, unknown.
    pub fn en_option(self) -> Option<bool> {
        match self {
            Mode::Oui => Some(true),
            Mode::Non => Some(false),
            Mode::Inconnu => None,
        }
    }
}

/// Codes of the PAN status (`dedie`, `general`, `aucun`, `inconnu`).
pub const PAN_TOUS: [PanConnu; 4] = [
    PanConnu::Dedie,
    PanConnu::General,
    PanConnu::Aucun,
    PanConnu::Inconnu,
];

pub fn code_pan(p: PanConnu) -> &'static str {
    match p {
        PanConnu::Dedie => "dedie",
        PanConnu::General => "general",
        PanConnu::Aucun => "aucun",
        PanConnu::Inconnu => "inconnu",
    }
}

pub fn pan_depuis_code(s: &str) -> Option<PanConnu> {
    PAN_TOUS.into_iter().find(|p| code_pan(*p) == s.trim())
}

/// What a shipped fact says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenreFait {
    Pan(PanConnu),
    PanReservation,
    Guichet(Mode),
    Postal(Mode),
    Courriel(Mode),
    /// Postal deposit imposed (contrary to the arrêté of 1 August 2023).
    PostalImpose(bool),
    Alerte,
    Pratique,
}

/// One sourced fact about a préfecture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fait {
    pub genre: GenreFait,
    pub texte: String,
    pub source: Source,
}

/// One row of `prefectures.csv`, column names kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coordonnees {
    pub dept_code: String,
    pub dept_name: String,
    pub region: String,
    pub prefecture_city: String,
    pub cheflieu_insee: String,
    pub annuaire_id: String,
    pub annuaire_name: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub postal_commune: String,
    pub phone: String,
    pub email: String,
    pub website_annuaire: String,
    pub website_https_checked: String,
    pub website_check: String,
}

/// The website of a préfecture and how far it can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    /// Given by the annuaire; the https address answered in the etalab list.
    Verifie(String),
    /// Given by the annuaire, not in the etalab list (no check possible).
    NonVerifie(String),
    /// Not from the annuaire: built by hand and found in the etalab list (`DERIVED`).
    Deduit {
        url: String,
        annuaire: Option<String>,
    },
    Absent,
}

/// A visible reason to doubt a contact detail of the CSV (prefectures-SOURCES.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doute {
    /// A 08xx premium number, most likely out of date.
    TelephoneSurtaxe,
    /// The e-mail is on an old `*.pref.gouv.fr` host.
    CourrielAncienDomaine,
    /// The e-mail is not on a `gouv.fr` host.
    CourrielHorsGouv,
    /// The annuaire website points to another département's site.
    SiteAutreDepartement,
}

impl Coordonnees {
    pub fn site(&self) -> Site {
        let non_vide = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        if self.website_check.starts_with("DERIVED") {
            match non_vide(&self.website_https_checked) {
                Some(url) => Site::Deduit {
                    url,
                    annuaire: non_vide(&self.website_annuaire),
                },
                None => Site::Absent,
            }
        } else if let Some(url) = non_vide(&self.website_https_checked) {
            Site::Verifie(url)
        } else if let Some(url) = non_vide(&self.website_annuaire) {
            Site::NonVerifie(url)
        } else {
            Site::Absent
        }
    }

    pub fn doutes(&self) -> Vec<Doute> {
        let mut v = Vec::new();
        if self.phone.trim().starts_with("08") {
            v.push(Doute::TelephoneSurtaxe);
        }
        let courriel = self.email.trim();
        if !courriel.is_empty() {
            if courriel.ends_with(".pref.gouv.fr") {
                v.push(Doute::CourrielAncienDomaine);
            } else if !courriel.ends_with(".gouv.fr") {
                v.push(Doute::CourrielHorsGouv);
            }
        }
        if self.website_check.contains("page on") {
            v.push(Doute::SiteAutreDepartement);
        }
        v
    }

    /// The address block for a registered letter (first address of the annuaire).
    pub fn adresse(&self) -> Vec<String> {
        vec![
            self.address_line1.trim().to_string(),
            format!("{} {}", self.postal_code.trim(), self.postal_commune.trim()),
        ]
    }

    /// The second address block the annuaire gives, if any.
    pub fn autre_adresse(&self) -> Option<String> {
        let s = self.address_line2.trim();
        (!s.is_empty()).then(|| s.to_string())
    }
}

/// A source of a whole column group of the CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceColonnes {
    pub texte: String,
    pub source: Source,
}

/// The national CCC contact, on every card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactNational {
    pub telephone: String,
    pub formulaire: String,
    pub texte: String,
    pub source: Source,
    pub site_anef: String,
    pub source_site_anef: Source,
}

/// Everything shipped about one département.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entree {
    pub departement: Departement,
    pub coordonnees: Coordonnees,
    pub faits: Vec<Fait>,
}

impl Entree {
    fn premier<T>(&self, f: impl Fn(&GenreFait) -> Option<T>) -> Option<(T, &Fait)> {
        self.faits.iter().find_map(|x| f(&x.genre).map(|v| (v, x)))
    }

    pub fn pan(&self) -> Option<(PanConnu, &Fait)> {
        self.premier(|g| match g {
            GenreFait::Pan(p) => Some(*p),
            _ => None,
        })
    }

    pub fn pan_reservation(&self) -> Option<&Fait> {
        self.premier(|g| matches!(g, GenreFait::PanReservation).then_some(()))
            .map(|x| x.1)
    }

    pub fn guichet(&self) -> Option<(Mode, &Fait)> {
        self.premier(|g| match g {
            GenreFait::Guichet(m) => Some(*m),
            _ => None,
        })
    }

    pub fn postal(&self) -> Option<(Mode, &Fait)> {
        self.premier(|g| match g {
            GenreFait::Postal(m) => Some(*m),
            _ => None,
        })
    }

    pub fn courriel(&self) -> Option<(Mode, &Fait)> {
        self.premier(|g| match g {
            GenreFait::Courriel(m) => Some(*m),
            _ => None,
        })
    }

    pub fn postal_impose(&self) -> Option<(bool, &Fait)> {
        self.premier(|g| match g {
            GenreFait::PostalImpose(b) => Some(*b),
            _ => None,
        })
    }

    pub fn alertes(&self) -> impl Iterator<Item = &Fait> {
        self.faits
            .iter()
            .filter(|f| matches!(f.genre, GenreFait::Alerte))
    }

    pub fn pratiques(&self) -> impl Iterator<Item = &Fait> {
        self.faits
            .iter()
            .filter(|f| matches!(f.genre, GenreFait::Pratique))
    }
}

/// The whole shipped directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repertoire {
    /// One per département, in official order (index = `Departement::rang`).
    pub entrees: Vec<Entree>,
    pub source_noms: SourceColonnes,
    pub source_coordonnees: SourceColonnes,
    pub source_sites: SourceColonnes,
    pub ccc: ContactNational,
}

impl Repertoire {
    pub fn entree(&self, d: Departement) -> &Entree {
        &self.entrees[d.rang()]
    }
}

static REPERTOIRE: LazyLock<Result<Repertoire, ErreurRepertoire>> =
    LazyLock::new(|| analyser(ANNUAIRE_CSV, FAITS_TOML));

/// The shipped directory cannot be read (a developer error: the tests parse it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepertoireIllisible(pub ErreurRepertoire);

/// Why a card cannot be built.
#[derive(Debug)]
pub enum ErreurFiche {
    Repertoire(RepertoireIllisible),
    /// The local corrections cannot be read.
    Store(ErreurStore),
}

impl From<RepertoireIllisible> for ErreurFiche {
    fn from(e: RepertoireIllisible) -> Self {
        ErreurFiche::Repertoire(e)
    }
}

/// The shipped directory (parsed once).
pub fn repertoire() -> Result<&'static Repertoire, RepertoireIllisible> {
    REPERTOIRE
        .as_ref()
        .map_err(|e| RepertoireIllisible(e.clone()))
}

// ---------------------------------------------------------------- lookup and knowledge

/// Départements matching a query: a number (`33`, `2a`, `971`, `1`) or a name (`gironde`,
/// `réunion`, `cotes d armor`: accents, case, hyphens and apostrophes optional), or a
/// préfecture's town. An exact name gives one département; a prefix may give several.
/// Official order; empty when nothing matches.
pub fn chercher(requete: &str) -> Vec<Departement> {
    recherche::chercher(requete)
}

pub use recherche::ville_prefecture;

/// The card of a département: shipped entry plus local corrections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fiche {
    pub departement: Departement,
    pub entree: &'static Entree,
    pub ccc: &'static ContactNational,
    pub sources: [&'static SourceColonnes; 3],
    /// The corrections in force (the most recently verified per field; every note).
    pub corrections: Vec<Correction>,
    /// Corrections replaced by a more recently verified one (kept, shown as history).
    pub historique: Vec<Correction>,
}

impl Fiche {
    /// The card with these corrections (any order; those of other départements ignored).
    pub fn avec(
        departement: Departement,
        corrections: Vec<Correction>,
    ) -> Result<Fiche, RepertoireIllisible> {
        let r = repertoire()?;
        let (corrections, historique) = corrections::departager(
            corrections
                .into_iter()
                .filter(|c| c.departement == departement)
                .collect(),
        );
        Ok(Fiche {
            departement,
            entree: r.entree(departement),
            ccc: &r.ccc,
            sources: [&r.source_noms, &r.source_coordonnees, &r.source_sites],
            corrections,
            historique,
        })
    }

    /// The shipped card only.
    pub fn livree(departement: Departement) -> Result<Fiche, RepertoireIllisible> {
        Fiche::avec(departement, Vec::new())
    }

    /// The card with the corrections stored in the database.
    pub fn chargee(store: &Store, departement: Departement) -> Result<Fiche, ErreurFiche> {
        let c = corrections::corrections(store, departement).map_err(ErreurFiche::Store)?;
        Ok(Fiche::avec(departement, c)?)
    }

    /// The correction in force for a field (not `note`).
    pub fn correction(&self, champ: ChampCorrection) -> Option<&Correction> {
        self.corrections.iter().find(|c| c.champ == champ)
    }

    pub fn notes(&self) -> impl Iterator<Item = &Correction> {
        self.corrections
            .iter()
            .filter(|c| c.champ == ChampCorrection::Note)
    }

    fn mode(&self, champ: ChampCorrection, livre: Option<(Mode, &Fait)>) -> Mode {
        self.correction(champ)
            .and_then(|c| Mode::depuis_code(&c.valeur))
            .or(livre.map(|x| x.0))
            .unwrap_or_default()
    }

    pub fn pan(&self) -> PanConnu {
        self.correction(ChampCorrection::Pan)
            .and_then(|c| pan_depuis_code(&c.valeur))
            .or(self.entree.pan().map(|x| x.0))
            .unwrap_or_default()
    }

    pub fn guichet(&self) -> Mode {
        self.mode(ChampCorrection::Guichet, self.entree.guichet())
    }

    pub fn postal(&self) -> Mode {
        self.mode(ChampCorrection::Postal, self.entree.postal())
    }

    pub fn courriel(&self) -> Mode {
        self.mode(ChampCorrection::Courriel, self.entree.courriel())
    }

    pub fn postal_impose(&self) -> bool {
        match self.correction(ChampCorrection::PostalImpose) {
            Some(c) => c.valeur == "oui",
            None => self.entree.postal_impose().is_some_and(|x| x.0),
        }
    }

    /// The address lines for a registered letter: the local correction if any, else the
    /// annuaire's first address (the préfecture's name above them is worded by the texts).
    pub fn adresse_courrier(&self) -> Vec<String> {
        match self.correction(ChampCorrection::Adresse) {
            Some(c) => c
                .valeur
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            None => self.entree.coordonnees.adresse(),
        }
    }

    /// What the engine needs.
    pub fn connaissance(&self) -> ConnaissancePrefecture {
        ConnaissancePrefecture {
            departement: Some(self.departement),
            pan: self.pan(),
            guichet: self.guichet().en_option(),
            postal: self.postal().en_option(),
            courriel: self.courriel().en_option(),
            postal_impose: self.postal_impose(),
        }
    }
}

/// What the engine needs to know of the préfecture of a département (shipped facts only).
pub fn connaissance(d: Departement) -> ConnaissancePrefecture {
    match Fiche::livree(d) {
        Ok(f) => f.connaissance(),
        Err(_) => ConnaissancePrefecture {
            departement: Some(d),
            ..ConnaissancePrefecture::default()
        },
    }
}

/// Same, with the local corrections of the database overriding the shipped facts.
pub fn connaissance_avec(store: &Store, d: Departement) -> ResultatStore<ConnaissancePrefecture> {
    let c = corrections::corrections(store, d)?;
    Ok(match Fiche::avec(d, c) {
        Ok(f) => f.connaissance(),
        Err(_) => connaissance(d),
    })
}

/// The address lines for a registered letter (letters module), corrections included; none
/// when the shipped directory cannot be read.
pub fn adresse_courrier_avec(store: &Store, d: Departement) -> ResultatStore<Vec<String>> {
    let c = corrections::corrections(store, d)?;
    Ok(match Fiche::avec(d, c) {
        Ok(f) => f.adresse_courrier(),
        Err(_) => Vec::new(),
    })
}

#[cfg(test)]
mod tests;
