//! The panels' effects (préfecture card and corrections, statistics, trend, exports, the
//! spreadsheet import): run here, their results sent back through `Panneau::recevoir`.

use super::*;

/// What a panel asks of the executor (its update stays pure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EffetPanneau {
    /// A département's card with the local corrections.
    ChargerFiche(Departement),
    /// Store a local correction, then reload its card.
    AjouterCorrection(NouvelleCorrection),
    /// The statistics table of a period.
    CalculerStats {
        periode: Periode,
        par_departement: bool,
        seuil: u64,
    },
    /// The last 12 months of the statistics (`ensemble`), for the trend chart.
    CalculerTendance { aujourdhui: NaiveDate, seuil: u64 },
    /// Write an export to the file named `nom` (relative to the current directory);
    /// `remplacer`: the volunteer said an existing file may be replaced.
    Exporter {
        nom: String,
        octets: Vec<u8>,
        lignes: usize,
        remplacer: bool,
    },
    /// Read the desk's sheet at `chemin`, with the targets chosen on screen (`None`: as
    /// found), and dry-run it; `importer`: then import it if the dry run passes.
    Tableur {
        chemin: String,
        cibles: Option<Vec<crate::tableur::Cible>>,
        importer: bool,
    },
}

/// What the executor brings back to the panel.
#[derive(Debug)]
pub enum ResultatPanneau {
    /// The card (`None`: not even the shipped one could be built).
    Fiche(Departement, Option<Fiche>),
    /// The stored correction and its card reloaded, or what went wrong.
    Correction(Result<(Correction, Option<Fiche>), String>),
    Stats(Result<Tableau, String>),
    Tendance(Result<Vec<crate::stats::Point>, String>),
    /// The absolute path tried, the number of rows, and the outcome of the write.
    Export {
        chemin: PathBuf,
        lignes: usize,
        resultat: std::io::Result<()>,
    },
    /// The sheet mapped and dry-run (and imported when asked), or why it cannot be read.
    Tableur(Result<Box<crate::tui::import::EtatTableur>, String>),
}

fn fiche(store: &Store, d: Departement) -> Option<Fiche> {
    Fiche::chargee(store, d).or_else(|_| Fiche::livree(d)).ok()
}

/// The effects that only read (a reload needs no more).
pub(super) fn lecture(e: &EffetPanneau, store: &Store) -> Option<ResultatPanneau> {
    match *e {
        EffetPanneau::ChargerFiche(d) => Some(ResultatPanneau::Fiche(d, fiche(store, d))),
        EffetPanneau::CalculerStats {
            periode,
            par_departement,
            seuil,
        } => Some(calcul(store, periode, par_departement, seuil)),
        EffetPanneau::CalculerTendance { aujourdhui, seuil } => {
            Some(tendance(store, aujourdhui, seuil))
        }
        _ => None,
    }
}

fn calcul(store: &Store, periode: Periode, par_departement: bool, seuil: u64) -> ResultatPanneau {
    ResultatPanneau::Stats(
        crate::stats::calculer(store, periode, par_departement, seuil).map_err(|e| e.to_string()),
    )
}

fn tendance(store: &Store, aujourdhui: NaiveDate, seuil: u64) -> ResultatPanneau {
    ResultatPanneau::Tendance(
        crate::stats::tendance(store, aujourdhui, 12, seuil).map_err(|e| e.to_string()),
    )
}

/// Runs one panel effect (short transactions only).
pub fn executer_panneau(e: EffetPanneau, store: &mut Store) -> ResultatPanneau {
    match e {
        EffetPanneau::ChargerFiche(d) => ResultatPanneau::Fiche(d, fiche(store, d)),
        EffetPanneau::CalculerStats {
            periode,
            par_departement,
            seuil,
        } => calcul(store, periode, par_departement, seuil),
        EffetPanneau::CalculerTendance { aujourdhui, seuil } => tendance(store, aujourdhui, seuil),
        EffetPanneau::AjouterCorrection(n) => ResultatPanneau::Correction(
            corrections::ajouter(store, &n)
                .map(|c| (c, fiche(store, n.departement)))
                .map_err(|e| e.to_string()),
        ),
        EffetPanneau::Exporter {
            nom,
            octets,
            lignes,
            remplacer,
        } => {
            let chemin = PathBuf::from(nom);
            let chemin = std::path::absolute(&chemin).unwrap_or(chemin);
            let resultat = ecrire_prive(&chemin, &octets, remplacer);
            ResultatPanneau::Export {
                chemin,
                lignes,
                resultat,
            }
        }
        EffetPanneau::Tableur {
            chemin,
            cibles,
            importer,
        } => ResultatPanneau::Tableur(tableur(store, &chemin, cibles, importer).map(Box::new)),
    }
}

/// The import screen's one effect: the same reading, mapping, check and import as
/// `vigie import --tableur`.
fn tableur(
    store: &mut Store,
    chemin: &str,
    cibles: Option<Vec<crate::tableur::Cible>>,
    importer: bool,
) -> Result<crate::tui::import::EtatTableur, String> {
    use crate::textes::tableur as tt;
    let octets = std::fs::read(chemin)
        .map_err(|e| crate::textes::donnees::lecture_fichier(std::path::Path::new(chemin), &e))?;
    let vocabulaire = tt::vocabulaire();
    let mut t = crate::tableur::ouvrir(chemin, &octets, None, None, &vocabulaire)
        .map_err(|e| e.to_string())?;
    if let Some(c) = cibles
        && c.len() == t.colonnes.len()
    {
        for (col, cible) in t.colonnes.iter_mut().zip(c) {
            col.cible = cible;
        }
    }
    let en_base: std::collections::HashMap<String, i64> = store
        .personnes()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|p| Some((p.reference, p.id?)))
        .collect();
    let prises = en_base.keys().cloned().collect();
    let aujourdhui = crate::config::aujourdhui().unwrap_or_default();
    let conv = crate::tableur::convertir(&t, &vocabulaire, &prises, aujourdhui);
    let essai = crate::tableur::essayer(&t, &conv, &en_base);
    let bilan = (importer && essai.is_ok()).then(|| {
        crate::tableur::importer_tableur(
            store,
            &t,
            &conv,
            crate::textes::donnees::detail_journal_import,
        )
        .map_err(|e| match e {
            crate::tableur::ErreurTableurImport::Cellules(v) => {
                crate::textes::donnees::import_refuse(v.len())
            }
            crate::tableur::ErreurTableurImport::Store(e) => e.to_string(),
        })
    });
    Ok(crate::tui::import::EtatTableur {
        tableur: t,
        essai,
        evenements: conv.lignes_evenements.len(),
        bilan,
    })
}

/// Feeds a panel's effects to the executor and their results back to the panel until it
/// asks nothing more (tests step a panel alone this way; the application does the same).
pub fn piloter(panneau: &mut dyn Panneau, mut reponse: Reponse, store: &mut Store) -> Reponse {
    while let Reponse::Effet(e) = reponse {
        reponse = panneau.recevoir(executer_panneau(e, store));
    }
    reponse
}
