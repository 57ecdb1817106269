//! `vigie federation cles`, `vigie export contribution`, `vigie federation agreger`
//! (docs/fichiers.md §6).

use super::stats::{periode_mois, sortir};
use super::{AgregerArgs, Contexte, ErreurCli, ExportContributionArgs};
use crate::domain::{GenreTexte, verifier_texte};
use crate::federation::{self, Contribution};
use crate::fichiers::{SiExiste, creer_dossier_prive, ecrire_prive};
use crate::stats::{self, Format, SEUIL_MINIMUM};
use crate::store::Store;
use crate::textes::federation as t;
use crate::textes::stats as ts;
use std::path::Path;

pub fn cles(dossier: &Path) -> Result<(), ErreurCli> {
    creer_dossier_prive(dossier).map_err(|e| ts::ecriture_impossible(dossier, &e))?;
    let prive = dossier.join("federation.cle");
    let public = dossier.join("federation.pub");
    for p in [&prive, &public] {
        if p.exists() || p.is_symlink() {
            return Err(ErreurCli::new(t::existe_deja(p)));
        }
    }
    let (secret, cle) = federation::generer_cles();
    // Never replaced: a lost private key would make every contribution unreadable.
    ecrire_prive(&prive, format!("{secret}\n").as_bytes(), SiExiste::Refuser)
        .map_err(|e| ts::ecriture_impossible(&prive, &e))?;
    ecrire_prive(&public, format!("{cle}\n").as_bytes(), SiExiste::Refuser)
        .map_err(|e| ts::ecriture_impossible(&public, &e))?;
    eprintln!("{}", t::cles_ecrites(&prive, &public, &cle));
    Ok(())
}

pub fn contribution(a: &ExportContributionArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let periode = periode_mois(&a.mois).ok_or_else(|| ts::mois_invalide(&a.mois))?;
    let poste = a.poste.trim();
    if poste.is_empty() || verifier_texte(poste, GenreTexte::Ligne).is_err() {
        return Err(ErreurCli::new(t::POSTE_VIDE));
    }
    if !Store::existe(&ctx.db) {
        return Err(ErreurCli::new(ts::base_absente(&ctx.db)));
    }
    let store = ctx.ouvrir(false)?;
    let acc = stats::accumuler(&store, periode)?;
    let texte = federation::chiffrer(&Contribution::depuis(poste, acc), &a.destinataire)
        .map_err(|e| e.to_string())?;
    sortir(a.sortie.as_deref(), texte.as_bytes())?;
    if let Some(chemin) = &a.sortie {
        eprintln!("{}", t::contribution_ecrite(chemin, poste));
    }
    Ok(())
}

pub fn agreger(a: &AgregerArgs) -> Result<(), ErreurCli> {
    if u64::from(a.seuil) < SEUIL_MINIMUM {
        return Err(ErreurCli::new(ts::seuil_trop_bas(a.seuil)));
    }
    let texte = std::fs::read_to_string(&a.cle)
        .map_err(|e| crate::textes::donnees::lecture_fichier(&a.cle, &e))?;
    let cle = federation::lire_cle(&texte).map_err(|e| t::dans_fichier(&a.cle, &e))?;
    let mut contributions = Vec::new();
    for f in &a.fichiers {
        let octets =
            std::fs::read(f).map_err(|e| crate::textes::donnees::lecture_fichier(f, &e))?;
        let c = federation::dechiffrer(&cle, &octets).map_err(|e| t::dans_fichier(f, &e))?;
        contributions.push(c);
    }
    let acc = federation::agreger(&contributions).map_err(|e| t::agregation(&e, &a.fichiers))?;
    let tableau = acc.tableau(u64::from(a.seuil), a.par_departement);
    stats::auditer(&tableau).map_err(|f| ts::audit_refuse(&f))?;
    let postes: Vec<String> = contributions.iter().map(|c| c.poste.clone()).collect();
    sortir(
        a.sortie.as_deref(),
        &tableau.ecrire(Format::Csv, &ts::LIBELLES),
    )?;
    eprintln!("{}", t::postes_additionnes(&postes));
    Ok(())
}
