//! The rows of the day's list kept in the base until their horizon (`store::evaluations`):
//! what a row holds, the key naming what it was computed with, and when « seen today »
//! stops holding.

use super::LigneJour;
use crate::domain::moteur::Evaluation;
use crate::domain::regles::Regles;
use crate::domain::{Evenement, Personne};
use chrono::NaiveDate;

/// Every source the evaluation of a row depends on, by path: a kept row computed by
/// another build, or with other data, has another key and is computed again.
/// `tests/architecture.rs` checks that every file of `src/domain/` is listed.
pub const SOURCES: &[(&str, &str)] = &[
    ("src/domain/mod.rs", include_str!("../domain/mod.rs")),
    ("src/domain/codes.rs", include_str!("../domain/codes.rs")),
    (
        "src/domain/date_serde.rs",
        include_str!("../domain/date_serde.rs"),
    ),
    (
        "src/domain/controle.rs",
        include_str!("../domain/controle.rs"),
    ),
    (
        "src/domain/departements.rs",
        include_str!("../domain/departements.rs"),
    ),
    (
        "src/domain/departements_table.rs",
        include_str!("../domain/departements_table.rs"),
    ),
    (
        "src/domain/recherche.rs",
        include_str!("../domain/recherche.rs"),
    ),
    ("src/domain/regles.rs", include_str!("../domain/regles.rs")),
    (
        "src/domain/moteur/mod.rs",
        include_str!("../domain/moteur/mod.rs"),
    ),
    (
        "src/domain/moteur/actions.rs",
        include_str!("../domain/moteur/actions.rs"),
    ),
    (
        "src/domain/moteur/alertes.rs",
        include_str!("../domain/moteur/alertes.rs"),
    ),
    (
        "src/domain/moteur/decision.rs",
        include_str!("../domain/moteur/decision.rs"),
    ),
    (
        "src/domain/moteur/echeances.rs",
        include_str!("../domain/moteur/echeances.rs"),
    ),
    (
        "src/domain/moteur/echelles.rs",
        include_str!("../domain/moteur/echelles.rs"),
    ),
    (
        "src/domain/moteur/horizon.rs",
        include_str!("../domain/moteur/horizon.rs"),
    ),
    (
        "src/domain/moteur/plan.rs",
        include_str!("../domain/moteur/plan.rs"),
    ),
    ("src/jour.rs", include_str!("../jour.rs")),
    ("src/jour/gardees.rs", include_str!("gardees.rs")),
    (
        "src/prefectures/mod.rs",
        include_str!("../prefectures/mod.rs"),
    ),
    (
        "src/prefectures/corrections.rs",
        include_str!("../prefectures/corrections.rs"),
    ),
    (
        "assets/echelles.toml",
        crate::domain::moteur::echelles::ECHELLES_LIVREES,
    ),
    ("assets/prefectures.csv", crate::prefectures::ANNUAIRE_CSV),
    (
        "assets/prefectures-faits.toml",
        crate::prefectures::FAITS_TOML,
    ),
];

/// The key of the rows computed by this build with `regles` (the rules in force, a desk's
/// own values included).
pub fn cle(regles: &Regles) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for (chemin, texte) in SOURCES {
        chemin.hash(&mut h);
        texte.hash(&mut h);
    }
    format!("{regles:?}").hash(&mut h);
    format!("{:016x}", h.finish())
}

/// What a kept row holds: the list's row but the « en sommeil » flag, which depends on the
/// day counts and is derived again when read.
#[derive(serde::Serialize)]
struct Ecrite<'a> {
    personne: &'a Personne,
    evaluation: &'a Evaluation,
    visite_du_jour: bool,
}

#[derive(serde::Deserialize)]
struct Lue {
    personne: Personne,
    evaluation: Evaluation,
    visite_du_jour: bool,
}

/// The bytes kept for a row (the row's person already carries no notes, phone or
/// identifiers).
pub fn ecrire(l: &LigneJour) -> Option<Vec<u8>> {
    postcard::to_allocvec(&Ecrite {
        personne: &l.personne,
        evaluation: &l.evaluation,
        visite_du_jour: l.visite_du_jour,
    })
    .ok()
}

/// A kept row read back on `aujourdhui`, computed on `calculee_le` (within its horizon):
/// its day counts moved to today. `None`: not a row this build wrote (computed again).
pub fn lire(
    octets: &[u8],
    calculee_le: NaiveDate,
    aujourdhui: NaiveDate,
    regles: &Regles,
) -> Option<LigneJour> {
    let lue: Lue = postcard::from_bytes(octets).ok()?;
    let mut evaluation = lue.evaluation.relue();
    evaluation.decaler((aujourdhui - calculee_le).num_days());
    Some(LigneJour {
        en_sommeil: evaluation.en_sommeil(regles.sommeil_jours()),
        // « Seen today » is about the day it was computed: a later write or a later date
        // erases or ends the row (`horizon_vu`).
        visite_du_jour: lue.visite_du_jour && calculee_le == aujourdhui,
        personne: lue.personne,
        evaluation,
    })
}

/// The first day ahead « seen today » (`super::vu_aujourdhui`) may hold again: the file
/// opened or an event dated after today. (Seen today holds on the row's own day only, and
/// anything recorded later erases the row: `lire`.)
pub fn horizon_vu(p: &Personne, siens: &[Evenement], aujourdhui: NaiveDate) -> NaiveDate {
    std::iter::once(p.ouvert_le)
        .chain(siens.iter().map(|e| e.date))
        .filter(|d| *d > aujourdhui)
        .min()
        .unwrap_or(NaiveDate::MAX)
}
