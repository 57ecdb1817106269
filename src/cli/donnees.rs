//! `vigie import`, `vigie export donnees` and `vigie demo`: thin wrappers that read the files,
//! open the database and print the French summaries. The work is in `crate::csvio` and
//! `crate::demo`.

use super::{Contexte, DemoArgs, ErreurCli, ExportDonneesArgs, ImportArgs};
use crate::config;
use crate::csvio::export::{ErreurExport, exporter_donnees};
use crate::csvio::import::{
    ErreurImport, Fichier, importer, importer_verifies, verifier_pour_base_vide,
};
use crate::csvio::lignes::{COLONNES_PERSONNES, noms};
use crate::demo::{self, ErreurDemo};
use crate::fichiers::{self, SiExiste};
use crate::store::Store;
use crate::tableur::{self, ErreurTableurImport, recette::Recette};
use crate::textes::donnees as t;
use crate::textes::tableur as tt;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Opens a CSV file of the strict import: it is read from disk in each pass, never whole.
fn lire(chemin: &std::path::Path) -> Result<Fichier, ErreurCli> {
    Fichier::ouvrir(chemin).map_err(|e| ErreurCli::new(t::lecture_fichier(chemin, &e)))
}

/// Prints the refused cells (at most `ERREURS_AFFICHEES`, then a count of the rest).
fn afficher_erreurs<E: std::fmt::Display>(erreurs: &[E]) {
    for e in erreurs.iter().take(t::ERREURS_AFFICHEES) {
        eprintln!("{}", crate::textes::visible(&e.to_string()));
    }
    if erreurs.len() > t::ERREURS_AFFICHEES {
        eprintln!(
            "{}",
            t::erreurs_non_affichees(erreurs.len() - t::ERREURS_AFFICHEES)
        );
    }
}

/// `vigie import --personnes F [--evenements G] [--ignorer-existants]`, or `--tableur F`, or
/// `--modele F`.
pub fn import(args: &ImportArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    if let Some(m) = &args.modele {
        return modele(m);
    }
    if let Some(chemin) = &args.tableur {
        if args.personnes.is_some() || args.evenements.is_some() {
            return Err(ErreurCli::new(tt::TABLEUR_ET_CSV));
        }
        return import_tableur(args, chemin, ctx);
    }
    if args.essai
        || args.recette.is_some()
        || args.ecrire_recette.is_some()
        || args.feuille.is_some()
    {
        return Err(ErreurCli::new(tt::ESSAI_SANS_TABLEUR));
    }
    let personnes = args.personnes.as_deref().map(lire).transpose()?;
    let evenements = args.evenements.as_deref().map(lire).transpose()?;
    if personnes.is_none() && evenements.is_none() {
        return Err(ErreurCli::new(t::AUCUN_FICHIER));
    }
    // A refused import creates no database: into a base that does not exist yet, the files
    // are checked before it is created (there is nothing in it to check them against), and
    // then only read again to be written.
    let verifies = if Store::existe(&ctx.db) {
        None
    } else {
        match verifier_pour_base_vide(personnes.as_ref(), evenements.as_ref()) {
            Ok(v) => Some(v),
            Err(erreurs) => {
                afficher_erreurs(&erreurs);
                return Err(ErreurCli::new(t::import_refuse(erreurs.len())));
            }
        }
    };
    let mut store = ctx.ouvrir(true)?;
    let (p, e) = (personnes.as_ref(), evenements.as_ref());
    let resultat = match verifies {
        Some(v) => importer_verifies(
            &mut store,
            p,
            e,
            args.ignorer_existants,
            v,
            t::detail_journal_import,
        ),
        None => importer(
            &mut store,
            p,
            e,
            args.ignorer_existants,
            t::detail_journal_import,
        ),
    };
    match resultat {
        Ok(bilan) => {
            println!("{}", t::import_termine(&bilan));
            Ok(())
        }
        Err(ErreurImport::Store(e)) => Err(e.into()),
        Err(ErreurImport::AucunFichier) => Err(ErreurCli::new(t::AUCUN_FICHIER)),
        Err(ErreurImport::Donnees(erreurs)) => {
            afficher_erreurs(&erreurs);
            Err(ErreurCli::new(t::import_refuse(erreurs.len())))
        }
    }
}

/// `vigie import --modele F.xlsx|F.csv`.
fn modele(chemin: &Path) -> Result<(), ErreurCli> {
    let ext = chemin
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let octets = match ext.as_str() {
        "csv" => tableur::modele::csv(tt::MODELE_ENTETES, tt::MODELE_EXEMPLE),
        "xlsx" => tableur::modele::xlsx(tt::MODELE_FEUILLE, tt::MODELE_ENTETES, tt::MODELE_EXEMPLE),
        _ => return Err(ErreurCli::new(tt::MODELE_FORMAT)),
    }
    .map_err(|e| ErreurCli::new(t::ecriture_fichier(chemin, &e)))?;
    fichiers::ecrire_prive(chemin, &octets, SiExiste::Remplacer)
        .map_err(|e| ErreurCli::new(t::ecriture_fichier(chemin, &e)))?;
    println!("{}", tt::modele_ecrit(chemin));
    Ok(())
}

/// `vigie import --tableur F [--feuille NOM] [--recette R] [--ecrire-recette R] [--essai]`.
fn import_tableur(args: &ImportArgs, chemin: &Path, ctx: &Contexte) -> Result<(), ErreurCli> {
    // A sheet is read whole (an .xlsx or .ods is a zip archive).
    let octets =
        std::fs::read(chemin).map_err(|e| ErreurCli::new(t::lecture_fichier(chemin, &e)))?;
    let nom = chemin.display().to_string();
    let recette = match &args.recette {
        None => None,
        Some(r) => {
            let texte = std::fs::read_to_string(r)
                .map_err(|e| ErreurCli::new(t::lecture_fichier(r, &e)))?;
            Some(
                Recette::lire(&texte, &noms(COLONNES_PERSONNES))
                    .map_err(|e| ErreurCli::new(tt::lecture_impossible(r, &e)))?,
            )
        }
    };
    let vocabulaire = tt::vocabulaire();
    let feuille = tableur::ouvrir(
        &nom,
        &octets,
        args.feuille.as_deref(),
        recette.as_ref(),
        &vocabulaire,
    )
    .map_err(|e| ErreurCli::new(tt::lecture_impossible(chemin, &e)))?;
    let aujourdhui = config::aujourdhui()?;
    // The references already stored; a base that does not exist is not created to know it.
    let (store, en_base) = if Store::existe(&ctx.db) {
        let s = ctx.ouvrir(!args.essai)?;
        let en_base: HashMap<String, i64> = s
            .personnes()?
            .into_iter()
            .filter_map(|p| Some((p.reference, p.id?)))
            .collect();
        (Some(s), en_base)
    } else {
        (None, HashMap::new())
    };
    let prises: HashSet<String> = en_base.keys().cloned().collect();
    let conv = tableur::convertir(&feuille, &vocabulaire, &prises, aujourdhui);
    print!(
        "{}",
        tt::correspondance(
            &feuille.colonnes,
            feuille.ligne_entete,
            &feuille.feuille.nom
        )
    );
    let generees = tt::references_generees(conv.references_generees);
    if !generees.is_empty() {
        println!("{generees}");
    }
    if let Some(r) = &args.ecrire_recette {
        let texte = tableur::recette_de(&feuille, &conv).ecrire(tt::ENTETE_RECETTE);
        fichiers::ecrire_prive(r, texte.as_bytes(), SiExiste::Remplacer)
            .map_err(|e| ErreurCli::new(t::ecriture_fichier(r, &e)))?;
        println!("{}", tt::recette_ecrite(r));
    }
    match tableur::essayer(&feuille, &conv, &en_base) {
        Err(erreurs) => {
            afficher_erreurs(&erreurs);
            return Err(ErreurCli::new(if args.essai {
                tt::essai_refuse(erreurs.len())
            } else {
                t::import_refuse(erreurs.len())
            }));
        }
        Ok(n) if args.essai => {
            println!("{}", tt::essai_ok(n, conv.lignes_evenements.len()));
            return Ok(());
        }
        Ok(_) => {}
    }
    let mut store = match store {
        Some(s) => s,
        None => ctx.ouvrir(true)?,
    };
    match tableur::importer_tableur(&mut store, &feuille, &conv, t::detail_journal_import) {
        Ok(bilan) => {
            println!("{}", t::import_termine(&bilan));
            Ok(())
        }
        Err(ErreurTableurImport::Store(e)) => Err(e.into()),
        Err(ErreurTableurImport::Cellules(erreurs)) => {
            afficher_erreurs(&erreurs);
            Err(ErreurCli::new(t::import_refuse(erreurs.len())))
        }
    }
}

/// `vigie export donnees --dossier D`.
pub fn export_donnees(args: &ExportDonneesArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let store = ctx.ouvrir(false)?;
    match exporter_donnees(&store, &args.dossier) {
        Ok(b) => {
            eprintln!("{}", t::DONNEES_PERSONNELLES);
            println!(
                "{}",
                t::export_termine(
                    b.personnes,
                    &b.fichier_personnes,
                    b.evenements,
                    &b.fichier_evenements
                )
            );
            Ok(())
        }
        Err(ErreurExport::Store(e)) => Err(e.into()),
        Err(ErreurExport::Fichier { chemin, erreur }) => {
            Err(ErreurCli::new(t::ecriture_fichier(&chemin, &erreur)))
        }
    }
}

/// `vigie demo [--personnes N] [--graine S]`: only on an empty database. The events are
/// signed by `--benevole`/`VIGIE_BENEVOLE`, else by a fixed "démo" name (no question asked).
pub fn demo(args: &DemoArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    if args.personnes == 0 {
        return Err(ErreurCli::new(t::DEMO_ZERO));
    }
    let aujourdhui = config::aujourdhui()?;
    let benevole = ctx
        .benevole
        .clone()
        .filter(|b| !b.trim().is_empty())
        .or_else(|| {
            std::env::var("VIGIE_BENEVOLE")
                .ok()
                .filter(|b| !b.trim().is_empty())
        })
        .unwrap_or_else(|| t::BENEVOLE_DEMO.to_string());
    let ctx = Contexte {
        db: ctx.db.clone(),
        sans_chiffrement: ctx.sans_chiffrement,
        benevole: Some(benevole),
    };
    let mut store = ctx.ouvrir(true)?;
    let debut = std::time::Instant::now();
    match demo::remplir(&mut store, args.personnes, args.graine, aujourdhui) {
        Ok(b) => {
            println!(
                "{}",
                t::demo_terminee(b.personnes, b.evenements, debut.elapsed().as_secs_f64())
            );
            Ok(())
        }
        Err(ErreurDemo::BaseNonVide(n)) => Err(ErreurCli::new(t::demo_base_non_vide(n))),
        Err(ErreurDemo::Store(e)) => Err(e.into()),
    }
}
