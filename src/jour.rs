//! The day's list, shared by `vigie aujourdhui` and the TUI's start screen: every person with
//! a visit today or a due deadline or follow-up, evaluated by the engine, most urgent first.
//!
//! Built for the demo scale (100 000 people, 1 000 000 events): the store streams every
//! person with their events in one pass (`Store::pour_chaque_personne_et_ses_evenements`),
//! one préfecture lookup per département, no query per person. See `benches/jour.rs`.

use crate::domain::moteur::{ConnaissancePrefecture, Evaluation, NiveauUrgence, evaluer};
use crate::domain::regles::Regles;
use crate::domain::{Evenement, Personne};
use crate::store::{ResultatStore, Store};
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

/// The day's list (`tous`: every person, still most urgent first).
pub fn liste_du_jour(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    tous: bool,
) -> ResultatStore<Vec<LigneJour>> {
    // One snapshot for every slice: nothing can change during the load, so it ends at once.
    store.lire(|| {
        let mut chargement = Chargement::commencer(store, tous)?;
        while !chargement.avancer(store, regles, aujourdhui, crate::store::TRANCHE)? {}
        // (`None`, everyone changed meanwhile, cannot come from a single snapshot.)
        Ok(chargement
            .terminer(store, regles, aujourdhui)?
            .map(|(lignes, _)| lignes)
            .unwrap_or_default())
    })
}

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
        let rang = p.departement.rang();
        let connaissance = match self.prefectures[rang].take() {
            Some(c) => c,
            // Local corrections of the directory count, as on the person's file.
            None => crate::prefectures::connaissance_avec(self.store, p.departement)?,
        };
        let evaluation = evaluer(&p, siens, &connaissance, self.regles, self.aujourdhui);
        self.prefectures[rang] = Some(connaissance);
        let mut p = p;
        p.notes = None;
        p.telephone = None;
        p.identite = Default::default();
        Ok(LigneJour {
            en_sommeil: evaluation.en_sommeil(self.regles.sommeil_jours()),
            visite_du_jour: vu_aujourdhui(&p, siens, self.aujourdhui)
                || p.id.is_some_and(|id| self.vus.contains(&id)),
            personne: p,
            evaluation,
        })
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
mod tests {
    use super::*;
    use crate::domain::{
        Blocage, Canal, Demarche, Departement, Evenement, Resultat, TypeEvenement, parse_date,
    };
    use crate::store::{Changements, Ouverture};

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn merged_list_matches_one_by_one_evaluation() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::ouvrir(&Ouverture {
            chemin: dir.path().join("j.db"),
            phrase: None,
            sans_chiffrement: true,
            benevole: "T".into(),
        })
        .unwrap();
        let auj = d("2026-11-23");
        let mut ids = Vec::new();
        for (i, dep) in ["75", "33", "2A", "971", "33"].iter().enumerate() {
            let p = Personne {
                id: None,
                reference: format!("Z{}", 9 - i),
                nom: format!("N{i}"),
                prenom: None,
                telephone: None,
                departement: Departement::depuis_code(dep).unwrap(),
                demarche: Demarche::Renouvellement,
                blocage: Blocage::Connexion,
                ouvert_le: d("2026-01-01"),
                titre_expire_le: Some(d("2026-11-01")),
                api_expire_le: (i % 2 == 0).then(|| d("2026-12-01")),
                pan_connu: None,
                notes: None,
                captures: Some(i as u32),
                identite: Default::default(),
                version: 1,
            };
            ids.push(s.creer_personne(&p).unwrap());
        }
        // Events recorded out of person order, and one person without events.
        for (k, id) in [ids[3], ids[0], ids[3], ids[1], ids[4]].iter().enumerate() {
            let mut e = Evenement::nouveau(TypeEvenement::Ccc, d("2026-11-10"));
            e.canal = Some(Canal::Formulaire);
            e.resultat = Some(if k == 2 {
                Resultat::AttestationImpossibilite
            } else {
                Resultat::EnAttente
            });
            s.ajouter_evenement(*id, &e).unwrap();
        }
        let mut v = Evenement::nouveau(TypeEvenement::Visite, auj);
        v.notes = Some("venue".into());
        s.ajouter_evenement(ids[2], &v).unwrap();

        let regles = Regles::default();
        let tous = liste_du_jour(&s, &regles, auj, true).unwrap();
        assert_eq!(tous.len(), 5);
        for l in &tous {
            let seule = evaluer_personne(&s, &regles, &l.personne, auj).unwrap();
            assert_eq!(l.evaluation, seule, "{}", l.personne.reference);
        }
        for w in tous.windows(2) {
            assert!(w[0].evaluation.cle_urgence() <= w[1].evaluation.cle_urgence());
        }
        let du_jour = liste_du_jour(&s, &regles, auj, false).unwrap();
        assert!(
            du_jour
                .iter()
                .all(|l| est_du_jour(&l.evaluation, l.visite_du_jour))
        );
        assert!(
            du_jour
                .iter()
                .any(|l| l.visite_du_jour && l.personne.id == Some(ids[2]))
        );
        let d = decompter(&du_jour);
        assert_eq!(d.total, du_jour.len());
        assert_eq!(d.par_niveau.iter().sum::<usize>() + d.sommeil, d.total);
        assert_eq!(d.visites, 1);
    }

    fn personne_de_test(i: usize, dep: &str) -> Personne {
        let mut p = crate::domain::essais::personne(&format!("R{i:03}"), &format!("N{i}"), dep);
        p.titre_expire_le = Some(d("2026-11-01") + chrono::Days::new((i * 7 % 90) as u64));
        p
    }

    /// The list patched from the change log is, after every kind of write, the list a full
    /// pass gives (the day's and everyone's), row for row and in the same order.
    #[test]
    fn patched_list_equals_a_full_pass_after_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::store::base_en_clair(&dir.path().join("m.db"));
        let auj = d("2026-11-23");
        let regles = Regles::default();
        let deps = ["75", "33", "2A", "971", "69"];
        let mut ids: Vec<i64> = (0..40)
            .map(|i| s.creer_personne(&personne_de_test(i, deps[i % 5])).unwrap())
            .collect();
        let cle = |v: &[LigneJour]| -> Vec<(String, Evaluation, bool, bool)> {
            v.iter()
                .map(|l| {
                    (
                        l.personne.reference.clone(),
                        l.evaluation.clone(),
                        l.visite_du_jour,
                        l.en_sommeil,
                    )
                })
                .collect()
        };
        for tous in [false, true] {
            let mut vu = s.dernier_changement().unwrap();
            let mut liste = liste_du_jour(&s, &regles, auj, tous).unwrap();
            // A small deterministic walk over the writes a desk makes.
            let mut graine = 7u64;
            for tour in 0..30 {
                graine = graine
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let k = (graine >> 33) as usize;
                let id = ids[k % ids.len()];
                match tour % 5 {
                    0 | 1 => {
                        let mut e = Evenement::nouveau(
                            [
                                TypeEvenement::Ccc,
                                TypeEvenement::Visite,
                                TypeEvenement::Pan,
                            ][k % 3],
                            auj - chrono::Days::new((k % 40) as u64),
                        );
                        if e.type_evenement != TypeEvenement::Visite {
                            e.canal = Some(Canal::Formulaire);
                            e.resultat = Some(Resultat::EnAttente);
                        }
                        s.ajouter_evenement(id, &e).unwrap();
                    }
                    2 => {
                        let mut p = s.personne(id).unwrap().unwrap();
                        p.titre_expire_le = Some(auj + chrono::Days::new((k % 20) as u64));
                        s.modifier_personne(&p).unwrap();
                    }
                    3 => {
                        let reference = s.personne(id).unwrap().unwrap().reference;
                        s.ecrire(|tx, _| tx.effacer_personne(&reference)).unwrap();
                        ids.retain(|x| *x != id);
                    }
                    _ => {
                        let n = 100 + tour + if tous { 50 } else { 0 };
                        ids.push(s.creer_personne(&personne_de_test(n, deps[k % 5])).unwrap());
                    }
                }
                let (ch, dernier) = s.changements_depuis(vu).unwrap();
                let Changements::Personnes(changes) = ch else {
                    panic!("ordinary writes are logged person by person");
                };
                assert!(!changes.is_empty(), "tour {tour}: the write is in the log");
                mettre_a_jour(&s, &regles, auj, &mut liste, &changes, tous).unwrap();
                vu = dernier;
                let complete = liste_du_jour(&s, &regles, auj, tous).unwrap();
                assert_eq!(cle(&liste), cle(&complete), "tour {tour}, tous {tous}");
            }
            assert_eq!(
                s.changements_depuis(vu).unwrap().0,
                Changements::Personnes(Vec::new())
            );
            // Many at once (past the one-by-one insertions): a visit to everyone.
            for id in &ids {
                let v = Evenement::nouveau(TypeEvenement::Visite, auj);
                s.ajouter_evenement(*id, &v).unwrap();
            }
            let Changements::Personnes(changes) = s.changements_depuis(vu).unwrap().0 else {
                panic!("logged person by person");
            };
            assert!(changes.len() > INSERTIONS_EN_PLACE);
            mettre_a_jour(&s, &regles, auj, &mut liste, &changes, tous).unwrap();
            let complete = liste_du_jour(&s, &regles, auj, tous).unwrap();
            assert_eq!(cle(&liste), cle(&complete), "many at once, tous {tous}");
        }
    }

    /// « Seen today » counts an event recorded today whatever its date (a visit noted late),
    /// in the full pass and in the patch alike; not the day after, and not what a bulk write
    /// (an import) brought in.
    #[test]
    fn an_event_recorded_today_with_an_earlier_date_is_seen_today() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::store::base_en_clair(&dir.path().join("v.db"));
        let regles = Regles::default();
        // The log's times are the machine's: so is « today » here.
        let auj = chrono::Local::now().date_naive();
        let calme = |r: &str| {
            let mut p = crate::domain::essais::personne(r, "Calme", "75");
            p.ouvert_le = auj - chrono::Days::new(30);
            p.titre_expire_le = Some(auj + chrono::Days::new(600));
            p
        };
        let id = s.creer_personne(&calme("C-1")).unwrap();
        let importe = s
            .ecrire_en_masse(|tx, b| {
                let id = crate::store::inserer_personne(tx, &calme("C-2"), b)?;
                let e = Evenement::nouveau(TypeEvenement::Visite, auj - chrono::Days::new(9));
                crate::store::inserer_evenement(tx, id, &e, b, "2020-01-01 10:00:00")?;
                Ok(id)
            })
            .unwrap();
        let avant = s.dernier_changement().unwrap();
        let mut liste = liste_du_jour(&s, &regles, auj, true).unwrap();
        let e = Evenement::nouveau(TypeEvenement::Visite, auj - chrono::Days::new(7));
        s.ajouter_evenement(id, &e).unwrap();
        let du_jour = liste_du_jour(&s, &regles, auj, false).unwrap();
        let vus: Vec<i64> = du_jour
            .iter()
            .filter(|l| l.visite_du_jour)
            .filter_map(|l| l.personne.id)
            .collect();
        assert!(vus.contains(&id), "recorded today: seen today");
        assert!(!vus.contains(&importe), "a bulk write sees no one");
        let lendemain = liste_du_jour(&s, &regles, auj + chrono::Days::new(1), false).unwrap();
        assert!(
            lendemain.iter().all(|l| !l.visite_du_jour),
            "not the day after"
        );
        let Changements::Personnes(changes) = s.changements_depuis(avant).unwrap().0 else {
            panic!("logged person by person");
        };
        mettre_a_jour(&s, &regles, auj, &mut liste, &changes, true).unwrap();
        let l = liste.iter().find(|l| l.personne.id == Some(id)).unwrap();
        assert!(l.visite_du_jour, "the patch sees it too");
    }
}
