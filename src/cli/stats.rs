//! `vigie export stats` (docs/fichiers.md §4): anonymized figures of a period, to a file or stdout.

use super::{Contexte, ErreurCli, ExportStatsArgs};
use crate::domain::{date_iso, parse_date};
use crate::stats::{self, Format, Periode};
use crate::store::Store;
use crate::textes::stats as t;
use std::io::Write;

/// The period of `--du/--au`, `--mois`, `--trimestre` or `--annee` (clap already refuses
/// mixing them): whole months only (docs/fichiers.md §4).
pub fn periode(a: &ExportStatsArgs) -> Result<Periode, String> {
    let p = periode_donnee(a)?;
    if !p.mois_entiers() {
        return Err(t::periode_non_entiere(&date_iso(p.du), &date_iso(p.au)));
    }
    Ok(p)
}

fn periode_donnee(a: &ExportStatsArgs) -> Result<Periode, String> {
    if let Some(m) = &a.mois {
        return periode_mois(m).ok_or_else(|| t::mois_invalide(m));
    }
    if let Some(q) = &a.trimestre {
        return periode_trimestre(q).ok_or_else(|| t::trimestre_invalide(q));
    }
    if let Some(an) = &a.annee {
        let s = an.trim();
        return s
            .parse::<i32>()
            .ok()
            .filter(|_| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(Periode::annee)
            .ok_or_else(|| t::annee_invalide(an));
    }
    match (&a.du, &a.au) {
        (None, None) => Err(t::PERIODE_ABSENTE.into()),
        (Some(_), None) => Err(t::DU_SANS_AU.into()),
        (None, Some(_)) => Err(t::AU_SANS_DU.into()),
        (Some(du), Some(au)) => {
            let d1 = parse_date(du).map_err(|_| t::date_invalide("--du", du))?;
            let d2 = parse_date(au).map_err(|_| t::date_invalide("--au", au))?;
            if d1 > d2 {
                return Err(t::periode_inversee(du.trim(), au.trim()));
            }
            Ok(Periode { du: d1, au: d2 })
        }
    }
}

/// `AAAA-MM` (the month may have one digit).
pub fn periode_mois(s: &str) -> Option<Periode> {
    let (a, m) = s.trim().split_once('-')?;
    if a.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    if !a.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Periode::mois(a.parse().ok()?, m.parse().ok()?)
}

/// `AAAA-TN` (`T` or `t`, N from 1 to 4).
pub fn periode_trimestre(s: &str) -> Option<Periode> {
    let (a, q) = s.trim().split_once('-')?;
    let q = q.strip_prefix(['T', 't'])?;
    if a.len() != 4 || q.len() != 1 || !a.bytes().chain(q.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Periode::trimestre(a.parse().ok()?, q.parse().ok()?)
}

pub fn executer(a: ExportStatsArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    // Check every argument before touching the database.
    let periode = periode(&a)?;
    if u64::from(a.seuil) < stats::SEUIL_MINIMUM {
        return Err(ErreurCli::new(t::seuil_trop_bas(a.seuil)));
    }
    let format = Format::depuis_code(&a.format).ok_or_else(|| t::format_inconnu(&a.format))?;
    // Statistics only read: never create an empty database by mistake.
    if !Store::existe(&ctx.db) {
        return Err(ErreurCli::new(t::base_absente(&ctx.db)));
    }
    let store = ctx.ouvrir(false)?;
    let tableau = stats::calculer(&store, periode, a.par_departement, u64::from(a.seuil))?;
    // The guard: a table the audit finds a recoverable cell in never leaves.
    stats::auditer(&tableau).map_err(|f| t::audit_refuse(&f))?;
    let octets = tableau.ecrire(format, &t::LIBELLES);
    sortir(a.sortie.as_deref(), &octets)?;
    if let Some(chemin) = &a.sortie {
        eprintln!("{}", t::fichier_ecrit(chemin, tableau.lignes.len()));
    }
    Ok(())
}

/// Writes `octets` to `sortie` (replaced whole or not at all, owner-only, a symlink there
/// never followed), or to standard output.
pub fn sortir(sortie: Option<&std::path::Path>, octets: &[u8]) -> Result<(), ErreurCli> {
    match sortie {
        Some(chemin) => {
            crate::fichiers::ecrire_prive(chemin, octets, crate::fichiers::SiExiste::Remplacer)
                .map_err(|e| t::ecriture_impossible(chemin, &e))?;
        }
        None => {
            let mut sortie = std::io::stdout().lock();
            match sortie.write_all(octets).and_then(|_| sortie.flush()) {
                // A reader gone away (`| head`) is not an error for a script.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(t::ecriture_impossible(std::path::Path::new("-"), &e).into());
                }
                _ => {}
            }
        }
    }
    Ok(())
}
