//! `vigie import`, `vigie export donnees` and `vigie demo`: thin wrappers that read the files,
//! open the database and print the French summaries. The work is in `crate::csvio` and
//! `crate::demo`.

use super::{Contexte, DemoArgs, ErreurCli, ExportDonneesArgs, ImportArgs};
use crate::config;
use crate::csvio::export::{ErreurExport, exporter_donnees};
use crate::csvio::import::{ErreurImport, Fichier, importer};
use crate::demo::{self, ErreurDemo};
use crate::textes::donnees as t;

fn lire(chemin: &std::path::Path) -> Result<Fichier, ErreurCli> {
    let octets =
        std::fs::read(chemin).map_err(|e| ErreurCli::new(t::lecture_fichier(chemin, &e)))?;
    Ok(Fichier {
        nom: chemin.display().to_string(),
        octets,
    })
}

/// `vigie import --personnes F [--evenements G] [--ignorer-existants]`.
pub fn import(args: &ImportArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let personnes = args.personnes.as_deref().map(lire).transpose()?;
    let evenements = args.evenements.as_deref().map(lire).transpose()?;
    if personnes.is_none() && evenements.is_none() {
        return Err(ErreurCli::new(t::AUCUN_FICHIER));
    }
    let mut store = ctx.ouvrir(true)?;
    match importer(
        &mut store,
        personnes.as_ref(),
        evenements.as_ref(),
        args.ignorer_existants,
        t::detail_journal_import,
    ) {
        Ok(bilan) => {
            println!("{}", t::import_termine(&bilan));
            Ok(())
        }
        Err(ErreurImport::Store(e)) => Err(e.into()),
        Err(ErreurImport::AucunFichier) => Err(ErreurCli::new(t::AUCUN_FICHIER)),
        Err(ErreurImport::Donnees(erreurs)) => {
            for e in erreurs.iter().take(t::ERREURS_AFFICHEES) {
                eprintln!("{}", crate::textes::visible(&e.to_string()));
            }
            if erreurs.len() > t::ERREURS_AFFICHEES {
                eprintln!(
                    "{}",
                    t::erreurs_non_affichees(erreurs.len() - t::ERREURS_AFFICHEES)
                );
            }
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
