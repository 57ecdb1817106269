//! `vigie aujourdhui [--tous]`: the day's list as plain text, for screen readers and scripts.
//! No colour, no box drawing: one header line, then one line per person, most urgent first.

use super::{AujourdhuiArgs, Contexte, ErreurCli};
use crate::textes::moteur as t;
use std::io::Write;

pub fn executer(args: &AujourdhuiArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let aujourdhui = crate::config::aujourdhui()?;
    let (regles, avertissements) = crate::config::charger_regles();
    for a in &avertissements {
        eprintln!("{a}");
    }
    let store = ctx.ouvrir(false)?;
    let lignes = crate::jour::liste_du_jour(&store, &regles, aujourdhui, args.tous)?;
    let decompte = crate::jour::decompter(&lignes);
    let sortie = std::io::stdout();
    let mut sortie = std::io::BufWriter::new(sortie.lock());
    let mut ecrire = || -> std::io::Result<()> {
        writeln!(
            sortie,
            "{}",
            t::entete_jour(aujourdhui, &decompte, args.tous)
        )?;
        if lignes.is_empty() {
            writeln!(sortie, "{}", t::LISTE_VIDE)?;
        }
        for (i, l) in lignes.iter().enumerate() {
            let ligne = t::ligne_jour(i + 1, l);
            writeln!(sortie, "{}", crate::textes::visible_ligne(&ligne))?;
        }
        sortie.flush()
    };
    match ecrire() {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error for a script.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(ErreurCli::new(t::ecriture_impossible(&e))),
    }
}
