//! `vigie lettre REFERENCE` and `vigie chronologie REFERENCE`: the registered letter to the
//! préfecture and the chronology of attempts, to a file (`--sortie`) or standard output.

use super::{Contexte, DocumentArgs, ErreurCli};
use crate::lettres::{Dossier, charger};
use crate::textes::lettres as t;

/// Reads the person's file by reference (a clear French error when it does not exist).
pub fn dossier(store: &crate::store::Store, reference: &str) -> Result<Dossier, ErreurCli> {
    let aujourdhui = crate::config::aujourdhui()?;
    let (regles, avertissements) = crate::config::charger_regles();
    for a in &avertissements {
        eprintln!("{a}");
    }
    charger(store, &regles, reference, aujourdhui)?
        .ok_or_else(|| ErreurCli::new(t::reference_inconnue(reference)))
}

/// Writes a document to `--sortie` (owner-only file) or to standard output.
fn sortir(texte: &str, args: &DocumentArgs, quoi: &str) -> Result<(), ErreurCli> {
    // Stored text never reaches a terminal raw, even through `cat` of the file.
    let texte = crate::textes::visible(texte);
    let texte = texte.as_ref();
    match &args.sortie {
        Some(chemin) => {
            // Never over a file already there (the letter may have been completed by hand), nor
            // through a symlink; complete or not at all.
            crate::fichiers::ecrire_prive(
                chemin,
                texte.as_bytes(),
                crate::fichiers::SiExiste::Refuser,
            )
            .map_err(|e| ErreurCli::new(t::ecriture_fichier(chemin, chemin.is_dir(), &e)))?;
            eprintln!("{}", t::document_ecrit(quoi, chemin));
            Ok(())
        }
        None => super::sortie::ecrire(texte),
    }
}

/// `vigie lettre REFERENCE [--sortie F]`.
pub fn lettre(args: &DocumentArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let store = ctx.ouvrir(false)?;
    let d = dossier(&store, &args.reference)?;
    sortir(&t::lettre(&d), args, t::LETTRE)
}

/// `vigie chronologie REFERENCE [--sortie F]`.
pub fn chronologie(args: &DocumentArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let store = ctx.ouvrir(false)?;
    let d = dossier(&store, &args.reference)?;
    sortir(&t::chronologie(&d), args, t::CHRONOLOGIE)
}
