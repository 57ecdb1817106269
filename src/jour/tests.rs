//! The day's list: the full pass, the patch, the kept rows.

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

/// The full pass of the interface's load (no kept row read or written).
fn sans_garde(s: &Store, regles: &Regles, jour: NaiveDate, tous: bool) -> Vec<LigneJour> {
    let mut c = Chargement::commencer(s, tous).unwrap();
    while !c.avancer(s, regles, jour, 10).unwrap() {}
    c.terminer(s, regles, jour).unwrap().unwrap().0
}

fn rangs(v: &[LigneJour]) -> Vec<(Option<i64>, Evaluation, bool, bool)> {
    v.iter()
        .map(|l| {
            (
                l.personne.id,
                l.evaluation.clone(),
                l.visite_du_jour,
                l.en_sommeil,
            )
        })
        .collect()
}

/// A base of `n` varied people (every blocking, procedure, expiry ahead and past) with
/// events of every type, in one bulk write.
fn base_variee(chemin: &std::path::Path, n: usize, debut: NaiveDate) -> Store {
    let mut s = crate::store::base_en_clair(chemin);
    let deps = ["75", "33", "2A", "971", "69", "13"];
    s.ecrire_en_masse(|tx, b| {
        let mut graine = 11u64;
        let mut hasard = |m: usize| {
            graine = graine
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (graine >> 33) as usize % m.max(1)
        };
        let jour = |j: usize| debut - chrono::Days::new(j as u64);
        for i in 0..n {
            let mut p = personne_de_test(i, deps[i % deps.len()]);
            p.blocage = Blocage::TOUS[hasard(Blocage::TOUS.len())];
            p.demarche = Demarche::TOUS[hasard(Demarche::TOUS.len())];
            p.ouvert_le = jour(30 + hasard(300));
            p.titre_expire_le = (hasard(5) > 0).then(|| jour(hasard(500)) + chrono::Days::new(250));
            p.api_expire_le = (hasard(3) == 0).then(|| jour(hasard(200)) + chrono::Days::new(90));
            let id = crate::store::inserer_personne(tx, &p, b)?;
            if i % 5 == 0 {
                // Seen on the base's first day: of the day then, maybe not the day after.
                let v = Evenement::nouveau(TypeEvenement::Visite, debut);
                crate::store::inserer_evenement(tx, id, &v, b, "2026-01-01 10:00:00")?;
            }
            for _ in 0..hasard(8) {
                let t = TypeEvenement::TOUS[hasard(TypeEvenement::TOUS.len())];
                let mut e = Evenement::nouveau(t, jour(hasard(250)));
                let rs = t.resultats();
                e.resultat = (!rs.is_empty()).then(|| rs[hasard(rs.len())]);
                let cs = t.canaux();
                e.canal = (!cs.is_empty()).then(|| cs[hasard(cs.len())]);
                if t.echeance_requise() || hasard(3) == 0 {
                    e.echeance = Some(e.date + chrono::Days::new(hasard(120) as u64));
                }
                crate::store::inserer_evenement(tx, id, &e, b, "2026-01-01 10:00:00")?;
            }
        }
        Ok(())
    })
    .unwrap();
    s
}

/// The kept list and the full pass agree (the day's and everyone's), and the rows are
/// kept; returns how many people the next list of that day evaluates again.
fn comparer(s: &Store, regles: &Regles, jour: NaiveDate, quoi: &str) -> usize {
    for tous in [false, true] {
        let (gardee, a_garder) = calculer_liste(s, regles, jour, tous).unwrap();
        a_garder.garder(s);
        assert_eq!(
            rangs(&gardee),
            rangs(&sans_garde(s, regles, jour, tous)),
            "{quoi}, {jour}, tous {tous}"
        );
    }
    calculer_liste(s, regles, jour, false).unwrap().1.nombre()
}

/// The list from the rows kept in the base is, day after day and after every kind of
/// write, the list a full evaluation gives; and it evaluates only what it must: nobody
/// on a second run the same day, a few people the next day.
#[test]
fn kept_rows_give_the_full_evaluation_s_list_day_after_day() {
    let dir = tempfile::tempdir().unwrap();
    let debut = d("2026-11-23");
    let n = 300;
    let mut s = base_variee(&dir.path().join("g.db"), n, debut);
    let regles = Regles::default();
    // The first run evaluates everyone; the second, nobody.
    assert_eq!(
        calculer_liste(&s, &regles, debut, false)
            .unwrap()
            .1
            .nombre(),
        n
    );
    assert_eq!(comparer(&s, &regles, debut, "premier"), 0);
    let mut veille = 0;
    for (k, ecart) in [1u64, 2, 9, 40, 41, 200, 800].into_iter().enumerate() {
        let jour = debut + chrono::Days::new(ecart);
        let tous = sans_garde(&s, &regles, jour, true);
        let id = tous[k * 37 % tous.len()].personne.id.unwrap();
        match k {
            0 => {
                let mut e = Evenement::nouveau(TypeEvenement::Ccc, jour);
                e.canal = Some(Canal::Formulaire);
                e.resultat = Some(Resultat::EnAttente);
                s.ajouter_evenement(id, &e).unwrap();
            }
            1 => {
                let mut p = s.personne(id).unwrap().unwrap();
                p.titre_expire_le = Some(jour + chrono::Days::new(12));
                s.modifier_personne(&p).unwrap();
            }
            2 => {
                let reference = s.personne(id).unwrap().unwrap().reference;
                s.ecrire(|tx, _| tx.effacer_personne(&reference)).unwrap();
            }
            3 => {
                let c = crate::store::correction_d_essai(
                    s.personne(id).unwrap().unwrap().departement,
                    "non",
                    jour,
                );
                s.ecrire(|tx, _| tx.inserer_correction(&c)).unwrap();
            }
            _ => {}
        }
        let premier = calculer_liste(&s, &regles, jour, false).unwrap().1.nombre();
        if ecart == veille + 1 {
            assert!(
                premier < n / 10,
                "{premier} of {n} evaluated again on {jour}"
            );
        }
        veille = ecart;
        assert_eq!(
            comparer(&s, &regles, jour, "jour suivant"),
            0,
            "kept on {jour}"
        );
    }
}

/// Other rules, a bulk write, a day before the rows' (a clock set back): everyone is
/// evaluated again, and the list is still the full evaluation's.
#[test]
fn other_rules_a_bulk_write_or_an_earlier_day_evaluate_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let debut = d("2026-11-23");
    let n = 120;
    let mut s = base_variee(&dir.path().join("r.db"), n, debut);
    let regles = Regles::default();
    assert_eq!(comparer(&s, &regles, debut, "livrées"), 0);
    let autres = crate::domain::regles::surcharger(
        &regles,
        "[alerte_droits]\njours = 45\nsource = \"essai\"\nverifie_le = 2026-01-01\n",
    )
    .unwrap();
    assert_eq!(
        calculer_liste(&s, &autres, debut, false)
            .unwrap()
            .1
            .nombre(),
        n
    );
    assert_eq!(comparer(&s, &autres, debut, "autres règles"), 0);
    // Back to the shipped rules: the other key's rows replaced theirs.
    assert_eq!(
        calculer_liste(&s, &regles, debut, false)
            .unwrap()
            .1
            .nombre(),
        n
    );
    assert_eq!(comparer(&s, &regles, debut, "livrées encore"), 0);
    s.ecrire_en_masse(|tx, b| {
        crate::store::inserer_personne(tx, &personne_de_test(900, "33"), b)?;
        Ok(())
    })
    .unwrap();
    assert_eq!(
        calculer_liste(&s, &regles, debut, false)
            .unwrap()
            .1
            .nombre(),
        n + 1
    );
    assert_eq!(
        comparer(&s, &regles, debut, "après une écriture en masse"),
        0
    );
    let avant = debut - chrono::Days::new(3);
    assert_eq!(
        calculer_liste(&s, &regles, avant, false)
            .unwrap()
            .1
            .nombre(),
        n + 1
    );
    comparer(&s, &regles, avant, "un jour plus tôt");
}

/// A person changed between the list's read and the keeping of its rows is not kept as
/// they were read: the next list evaluates them again.
#[test]
fn a_change_between_the_read_and_the_keeping_is_not_kept_stale() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = crate::store::base_en_clair(&dir.path().join("c.db"));
    let auj = d("2026-11-23");
    let regles = Regles::default();
    let ids: Vec<i64> = (0..6)
        .map(|i| s.creer_personne(&personne_de_test(i, "75")).unwrap())
        .collect();
    let (_, a_garder) = calculer_liste(&s, &regles, auj, true).unwrap();
    let mut p = s.personne(ids[2]).unwrap().unwrap();
    p.titre_expire_le = Some(auj - chrono::Days::new(400));
    s.modifier_personne(&p).unwrap();
    assert_eq!(a_garder.garder(&s), 5, "all but the one changed meanwhile");
    let (liste, ensuite) = calculer_liste(&s, &regles, auj, true).unwrap();
    assert_eq!(ensuite.nombre(), 1);
    assert_eq!(rangs(&liste), rangs(&sans_garde(&s, &regles, auj, true)));
}
