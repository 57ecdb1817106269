//! The rules in force: every duration and legal threshold, with its source and check date.
//! Shipped in `assets/regles.toml`, embedded in the binary at build time, overridable by a
//! user's file that the configuration layer reads from disk and hands over as text.
//!
//! Everything here is pure: `depuis_toml` and `surcharger` take text and return rules or
//! typed errors (worded elsewhere). This module is the only place where rule values are
//! read: the engine asks `Regles` for every duration, never writes one itself.

use chrono::NaiveDate;

/// The shipped rules, embedded at build time.
pub const REGLES_LIVREES: &str = include_str!("../../assets/regles.toml");

/// The unit a rule is expressed in (its value field in the TOML file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unite {
    Jours,
    Mois,
    Euros,
    Date,
}

impl Unite {
    /// The TOML field holding the value.
    pub fn champ(self) -> &'static str {
        match self {
            Unite::Jours => "jours",
            Unite::Mois => "mois",
            Unite::Euros => "euros",
            Unite::Date => "date",
        }
    }
}

/// Declares the rule keys, their TOML names and their units.
macro_rules! cles {
    ($($var:ident => $code:literal, $unite:ident;)+) => {
        /// Every rule the engine knows, in the order of `assets/regles.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum CleRegle { $($var),+ }

        impl CleRegle {
            pub const TOUTES: &'static [CleRegle] = &[$(CleRegle::$var),+];

            /// The section name in the TOML file.
            pub fn code(self) -> &'static str {
                match self { $(CleRegle::$var => $code),+ }
            }

            pub fn unite(self) -> Unite {
                match self { $(CleRegle::$var => Unite::$unite),+ }
            }

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

cles! {
    ApiValidite => "api_validite", Mois;
    ApiSecondeValidite => "api_seconde_validite", Mois;
    ApiSecondeDepuis => "api_seconde_depuis", Date;
    RenouvellementOuverture => "renouvellement_ouverture", Jours;
    RenouvellementFermeture => "renouvellement_fermeture", Jours;
    TaxeRetard => "taxe_retard", Euros;
    CccAttenteReponse => "ccc_attente_reponse", Jours;
    PanRelance => "pan_relance", Jours;
    RecommandeSansReponse => "recommande_sans_reponse", Jours;
    DepotAttestation => "depot_attestation", Jours;
    AlerteDroits => "alerte_droits", Jours;
    BrouillonConservation => "brouillon_conservation", Jours;
    SubstitutionRelance => "substitution_relance", Jours;
    PrefectureRelance => "prefecture_relance", Jours;
    RecoursSuivi => "recours_suivi", Jours;
    ExecutionRelance => "execution_relance", Jours;
    AvocatParallele => "avocat_parallele", Jours;
    SilenceRejet => "silence_rejet", Mois;
    Sommeil => "sommeil", Jours;
    SuiviReport => "suivi_report", Jours;
}

/// A rule's value: a non-negative count in its unit, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Valeur {
    Nombre(u32),
    Date(NaiveDate),
}

/// One rule in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regle {
    pub cle: CleRegle,
    pub valeur: Valeur,
    /// Legal text or "pratique des permanences", in French.
    pub source: String,
    /// When someone really checked the source (`None`: not checked, said so to the user).
    pub verifie_le: Option<NaiveDate>,
    /// Comes from the user's override file.
    pub surchargee: bool,
}

/// Every duration and threshold the engine uses (see `assets/regles.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regles {
    regles: Vec<Regle>,
}

impl Default for Regles {
    /// The shipped rules.
    fn default() -> Self {
        livrees()
    }
}

impl Regles {
    /// Every rule, in file order.
    pub fn toutes(&self) -> &[Regle] {
        &self.regles
    }

    pub fn regle(&self, c: CleRegle) -> &Regle {
        &self.regles[c.index()]
    }

    /// Whether any rule comes from the user's override file.
    pub fn surchargees(&self) -> bool {
        self.regles.iter().any(|r| r.surchargee)
    }

    fn nombre(&self, c: CleRegle) -> u32 {
        match self.regle(c).valeur {
            Valeur::Nombre(n) => n,
            // The loader guarantees the unit of each key; a date has no count.
            Valeur::Date(_) => 0,
        }
    }

    fn date(&self, c: CleRegle) -> NaiveDate {
        match self.regle(c).valeur {
            Valeur::Date(d) => d,
            Valeur::Nombre(_) => NaiveDate::MIN,
        }
    }

    /// A rule counted in days (a duration of the ladder), for the engine's follow-up dates.
    pub fn jours(&self, c: CleRegle) -> i64 {
        self.nombre(c).into()
    }

    /// Validity of a first API, in months.
    pub fn api_validite_mois(&self) -> u32 {
        self.nombre(CleRegle::ApiValidite)
    }
    /// Validity of a second API delivered since `api_seconde_depuis`, in months.
    pub fn api_seconde_validite_mois(&self) -> u32 {
        self.nombre(CleRegle::ApiSecondeValidite)
    }
    /// Since when the second API has its longer validity.
    pub fn api_seconde_depuis(&self) -> NaiveDate {
        self.date(CleRegle::ApiSecondeDepuis)
    }
    /// The renewal window opens this many days before the permit expires.
    pub fn renouvellement_ouverture_jours(&self) -> i64 {
        self.nombre(CleRegle::RenouvellementOuverture).into()
    }
    /// The renewal window closes this many days before the permit expires.
    pub fn renouvellement_fermeture_jours(&self) -> i64 {
        self.nombre(CleRegle::RenouvellementFermeture).into()
    }
    /// The tax for a late renewal request, in euros.
    pub fn taxe_retard_euros(&self) -> u32 {
        self.nombre(CleRegle::TaxeRetard)
    }
    /// How long to wait for an answer of the CCC before moving on.
    pub fn ccc_attente_reponse_jours(&self) -> i64 {
        self.nombre(CleRegle::CccAttenteReponse).into()
    }
    /// How long after a PAN appointment request without an answer to follow it up.
    pub fn pan_relance_jours(&self) -> i64 {
        self.nombre(CleRegle::PanRelance).into()
    }
    /// How long after a registered letter without reply to turn to a lawyer.
    pub fn recommande_sans_reponse_jours(&self) -> i64 {
        self.nombre(CleRegle::RecommandeSansReponse).into()
    }
    /// How long after a substitution deposit to wait for the attestation.
    pub fn depot_attestation_jours(&self) -> i64 {
        self.nombre(CleRegle::DepotAttestation).into()
    }
    /// A right lapsing within this many days is urgent.
    pub fn alerte_droits_jours(&self) -> i64 {
        self.nombre(CleRegle::AlerteDroits).into()
    }

    /// Four months of silence on a complete file is an implicit rejection (R.432-1/2).
    pub fn silence_rejet_mois(&self) -> u32 {
        self.nombre(CleRegle::SilenceRejet)
    }

    /// A form's draft kept longer than this many days is dropped.
    pub fn brouillon_conservation_jours(&self) -> i64 {
        self.nombre(CleRegle::BrouillonConservation).into()
    }

    /// A follow-up overdue by more than this many days is « en sommeil » (desk practice).
    pub fn sommeil_jours(&self) -> i64 {
        self.nombre(CleRegle::Sommeil).into()
    }

    /// A follow-up done with nothing new (`suivi`) proposes the next check this many days
    /// later (desk practice).
    pub fn suivi_report_jours(&self) -> i64 {
        self.nombre(CleRegle::SuiviReport).into()
    }

    /// The validity in months of an API delivered on `delivree_le`, `rang` being 1 for the
    /// first API of the procedure, 2 for the second, and so on.
    pub fn validite_api_mois(&self, rang: usize, delivree_le: NaiveDate) -> u32 {
        if rang >= 2 && delivree_le >= self.api_seconde_depuis() {
            self.api_seconde_validite_mois()
        } else {
            self.api_validite_mois()
        }
    }
}

// ---------------------------------------------------------------- parsing (pure)

/// What is wrong in a rules file (typed; the French wording lives with the other texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurRegle {
    /// Not valid TOML (line number when known, the parser's own message).
    Syntaxe {
        ligne: Option<usize>,
        message: String,
    },
    /// A section that is not a rule.
    CleInconnue(String),
    /// A top-level entry that is not a section.
    PasUneSection(String),
    /// A field not allowed in this section.
    ChampInconnu { cle: String, champ: String },
    /// A required field is missing.
    ChampManquant { cle: String, champ: String },
    /// Wrong TOML type for a field.
    MauvaisType {
        cle: String,
        champ: String,
        attendu: TypeAttendu,
    },
    /// A negative duration or amount.
    Negatif {
        cle: String,
        champ: String,
        valeur: i64,
    },
    /// Too large to be a duration.
    TropGrand {
        cle: String,
        champ: String,
        valeur: i64,
    },
    /// A required section is missing (only for the shipped file).
    SectionManquante(String),
    /// The renewal window would open after it closes.
    FenetreIncoherente { ouverture: u32, fermeture: u32 },
    /// A text value holding a control character (docs/fichiers.md §1).
    Controle {
        cle: String,
        champ: String,
        erreur: super::ErreurValeur,
    },
}

/// The TOML type a field must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeAttendu {
    Entier,
    Date,
    Texte,
}

/// A rule read from a file, before merging.
type Lue = (CleRegle, Valeur, String, Option<NaiveDate>);

fn lire_sections(texte: &str) -> Result<Vec<Lue>, Vec<ErreurRegle>> {
    let table: toml::Table = texte.parse().map_err(|e: toml::de::Error| {
        let ligne = e
            .span()
            .map(|s| texte[..s.start.min(texte.len())].matches('\n').count() + 1);
        vec![ErreurRegle::Syntaxe {
            ligne,
            message: e.message().trim().to_string(),
        }]
    })?;
    let mut erreurs = Vec::new();
    let mut lues = Vec::new();
    for (nom, valeur) in &table {
        let Some(cle) = CleRegle::TOUTES.iter().copied().find(|c| c.code() == nom) else {
            erreurs.push(ErreurRegle::CleInconnue(nom.clone()));
            continue;
        };
        let Some(section) = valeur.as_table() else {
            erreurs.push(ErreurRegle::PasUneSection(nom.clone()));
            continue;
        };
        match lire_regle(cle, section) {
            Ok(l) => lues.push(l),
            Err(mut e) => erreurs.append(&mut e),
        }
    }
    if erreurs.is_empty() {
        Ok(lues)
    } else {
        Err(erreurs)
    }
}

fn lire_regle(cle: CleRegle, section: &toml::Table) -> Result<Lue, Vec<ErreurRegle>> {
    let nom = cle.code().to_string();
    let champ_valeur = cle.unite().champ();
    let mut erreurs = Vec::new();
    for champ in section.keys() {
        if champ != champ_valeur && champ != "source" && champ != "verifie_le" {
            erreurs.push(ErreurRegle::ChampInconnu {
                cle: nom.clone(),
                champ: champ.clone(),
            });
        }
    }
    let manquant = |champ: &str| ErreurRegle::ChampManquant {
        cle: nom.clone(),
        champ: champ.to_string(),
    };
    let mauvais = |champ: &str, attendu| ErreurRegle::MauvaisType {
        cle: nom.clone(),
        champ: champ.to_string(),
        attendu,
    };
    let valeur = match section.get(champ_valeur) {
        None => {
            erreurs.push(manquant(champ_valeur));
            None
        }
        Some(v) if cle.unite() == Unite::Date => match date_toml(v) {
            Some(d) => Some(Valeur::Date(d)),
            None => {
                erreurs.push(mauvais(champ_valeur, TypeAttendu::Date));
                None
            }
        },
        Some(v) => match v.as_integer() {
            None => {
                erreurs.push(mauvais(champ_valeur, TypeAttendu::Entier));
                None
            }
            Some(n) if n < 0 => {
                erreurs.push(ErreurRegle::Negatif {
                    cle: nom.clone(),
                    champ: champ_valeur.to_string(),
                    valeur: n,
                });
                None
            }
            Some(n) => match u32::try_from(n) {
                Ok(n) if n <= 100_000 => Some(Valeur::Nombre(n)),
                _ => {
                    erreurs.push(ErreurRegle::TropGrand {
                        cle: nom.clone(),
                        champ: champ_valeur.to_string(),
                        valeur: n,
                    });
                    None
                }
            },
        },
    };
    let source = match section.get("source") {
        None => {
            erreurs.push(manquant("source"));
            None
        }
        Some(v) => match v.as_str() {
            Some(s) if !s.trim().is_empty() => {
                match super::verifier_texte(s.trim(), super::GenreTexte::Ligne) {
                    Ok(()) => Some(s.trim().to_string()),
                    Err(erreur) => {
                        erreurs.push(ErreurRegle::Controle {
                            cle: nom.clone(),
                            champ: "source".into(),
                            erreur,
                        });
                        None
                    }
                }
            }
            _ => {
                erreurs.push(mauvais("source", TypeAttendu::Texte));
                None
            }
        },
    };
    // `verifie_le` is optional: only a date someone really checked the source is written.
    let verifie_le = match section.get("verifie_le") {
        None => Some(None),
        Some(v) => match date_toml(v) {
            Some(d) => Some(Some(d)),
            None => {
                erreurs.push(mauvais("verifie_le", TypeAttendu::Date));
                None
            }
        },
    };
    match (valeur, source, verifie_le) {
        (Some(v), Some(s), Some(d)) if erreurs.is_empty() => Ok((cle, v, s, d)),
        _ => Err(erreurs),
    }
}

/// A TOML local date (`2026-11-23`) or a string in one of the accepted date forms.
fn date_toml(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        toml::Value::String(s) => super::parse_date(s).ok(),
        _ => None,
    }
}

fn verifier_coherence(r: &Regles) -> Result<(), Vec<ErreurRegle>> {
    let o = r.nombre(CleRegle::RenouvellementOuverture);
    let f = r.nombre(CleRegle::RenouvellementFermeture);
    if o < f {
        return Err(vec![ErreurRegle::FenetreIncoherente {
            ouverture: o,
            fermeture: f,
        }]);
    }
    Ok(())
}

/// Parses a complete rules file (every rule present): the shipped file.
pub fn depuis_toml(texte: &str) -> Result<Regles, Vec<ErreurRegle>> {
    let lues = lire_sections(texte)?;
    let mut regles = Vec::with_capacity(CleRegle::TOUTES.len());
    let mut erreurs = Vec::new();
    for &cle in CleRegle::TOUTES {
        match lues.iter().find(|l| l.0 == cle) {
            Some((_, valeur, source, verifie_le)) => regles.push(Regle {
                cle,
                valeur: *valeur,
                source: source.clone(),
                verifie_le: *verifie_le,
                surchargee: false,
            }),
            None => erreurs.push(ErreurRegle::SectionManquante(cle.code().to_string())),
        }
    }
    if !erreurs.is_empty() {
        return Err(erreurs);
    }
    let r = Regles { regles };
    verifier_coherence(&r)?;
    Ok(r)
}

/// Applies an override file (any subset of complete sections) on top of `base`.
/// All or nothing: any error leaves `base` untouched.
pub fn surcharger(base: &Regles, texte: &str) -> Result<Regles, Vec<ErreurRegle>> {
    let lues = lire_sections(texte)?;
    let mut r = base.clone();
    for (cle, valeur, source, verifie_le) in lues {
        r.regles[cle.index()] = Regle {
            cle,
            valeur,
            source,
            verifie_le,
            surchargee: true,
        };
    }
    verifier_coherence(&r)?;
    Ok(r)
}

/// The shipped rules.
pub fn livrees() -> Regles {
    // The shipped file is part of the binary and checked by the test
    // `shipped_rules_parse_and_are_complete`: it cannot be changed by a user.
    depuis_toml(REGLES_LIVREES).expect("the shipped assets/regles.toml is valid (checked by tests)")
}

/// What happened to the user's override file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EtatSurcharge {
    /// No file: the shipped rules are in force.
    Absente,
    /// The file was read and applied.
    Appliquee,
    /// The file was refused (the shipped rules stay in force); the warnings say why.
    Refusee,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_parse_and_are_complete() {
        let r = depuis_toml(REGLES_LIVREES).unwrap();
        assert_eq!(r.toutes().len(), CleRegle::TOUTES.len());
        for (i, regle) in r.toutes().iter().enumerate() {
            assert_eq!(regle.cle, CleRegle::TOUTES[i]);
            assert!(!regle.source.is_empty());
            assert!(!regle.surchargee);
        }
        assert!(r.renouvellement_ouverture_jours() > r.renouvellement_fermeture_jours());
        assert!(r.api_seconde_validite_mois() > r.api_validite_mois());
    }

    #[test]
    fn second_api_validity_depends_on_rank_and_date() {
        let r = livrees();
        let depuis = r.api_seconde_depuis();
        let avant = depuis.pred_opt().unwrap();
        assert_eq!(r.validite_api_mois(1, depuis), r.api_validite_mois());
        assert_eq!(r.validite_api_mois(2, avant), r.api_validite_mois());
        assert_eq!(
            r.validite_api_mois(2, depuis),
            r.api_seconde_validite_mois()
        );
        assert_eq!(
            r.validite_api_mois(3, depuis),
            r.api_seconde_validite_mois()
        );
    }

    #[test]
    fn override_replaces_only_its_sections() {
        let base = livrees();
        let r = surcharger(
            &base,
            "[ccc_attente_reponse]\njours = 21\nsource = \"Pratique locale\"\nverifie_le = \"01/12/2026\"\n",
        )
        .unwrap();
        assert_eq!(
            r.ccc_attente_reponse_jours(),
            base.ccc_attente_reponse_jours() + 6
        );
        let regle = r.regle(CleRegle::CccAttenteReponse);
        assert!(regle.surchargee);
        assert_eq!(regle.source, "Pratique locale");
        assert_eq!(
            regle.verifie_le.map(|d| d.to_string()).as_deref(),
            Some("2026-12-01")
        );
        assert_eq!(r.alerte_droits_jours(), base.alerte_droits_jours());
        assert!(!r.regle(CleRegle::AlerteDroits).surchargee);
        assert!(r.surchargees());
        assert!(!base.surchargees());
    }

    #[test]
    fn override_errors_name_key_and_problem() {
        let base = livrees();
        let cas: &[(&str, ErreurRegle)] = &[
            (
                "[ccc_attente]\njours = 3\nsource = \"x\"\nverifie_le = 2026-01-01\n",
                ErreurRegle::CleInconnue("ccc_attente".into()),
            ),
            (
                "[pan_relance]\njours = -4\nsource = \"x\"\nverifie_le = 2026-01-01\n",
                ErreurRegle::Negatif {
                    cle: "pan_relance".into(),
                    champ: "jours".into(),
                    valeur: -4,
                },
            ),
            (
                "[pan_relance]\njours = \"15\"\nsource = \"x\"\nverifie_le = 2026-01-01\n",
                ErreurRegle::MauvaisType {
                    cle: "pan_relance".into(),
                    champ: "jours".into(),
                    attendu: TypeAttendu::Entier,
                },
            ),
            (
                "[pan_relance]\nmois = 1\njours = 3\nsource = \"x\"\nverifie_le = 2026-01-01\n",
                ErreurRegle::ChampInconnu {
                    cle: "pan_relance".into(),
                    champ: "mois".into(),
                },
            ),
            (
                "[pan_relance]\njours = 3\nverifie_le = 2026-01-01\n",
                ErreurRegle::ChampManquant {
                    cle: "pan_relance".into(),
                    champ: "source".into(),
                },
            ),
            (
                "[renouvellement_fermeture]\njours = 200\nsource = \"x\"\nverifie_le = 2026-01-01\n",
                ErreurRegle::FenetreIncoherente {
                    ouverture: base.renouvellement_ouverture_jours() as u32,
                    fermeture: 200,
                },
            ),
            (
                "alerte_droits = 3\n",
                ErreurRegle::PasUneSection("alerte_droits".into()),
            ),
            (
                "[taxe_retard]\neuros = 1\nsource = \"x\\u001b]0;t\\u0007\"\nverifie_le = 2026-01-01\n",
                ErreurRegle::Controle {
                    cle: "taxe_retard".into(),
                    champ: "source".into(),
                    erreur: crate::domain::ErreurValeur::CaractereControle {
                        code: 0x1b,
                        position: 2,
                    },
                },
            ),
        ];
        for (texte, attendue) in cas {
            let erreurs = surcharger(&base, texte).unwrap_err();
            assert_eq!(&erreurs, &vec![attendue.clone()], "{texte}");
        }
        match surcharger(&base, "[pan_relance\njours = 3\n")
            .unwrap_err()
            .as_slice()
        {
            [ErreurRegle::Syntaxe { ligne: Some(1), .. }] => {}
            autre => panic!("{autre:?}"),
        }
    }
}
