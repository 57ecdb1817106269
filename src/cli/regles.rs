//! `vigie regles`: the rules in force, with their sources and check dates, and whether the
//! user's override file is used. Exits non-zero when the override file was refused (the
//! shipped rules printed are then the ones in force).

use super::ErreurCli;
use crate::domain::regles::EtatSurcharge;
use crate::textes::moteur as t;

pub fn executer() -> Result<(), ErreurCli> {
    let c = crate::config::charger_regles_depuis(&crate::config::chemin_regles());
    for a in &c.avertissements {
        eprintln!("{a}");
    }
    let mut texte = String::new();
    for l in t::lignes_regles(&c.regles, &c.fichier, &c.etat) {
        texte.push_str(&l);
        texte.push('\n');
    }
    super::sortie::ecrire(&texte)?;
    if c.etat == EtatSurcharge::Refusee {
        return Err(ErreurCli::new(t::surcharge_refusee(&c.fichier)));
    }
    Ok(())
}
