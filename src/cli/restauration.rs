//! `vigie restaurer FICHIER [--oui]`: puts a backup back in place of the base. The work is in
//! `crate::protection::restauration`.

use super::{Contexte, ErreurCli, RestaurerArgs};
use crate::protection::restauration::{self, ErreurRestauration};
use crate::textes::protection as t;
use std::io::IsTerminal;

impl From<ErreurRestauration> for ErreurCli {
    fn from(e: ErreurRestauration) -> Self {
        ErreurCli::new(e.to_string())
    }
}

/// Checks the backup, asks for confirmation (unless `--oui`), then replaces the base.
pub fn restaurer(args: &RestaurerArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    if ctx.db.is_dir() {
        return Err(ErreurCli::new(crate::textes::cli::base_absente(&ctx.db)));
    }
    let jour = crate::config::aujourdhui()?;
    let phrase = if ctx.sans_chiffrement {
        None
    } else {
        // The phrase of the base: a backup is encrypted with the same one.
        Some(crate::config::phrase_secrete(false)?)
    };
    let prete =
        restauration::preparer(&ctx.db, &args.fichier, phrase.as_ref().map(|p| p.as_str()))?;
    if !args.oui {
        if !std::io::stdin().is_terminal() {
            return Err(ErreurCli::new(t::CONFIRMATION_REQUISE_RESTAURATION));
        }
        let question = t::question_restauration(&ctx.db, prete.sauvegarde(), prete.personnes());
        let tape = super::protection::demander(&question)?;
        if !tape.eq_ignore_ascii_case(t::MOT_CONFIRMATION) {
            return Err(ErreurCli::new(t::RESTAURATION_ANNULEE));
        }
    }
    let bilan = prete.remplacer(jour)?;
    println!("{}", t::restauration_terminee(&bilan));
    Ok(())
}
