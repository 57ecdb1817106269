//! `vigie changer-phrase`: re-keys the encrypted base with a new passphrase (a volunteer
//! left the desk). The current phrase as for every command, the new one from
//! `VIGIE_NOUVELLE_PHRASE` or typed twice; the re-keying is `Store::changer_phrase`.

use super::{Contexte, ErreurCli};
use crate::config;
use crate::store::{Ouverture, Store, journaliser};
use crate::textes::phrase as t;

pub fn changer(ctx: &Contexte) -> Result<(), ErreurCli> {
    if ctx.db.is_dir() || !Store::existe(&ctx.db) {
        return Err(ErreurCli::new(t::base_absente(&ctx.db)));
    }
    if ctx.sans_chiffrement {
        // Opened first, so that an encrypted base given --sans-chiffrement by mistake is
        // told so (`BaseChiffree`) rather than called plain.
        drop(ctx.ouvrir(false)?);
        return Err(ErreurCli::new(t::BASE_NON_CHIFFREE));
    }
    let benevole = config::benevole(ctx.benevole.clone())?;
    let actuelle = config::phrase_secrete(false)?;
    // Opened with the current phrase before the new one is asked: a wrong phrase stops here.
    let mut store = Store::ouvrir(&Ouverture {
        chemin: ctx.db.clone(),
        phrase: Some(String::clone(&actuelle)),
        sans_chiffrement: false,
        benevole,
    })?;
    let nouvelle = config::nouvelle_phrase_secrete()?;
    if *nouvelle == *actuelle {
        return Err(ErreurCli::new(t::NOUVELLE_IDENTIQUE));
    }
    drop(actuelle);
    store.changer_phrase(&nouvelle).map_err(|e| {
        if e.base_occupee() {
            ErreurCli::new(t::BASE_OUVERTE_AILLEURS)
        } else {
            e.into()
        }
    })?;
    store.ecrire(|tx, b| journaliser(tx, b, "changement_phrase", None, ""))?;
    println!("{}", t::PHRASE_CHANGEE);
    Ok(())
}
