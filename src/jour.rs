//! The day's list, shared by `vigie aujourdhui` and the TUI's start screen: every person with
//! a visit today or a due deadline or follow-up, evaluated by the engine, most urgent first.
//!
//! Built for the demo scale (100 000 people, 1 000 000 events): the store streams every
//! person with their events in one pass (`Store::pour_chaque_personne_et_ses_evenements`),
//! one préfecture lookup per département, no query per person. See `benches/jour.rs`.

pub mod gardees;

use crate::domain::moteur::{
    ConnaissancePrefecture, Evaluation, NiveauUrgence, evaluer, evaluer_jusqua,
};
use crate::domain::regles::Regles;
use crate::domain::{Evenement, Personne};
use crate::store::{AReevaluer, ResultatStore, Store};
use chrono::NaiveDate;

/// One row of the day's list.
#[derive(Debug, Clone)]
pub struct LigneJour {
    /// The person as the list shows them: notes, phone and identifiers are read for the
    /// evaluation, then dropped (no list shows them, and 100 000 rows are held): never write
    /// this person back; a file reads the whole person from the store.
    pub personne: Personne,
    pub evaluation: Evaluation,
    /// Seen today (`vu_aujourdhui`): opened, or something dated or recorded today.
    pub visite_du_jour: bool,
    /// A follow-up overdue for longer than the `sommeil` rule: after the day's work.
    pub en_sommeil: bool,
}

/// Counts for the header of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decompte {
    pub total: usize,
    /// Per urgency level, in the order of `NiveauUrgence::TOUS`.
    pub par_niveau: [usize; 6],
    pub visites: usize,
    /// Overdue follow-ups « en sommeil » (not counted in `par_niveau`).
    pub sommeil: usize,
}

/// Counts the rows of a list per urgency level.
pub fn decompter(lignes: &[LigneJour]) -> Decompte {
    let mut d = Decompte {
        total: lignes.len(),
        ..Decompte::default()
    };
    for l in lignes {
        if l.en_sommeil {
            d.sommeil += 1;
        } else if let Some(i) = NiveauUrgence::TOUS
            .iter()
            .position(|n| *n == l.evaluation.urgence)
        {
            d.par_niveau[i] += 1;
        }
        if l.visite_du_jour {
            d.visites += 1;
        }
    }
    d
}

/// Whether an evaluated person belongs on today's list.
pub fn est_du_jour(evaluation: &Evaluation, visite_du_jour: bool) -> bool {
    visite_du_jour || (!evaluation.est_close() && evaluation.urgence <= NiveauUrgence::DuJour)
}

/// The contract's order (docs/fichiers.md §5): most urgent first, then fewest days left,
/// then reference.
fn cle_contrat(l: &LigneJour) -> (crate::domain::moteur::NiveauUrgence, i64, &str) {
    let (niveau, jours) = l.evaluation.cle_urgence();
    (niveau, jours, &l.personne.reference)
}

/// The order of the list on screen and in words: the contract's order, the follow-ups
/// « en sommeil » last.
pub fn trier(lignes: &mut [LigneJour]) {
    // Keys computed once and the rows moved once (a row is a few hundred bytes): at
    // 100 000 rows, a comparison sort moving the rows themselves took tens of milliseconds.
    lignes.sort_by_cached_key(|l| {
        let (niveau, jours) = l.evaluation.cle_urgence();
        (l.en_sommeil, niveau, jours, l.personne.reference.clone())
    });
}

fn cle_ecran(l: &LigneJour) -> (bool, (NiveauUrgence, i64, &str)) {
    (l.en_sommeil, cle_contrat(l))
}

/// The rows in the contract's order (the §5 CSV: « en sommeil » is no code there, those rows
/// keep their place as `relance_en_retard`).
pub fn dans_l_ordre_du_contrat(lignes: &[LigneJour]) -> Vec<&LigneJour> {
    let mut v: Vec<&LigneJour> = lignes.iter().collect();
    v.sort_by(|a, b| cle_contrat(a).cmp(&cle_contrat(b)));
    v
}

/// The day's list (`tous`: every person, still most urgent first), from the evaluations
/// kept in the base (`gardees`, `store::evaluations`): only the people changed since the
/// rows were complete, or whose row is due, are read and evaluated, and their rows kept in
/// turn. Without a complete set of rows (the first run, after an import, other rules), or
/// past `REEVALUATIONS_AU_PLUS` people, one pass evaluates everyone and keeps them all.
pub fn liste_du_jour(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    tous: bool,
) -> ResultatStore<Vec<LigneJour>> {
    let (lignes, a_garder) = calculer_liste(store, regles, aujourdhui, tous)?;
    a_garder.garder(store);
    Ok(lignes)
}

/// The rows evaluated by `calculer_liste`, to keep in the base once the list is out.
#[derive(Debug)]
pub struct AGarder {
    cle: String,
    aujourdhui: NaiveDate,
    lu_a: i64,
    tout: bool,
    /// Something to write: someone was evaluated, and every person evaluated has a row here.
    a_ecrire: bool,
    lignes: Vec<crate::store::EvaluationNouvelle>,
}

impl AGarder {
    /// Writes them (a short write; nothing when the base is busy or cannot be written: the
    /// next list evaluates them again). Returns how many rows were kept.
    pub fn garder(self, store: &Store) -> usize {
        // Nobody evaluated: the mark is already at the read's change number, and no write
        // lock is asked for.
        if !self.a_ecrire {
            return 0;
        }
        store.garder_evaluations(
            &self.cle,
            self.aujourdhui,
            self.lu_a,
            self.tout,
            &self.lignes,
        )
    }

    /// How many people were evaluated from their events.
    pub fn nombre(&self) -> usize {
        self.lignes.len()
    }
}

/// `liste_du_jour` without its write: the list, and what to keep afterwards (`vigie
/// aujourdhui` prints the list first).
pub fn calculer_liste(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    tous: bool,
) -> ResultatStore<(Vec<LigneJour>, AGarder)> {
    let cle = gardees::cle(regles);
    // One snapshot for everything read: the rows kept, the people evaluated again.
    let (mut lignes, a_garder, lu_a, tout, a_ecrire) = store.lire(|| -> ResultatStore<_> {
        let lu_a = store.dernier_changement()?;
        let vus = store.ecrits_le(aujourdhui)?;
        let mut evaluateur = Evaluateur::nouveau(store, regles, aujourdhui, &vus);
        let mut lignes = Vec::new();
        let mut a_garder = Vec::new();
        // Every person evaluated has a row, or none is kept (the set would claim them).
        let mut complet = true;
        let mut garder = |l: LigneJour, jusqua: NaiveDate, lignes: &mut Vec<LigneJour>| {
            let du_jour = est_du_jour(&l.evaluation, l.visite_du_jour);
            match (l.personne.id, gardees::ecrire(&l)) {
                (Some(id), Some(octets)) => a_garder.push(crate::store::EvaluationNouvelle {
                    personne_id: id,
                    jusqua,
                    du_jour,
                    ligne: octets,
                }),
                _ => complet = false,
            }
            if tous || du_jour {
                lignes.push(l);
            }
        };
        let ids = match store.a_reevaluer(&cle, aujourdhui)? {
            AReevaluer::Personnes(ids) if ids.len() <= REEVALUATIONS_AU_PLUS => ids,
            _ => {
                let mut apres = i64::MIN;
                while let Some(dernier) = store.pour_les_personnes_apres(
                    apres,
                    crate::store::TRANCHE,
                    &mut |p, siens| {
                        let (l, jusqua) = evaluateur.ligne_jusqua(p, siens)?;
                        garder(l, jusqua, &mut lignes);
                        Ok(())
                    },
                )? {
                    apres = dernier;
                }
                return Ok((lignes, a_garder, lu_a, true, complet));
            }
        };
        let mut illisibles = Vec::new();
        let sans_date = store.evaluations_gardees(&cle, aujourdhui, tous, &mut |g| {
            if ids.binary_search(&g.personne_id).is_err() {
                match gardees::lire(g.ligne, g.calculee_le, aujourdhui, regles) {
                    // Seen or visited on the row's day only: maybe no longer of the day.
                    Some(l) if tous || est_du_jour(&l.evaluation, l.visite_du_jour) => {
                        lignes.push(l)
                    }
                    Some(_) => {}
                    // Not a row this build can read: evaluated again.
                    None => illisibles.push(g.personne_id),
                }
            }
            Ok(())
        })?;
        let evalues = ids.len() + illisibles.len() + sans_date.len();
        for id in ids.into_iter().chain(illisibles).chain(sans_date) {
            if let Some((p, siens)) = store.personne_et_ses_evenements(id)? {
                let (l, jusqua) = evaluateur.ligne_jusqua(p, &siens)?;
                garder(l, jusqua, &mut lignes);
            }
        }
        Ok((lignes, a_garder, lu_a, false, complet && evalues > 0))
    })?;
    trier(&mut lignes);
    Ok((
        lignes,
        AGarder {
            cle,
            aujourdhui,
            lu_a,
            tout,
            a_ecrire,
            lignes: a_garder,
        },
    ))
}

/// Past this many people to evaluate again (rows due after a long break), one pass over
/// everyone is cheaper than reading them one by one.
const REEVALUATIONS_AU_PLUS: usize = 20_000;

/// The day's list computed slice by slice (`avancer`), so that the interface reads keys
/// between slices: every person is evaluated, by id, each slice one short read; `terminer`
/// sorts the rows and applies the changes other desks (or this one) made during the load,
/// from the store's change log, so the list is the one a single pass would give at the end.
#[derive(Debug)]
pub struct Chargement {
    pub tous: bool,
    apres: i64,
    fini: bool,
    /// The change log's number read before the first slice.
    changement: i64,
    lignes: Vec<LigneJour>,
    lus: usize,
    total: usize,
    prefectures: Vec<Option<ConnaissancePrefecture>>,
    /// The people written one by one today, read at the first slice.
    vus: Option<std::collections::HashSet<i64>>,
}

impl Chargement {
    pub fn commencer(store: &Store, tous: bool) -> ResultatStore<Chargement> {
        // Read before the first slice: a change committed during the load is applied again
        // at its end (evaluating someone twice gives the same row).
        let changement = store.dernier_changement()?;
        Ok(Chargement {
            tous,
            apres: i64::MIN,
            fini: false,
            changement,
            lignes: Vec::new(),
            lus: 0,
            total: store.nombre_personnes()?.max(0) as usize,
            prefectures: vec![None; crate::domain::Departement::tous().count()],
            vus: None,
        })
    }

    /// Evaluates the next `combien` people; returns whether everyone has been read.
    pub fn avancer(
        &mut self,
        store: &Store,
        regles: &Regles,
        aujourdhui: NaiveDate,
        combien: usize,
    ) -> ResultatStore<bool> {
        if self.fini {
            return Ok(true);
        }
        if self.vus.is_none() {
            self.vus = Some(store.ecrits_le(aujourdhui)?);
        }
        let aucun = std::collections::HashSet::new();
        let vus = self.vus.as_ref().unwrap_or(&aucun);
        let mut evaluateur = Evaluateur::nouveau(store, regles, aujourdhui, vus);
        // The préfectures already read by earlier slices.
        evaluateur.prefectures = std::mem::take(&mut self.prefectures);
        let (tous, lignes, lus) = (self.tous, &mut self.lignes, &mut self.lus);
        let lu = store.pour_les_personnes_apres(self.apres, combien.max(1), &mut |p, siens| {
            *lus += 1;
            let ligne = evaluateur.ligne(p, siens)?;
            if tous || est_du_jour(&ligne.evaluation, ligne.visite_du_jour) {
                lignes.push(ligne);
            }
            Ok(())
        });
        self.prefectures = evaluateur.prefectures;
        match lu? {
            Some(dernier) => self.apres = dernier,
            None => self.fini = true,
        }
        Ok(self.fini)
    }

    /// People read so far, and the number in the base when the load began.
    pub fn progression(&self) -> (usize, usize) {
        (self.lus, self.total.max(self.lus))
    }

    /// The list in order, brought up to date with the changes made during the load, and the
    /// change log's number it integrates; `None` when everyone changed meanwhile (an import
    /// elsewhere): the load is to start again.
    pub fn terminer(
        self,
        store: &Store,
        regles: &Regles,
        aujourdhui: NaiveDate,
    ) -> ResultatStore<Option<(Vec<LigneJour>, i64)>> {
        let (changements, dernier) = store.changements_depuis(self.changement)?;
        let crate::store::Changements::Personnes(ids) = changements else {
            return Ok(None);
        };
        let mut lignes = self.lignes;
        trier(&mut lignes);
        mettre_a_jour(store, regles, aujourdhui, &mut lignes, &ids, self.tous)?;
        Ok(Some((lignes, dernier)))
    }
}

/// Evaluates people one by one, each préfecture's knowledge read once.
struct Evaluateur<'a> {
    store: &'a Store,
    regles: &'a Regles,
    aujourdhui: NaiveDate,
    prefectures: Vec<Option<ConnaissancePrefecture>>,
    /// The people written one by one today (`Store::ecrits_le`).
    vus: &'a std::collections::HashSet<i64>,
}

impl<'a> Evaluateur<'a> {
    fn nouveau(
        store: &'a Store,
        regles: &'a Regles,
        aujourdhui: NaiveDate,
        vus: &'a std::collections::HashSet<i64>,
    ) -> Self {
        Evaluateur {
            store,
            regles,
            aujourdhui,
            prefectures: vec![None; crate::domain::Departement::tous().count()],
            vus,
        }
    }

    fn ligne(&mut self, p: Personne, siens: &[Evenement]) -> ResultatStore<LigneJour> {
        Ok(self.ligne_jusqua(p, siens)?.0)
    }

    /// The row and the first day it may no longer hold (shifted to that day): the engine's
    /// horizon, or the day « seen today » changes.
    fn ligne_jusqua(
        &mut self,
        p: Personne,
        siens: &[Evenement],
    ) -> ResultatStore<(LigneJour, NaiveDate)> {
        let rang = p.departement.rang();
        let connaissance = match self.prefectures[rang].take() {
            Some(c) => c,
            // Local corrections of the directory count, as on the person's file.
            None => crate::prefectures::connaissance_avec(self.store, p.departement)?,
        };
        let (evaluation, horizon) =
            evaluer_jusqua(&p, siens, &connaissance, self.regles, self.aujourdhui);
        self.prefectures[rang] = Some(connaissance);
        let mut p = p;
        p.notes = None;
        p.telephone = None;
        p.identite = Default::default();
        let vu = vu_aujourdhui(&p, siens, self.aujourdhui)
            || p.id.is_some_and(|id| self.vus.contains(&id));
        let jusqua = horizon.min(gardees::horizon_vu(&p, siens, self.aujourdhui));
        Ok((
            LigneJour {
                en_sommeil: evaluation.en_sommeil(self.regles.sommeil_jours()),
                visite_du_jour: vu,
                personne: p,
                evaluation,
            },
            jusqua,
        ))
    }
}

/// Puts a list held (`lignes`, in `trier`'s order) up to date for the people `ids` changed
/// since it was computed (the store's change log): each is evaluated again from the base
/// and takes its place in the order, or leaves the list (erased, or no longer of the day
/// when `tous` is false). The result is the list `liste_du_jour` would give now, for the
/// cost of reading those people only.
pub fn mettre_a_jour(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    lignes: &mut Vec<LigneJour>,
    ids: &[i64],
    tous: bool,
) -> ResultatStore<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut nouvelles = store.lire(|| -> ResultatStore<Vec<LigneJour>> {
        let vus = store.ecrits_le(aujourdhui)?;
        let mut evaluateur = Evaluateur::nouveau(store, regles, aujourdhui, &vus);
        let mut v = Vec::new();
        for &id in ids {
            if let Some((p, siens)) = store.personne_et_ses_evenements(id)? {
                let l = evaluateur.ligne(p, &siens)?;
                if tous || est_du_jour(&l.evaluation, l.visite_du_jour) {
                    v.push(l);
                }
            }
        }
        Ok(v)
    })?;
    trier(&mut nouvelles);
    let changes: std::collections::HashSet<i64> = ids.iter().copied().collect();
    lignes.retain(|l| l.personne.id.is_none_or(|id| !changes.contains(&id)));
    if nouvelles.len() <= INSERTIONS_EN_PLACE {
        // A save or two (the usual refresh): each row put in its place, no second list.
        for n in nouvelles {
            let place = lignes.partition_point(|l| cle_ecran(l) < cle_ecran(&n));
            lignes.insert(place, n);
        }
        return Ok(());
    }
    // Many (a préfecture correction): one merge of two sorted runs, each row moved once.
    let anciennes = std::mem::take(lignes);
    lignes.reserve(anciennes.len() + nouvelles.len());
    let mut nouvelles = nouvelles.into_iter().peekable();
    for l in anciennes {
        while let Some(n) = nouvelles.next_if(|n| cle_ecran(n) < cle_ecran(&l)) {
            lignes.push(n);
        }
        lignes.push(l);
    }
    lignes.extend(nouvelles);
    Ok(())
}

/// Up to this many rows changed, they are inserted one by one into the list held (each
/// insertion moves the rows after it: a few milliseconds at 100 000 rows); past it, the list
/// is merged into a new one (twice the memory for a moment).
const INSERTIONS_EN_PLACE: usize = 32;

/// Seen today, from the person and their events: the file was opened today or anything is
/// dated or was recorded today (a visit, a CCC, a letter…). Merely opening the file records
/// nothing. The list's read carries no `saisi_le`: it adds the people the change log shows
/// written one by one today (`Store::ecrits_le`).
pub fn vu_aujourdhui(
    p: &Personne,
    siens: &[crate::domain::Evenement],
    aujourdhui: NaiveDate,
) -> bool {
    let jour = crate::domain::date_iso(aujourdhui);
    p.ouvert_le == aujourdhui
        || siens
            .iter()
            .any(|e| e.date == aujourdhui || e.saisi_le.starts_with(&jour))
}

/// The evaluation of one person now (for the person's file): their events, their
/// préfecture's known practices, the rules in force.
pub fn evaluer_personne(
    store: &Store,
    regles: &Regles,
    personne: &Personne,
    aujourdhui: NaiveDate,
) -> ResultatStore<Evaluation> {
    let evenements = match personne.id {
        Some(id) => store.evenements(id)?,
        None => Vec::new(),
    };
    let connaissance = crate::prefectures::connaissance_avec(store, personne.departement)?;
    Ok(evaluer(
        personne,
        &evenements,
        &connaissance,
        regles,
        aujourdhui,
    ))
}

#[cfg(test)]
mod tests;
