//! Data protection commands: `vigie personne exporter|effacer`, `vigie purger`,
//! `vigie sauvegarde`. The work is in `crate::protection`.

use super::{
    Contexte, ErreurCli, PersonneEffacerArgs, PersonneExporterArgs, PurgerArgs, SauvegardeArgs,
};
use crate::protection::{self, ErreurProtection};
use crate::textes::protection as t;
use std::io::{BufRead, IsTerminal, Write};

impl From<ErreurProtection> for ErreurCli {
    fn from(e: ErreurProtection) -> Self {
        match e {
            ErreurProtection::Store(e) => e.into(),
            ErreurProtection::Fichier { chemin, erreur } => {
                ErreurCli::new(t::ecriture_fichier(&chemin, &erreur))
            }
            ErreurProtection::FichierExistant(chemin) => {
                ErreurCli::new(t::sauvegarde_existante(&chemin))
            }
        }
    }
}

/// Asks a question on the terminal; returns the line typed, trimmed.
pub(super) fn demander(question: &str) -> Result<String, ErreurCli> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut ligne = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut ligne)
        .map_err(|e| ErreurCli::new(t::lecture_terminal(&e)))?;
    Ok(ligne.trim().to_string())
}

/// `vigie personne exporter REFERENCE --dossier D` (right of access).
pub fn exporter(args: &PersonneExporterArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let mut store = ctx.ouvrir(true)?;
    let d = super::lettres::dossier(&store, &args.reference)?;
    let chronologie = crate::textes::lettres::chronologie(&d);
    let bilan =
        protection::exporter_personne(&mut store, &d.personne, &chronologie, &args.dossier)?;
    eprintln!("{}", t::DONNEES_PERSONNELLES);
    println!(
        "{}",
        t::acces_termine(&d.personne.reference, bilan.evenements, &args.dossier)
    );
    Ok(())
}

/// `vigie personne effacer REFERENCE [--oui]` (right to erasure).
pub fn effacer(args: &PersonneEffacerArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let mut store = ctx.ouvrir(true)?;
    let reference = args.reference.trim();
    let personne = store
        .personne_par_reference(reference)?
        .ok_or_else(|| ErreurCli::new(crate::textes::lettres::reference_inconnue(reference)))?;
    if !args.oui {
        if !std::io::stdin().is_terminal() {
            return Err(ErreurCli::new(t::CONFIRMATION_REQUISE_EFFACEMENT));
        }
        let n = match personne.id {
            Some(id) => store.evenements(id)?.len(),
            None => 0,
        };
        let tape = demander(&t::question_effacement(
            &personne.nom_complet(),
            &personne.reference,
            n,
        ))?;
        if tape != personne.reference {
            return Err(ErreurCli::new(t::EFFACEMENT_ANNULE));
        }
    }
    match protection::effacer(&mut store, &personne.reference)? {
        Some(n) => {
            println!("{}", t::effacement_termine(&personne.reference, n));
            Ok(())
        }
        // Erased by another desk in the meantime.
        None => Err(ErreurCli::new(crate::textes::lettres::reference_inconnue(
            reference,
        ))),
    }
}

/// `vigie purger --avant DATE [--oui]` (retention).
pub fn purger(args: &PurgerArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let avant = crate::domain::parse_date(&args.avant)
        .map_err(|_| ErreurCli::new(t::date_invalide(&args.avant)))?;
    let avant_fr = crate::textes::moteur::date_fr(avant);
    let mut store = ctx.ouvrir(true)?;
    if !args.oui {
        let n = protection::compter_a_purger(&store, avant)?;
        if n > 0 {
            if !std::io::stdin().is_terminal() {
                return Err(ErreurCli::new(t::CONFIRMATION_REQUISE_PURGE));
            }
            let tape = demander(&t::question_purge(n, &avant_fr))?;
            if !tape.eq_ignore_ascii_case(t::MOT_CONFIRMATION) {
                return Err(ErreurCli::new(t::PURGE_ANNULEE));
            }
        }
    }
    let bilan = protection::purger(&mut store, avant)?;
    println!("{}", t::purge_terminee(&bilan, &avant_fr));
    Ok(())
}

/// `vigie sauvegarde --sortie F`.
pub fn sauvegarde(args: &SauvegardeArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    if args.sortie.exists() {
        return Err(ErreurCli::new(t::sauvegarde_existante(&args.sortie)));
    }
    let store = ctx.ouvrir(false)?;
    let octets = protection::sauvegarder(&store, &args.sortie)?;
    println!(
        "{}",
        t::sauvegarde_terminee(&args.sortie, octets, !ctx.sans_chiffrement)
    );
    Ok(())
}
