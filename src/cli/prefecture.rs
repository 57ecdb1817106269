//! `vigie prefecture`: the card of a préfecture as plain text, and the local corrections
//! (add one, export them, import another desk's).

use super::{Contexte, ErreurCli, PrefectureAction, PrefectureArgs};
use crate::config;
use crate::domain::{Departement, date_iso};
use crate::prefectures::corrections::{self, NouvelleCorrection};
use crate::prefectures::{Fiche, chercher};
use crate::store::Store;
use crate::textes::prefecture as t;

pub(super) fn executer(args: PrefectureArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    match args.action {
        None => afficher(&args.requete.join(" "), ctx),
        Some(PrefectureAction::ExporterCorrections { fichier }) => {
            let store = ctx.ouvrir(false)?;
            let n = corrections::exporter(&store, &fichier)?;
            println!("{}", t::export_fait(n, &fichier));
            Ok(())
        }
        Some(PrefectureAction::ImporterCorrections { fichier }) => {
            let aujourdhui = config::aujourdhui()?;
            let mut store = ctx.ouvrir(true)?;
            let bilan = corrections::importer(&mut store, &fichier, aujourdhui)?;
            println!("{}", t::import_fait(bilan.ajoutees, bilan.deja_presentes));
            Ok(())
        }
        Some(PrefectureAction::Corriger {
            departement,
            champ,
            valeur,
            verifie_le,
            source,
        }) => {
            let d = un_departement(&departement)?;
            let aujourdhui = config::aujourdhui()?;
            let n = NouvelleCorrection::depuis_saisie(
                d,
                &champ,
                &valeur,
                &verifie_le.unwrap_or_else(|| date_iso(aujourdhui)),
                source.as_deref().unwrap_or(""),
                aujourdhui,
            )?;
            let mut store = ctx.ouvrir(true)?;
            let c = corrections::ajouter(&mut store, &n)?;
            let message = t::correction_enregistree(&c);
            println!("{}", crate::textes::visible(&message));
            Ok(())
        }
    }
}

/// Exactly one département for a query, or a French error.
fn un_departement(requete: &str) -> Result<Departement, ErreurCli> {
    let trouves = chercher(requete);
    match trouves.as_slice() {
        [d] => Ok(*d),
        [] => Err(ErreurCli::new(t::aucun_resultat(requete.trim()))),
        plusieurs => Err(ErreurCli::new(t::departement_ambigu(
            requete.trim(),
            plusieurs,
        ))),
    }
}

fn afficher(requete: &str, ctx: &Contexte) -> Result<(), ErreurCli> {
    let requete = requete.trim();
    if requete.is_empty() {
        return Err(ErreurCli::new(t::REQUETE_VIDE));
    }
    let trouves = chercher(requete);
    let d = match trouves.as_slice() {
        [] => return Err(ErreurCli::new(t::aucun_resultat(requete))),
        [d] => *d,
        plusieurs => {
            return super::sortie::ecrire(&t::plusieurs(requete, plusieurs));
        }
    };
    // The lookup never needs the database: without one (or when it cannot be opened) the
    // shipped card is shown, with a warning in the second case.
    let mut lues = Vec::new();
    if Store::existe(&ctx.db) {
        match ctx
            .ouvrir(false)
            .and_then(|s| corrections::corrections(&s, d).map_err(ErreurCli::from))
        {
            Ok(c) => lues = c,
            Err(e) => eprintln!("{}", t::corrections_non_lues(&e.message)),
        }
    }
    let fiche = Fiche::avec(d, lues)?;
    super::sortie::ecrire(&t::fiche_texte(&fiche))
}
