//! `vigie lettre REFERENCE [--modele M] [--pdf] [--sortie F]` and `vigie chronologie
//! REFERENCE [--avec-notes]`: the documents of a person's file, from the templates (a desk's
//! own in its configuration folder first), to a file (`--sortie`, with its PDF beside it
//! under `--pdf`) or standard output. The coherence warnings go to standard error first.

use super::{Contexte, DocumentArgs, ErreurCli, LettreArgs};
use crate::lettres::{Dossier, Modele, charger};
use crate::textes::lettres as t;
use std::path::{Path, PathBuf};

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

/// The document `m` of this file, from the desk's templates when they are valid; the
/// warnings (coherence, refused templates) in the order to show them.
pub fn rediger(d: &Dossier, m: Modele, options: t::Options) -> (String, Vec<String>) {
    let g = crate::lettres::gabarit(d, m);
    let (locaux, mut messages) =
        crate::config::modeles_locaux(&crate::lettres::modeles::noms_de_fichiers());
    let r = t::rediger(d, g, options, &locaux);
    messages.extend(r.refus);
    messages.extend(
        crate::lettres::avertissements(d, m)
            .iter()
            .map(t::avertissement),
    );
    (r.texte, messages)
}

/// Where the text and the PDF go for `--sortie F --pdf`: F is the PDF when it ends with
/// `.pdf` (the text beside it as `.txt`), else F is the text and the PDF is beside it.
fn chemins_pdf(f: &Path) -> (PathBuf, PathBuf) {
    let est_pdf = f.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if est_pdf {
        (f.with_extension("txt"), f.to_path_buf())
    } else {
        (f.to_path_buf(), f.with_extension("pdf"))
    }
}

fn ecrire(chemin: &Path, octets: &[u8], quoi: &str) -> Result<(), ErreurCli> {
    // Never over a file already there (the letter may have been completed by hand), nor
    // through a symlink; complete or not at all.
    crate::fichiers::ecrire_prive(chemin, octets, crate::fichiers::SiExiste::Refuser)
        .map_err(|e| ErreurCli::new(t::ecriture_fichier(chemin, chemin.is_dir(), &e)))?;
    eprintln!("{}", t::document_ecrit(quoi, chemin));
    Ok(())
}

/// Writes a document to `--sortie` (owner-only file, its PDF beside it with `--pdf`) or to
/// standard output.
fn sortir(texte: &str, args: &DocumentArgs, m: Modele, d: &Dossier) -> Result<(), ErreurCli> {
    // Stored text never reaches a terminal raw, even through `cat` of the file.
    let mut texte = crate::textes::visible(texte).into_owned();
    // A text file ends with a line break (a shell prompt or `cat` of two letters stays apart).
    if !texte.ends_with('\n') {
        texte.push('\n');
    }
    let texte = texte.as_str();
    let quoi = t::nom_document(m);
    match (&args.sortie, args.pdf) {
        (Some(chemin), false) => ecrire(chemin, texte.as_bytes(), quoi),
        (Some(chemin), true) => {
            let (txt, pdf) = chemins_pdf(chemin);
            for c in [&txt, &pdf] {
                if std::fs::symlink_metadata(c).is_ok() {
                    let e = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
                    return Err(ErreurCli::new(t::ecriture_fichier(c, c.is_dir(), &e)));
                }
            }
            let octets = crate::lettres::pdf::pdf(texte, &t::titre_pdf(m, d))
                .map_err(|e| ErreurCli::new(t::pdf_impossible(&e)))?;
            ecrire(&txt, texte.as_bytes(), quoi)?;
            ecrire(&pdf, &octets, quoi)
        }
        (None, true) => Err(ErreurCli::new(t::PDF_SANS_SORTIE)),
        (None, false) => super::sortie::ecrire(texte),
    }
}

fn document(args: &DocumentArgs, m: Modele, ctx: &Contexte) -> Result<(), ErreurCli> {
    let store = ctx.ouvrir(false)?;
    let d = dossier(&store, &args.reference)?;
    let options = t::Options {
        avec_notes: args.avec_notes,
    };
    let (texte, messages) = rediger(&d, m, options);
    for a in &messages {
        eprintln!("{a}");
    }
    sortir(&texte, args, m, &d)
}

/// `vigie lettre REFERENCE [--modele M] [--pdf] [--sortie F]`.
pub fn lettre(args: &LettreArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let m = Modele::depuis_code(&args.modele)
        .ok_or_else(|| ErreurCli::new(t::modele_inconnu(&args.modele)))?;
    document(&args.document, m, ctx)
}

/// `vigie chronologie REFERENCE [--avec-notes] [--pdf] [--sortie F]`.
pub fn chronologie(args: &DocumentArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    document(args, Modele::Chronologie, ctx)
}
