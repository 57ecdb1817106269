//! `vigie aujourdhui [--tous] [--format csv]`: the day's list as plain text, for screen
//! readers, or as the CSV of docs/fichiers.md §5 for scripts (references and codes, no
//! names). No colour, no box drawing; most urgent first in both.

use super::{AujourdhuiArgs, Contexte, ErreurCli};
use crate::csvio::{Ecrivain, Sortie};
use crate::jour::LigneJour;
use crate::textes::moteur as t;
use std::io::Write;

/// The §5 columns, in order.
pub const COLONNES: [&str; 9] = [
    "reference",
    "urgence",
    "etape",
    "action",
    "actions_paralleles",
    "echeance",
    "echeance_le",
    "jours",
    "alertes",
];

/// One §5 row of codes.
fn cellules(l: &LigneJour) -> [String; 9] {
    let e = &l.evaluation;
    let principale = e.echeance_principale();
    let paralleles: Vec<&str> = e.prochaine.paralleles.iter().map(|a| a.code()).collect();
    let alertes: Vec<&str> = e.alertes.iter().filter_map(|a| a.code()).collect();
    [
        l.personne.reference.clone(),
        e.code_urgence().to_string(),
        e.etape.code().to_string(),
        e.prochaine.genre.code().to_string(),
        paralleles.join(";"),
        principale.map(|p| p.genre.code()).unwrap_or("").to_string(),
        principale.map(|p| p.date.to_string()).unwrap_or_default(),
        principale.map(|p| p.jours.to_string()).unwrap_or_default(),
        alertes.join(";"),
    ]
}

/// The §5 file for `lignes`.
pub fn ecrire_csv<W: Write>(sortie: W, lignes: &[LigneJour]) -> std::io::Result<W> {
    let mut w = Ecrivain::new(sortie);
    w.entete(&COLONNES)?;
    let ordre = crate::jour::dans_l_ordre_du_contrat(lignes);
    for l in ordre {
        let c = cellules(l);
        let [
            reference,
            urgence,
            etape,
            action,
            paralleles,
            echeance,
            le,
            jours,
            alertes,
        ] = &c;
        w.ligne(&[
            Sortie::Texte(reference),
            Sortie::Texte(urgence),
            Sortie::Texte(etape),
            Sortie::Texte(action),
            Sortie::Texte(paralleles),
            Sortie::Texte(echeance),
            Sortie::Texte(le),
            Sortie::Nombre(jours),
            Sortie::Texte(alertes),
        ])?;
    }
    w.terminer()
}

pub fn executer(args: &AujourdhuiArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let csv = match args.format.as_deref() {
        None | Some("texte") => false,
        Some("csv") => true,
        Some(autre) => return Err(ErreurCli::new(t::format_inconnu(autre))),
    };
    let aujourdhui = crate::config::aujourdhui()?;
    let (regles, avertissements) = crate::config::charger_regles();
    for a in &avertissements {
        eprintln!("{a}");
    }
    let store = ctx.ouvrir(false)?;
    let (lignes, a_garder) = crate::jour::calculer_liste(&store, &regles, aujourdhui, args.tous)?;
    let sortie = std::io::stdout();
    let mut sortie = std::io::BufWriter::new(sortie.lock());
    let resultat = if csv {
        ecrire_csv(&mut sortie, &lignes).and_then(|s| s.flush())
    } else {
        ecrire_texte(&mut sortie, &lignes, aujourdhui, args.tous)
    };
    // The rows evaluated again are kept once the list is out (`jour::AGarder`).
    drop(sortie);
    a_garder.garder(&store);
    match resultat {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error for a script.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(ErreurCli::new(t::ecriture_impossible(&e))),
    }
}

fn ecrire_texte<W: Write>(
    sortie: &mut W,
    lignes: &[LigneJour],
    aujourdhui: chrono::NaiveDate,
    tous: bool,
) -> std::io::Result<()> {
    let decompte = crate::jour::decompter(lignes);
    writeln!(sortie, "{}", t::entete_jour(aujourdhui, &decompte, tous))?;
    if lignes.is_empty() {
        writeln!(sortie, "{}", t::LISTE_VIDE)?;
    }
    for (i, l) in lignes.iter().enumerate() {
        let ligne = t::ligne_jour(i + 1, l);
        writeln!(sortie, "{}", crate::textes::visible_ligne(&ligne))?;
    }
    sortie.flush()
}
