//! The scale benchmark of issue 17: `cargo bench --bench banc`.
//!
//! Builds once, cached under `target/banc/`, an encrypted demo base of 10 000 and one of
//! 100 000 people (`vigie demo --graine 1`: about 9.5 events each, stored in date order across
//! people, as a desk appends them), then prints one table per base: each figure of the issue
//! (median over several runs, or the worst where the target is a worst case), the peak
//! resident memory of each, and beside it the bare engine doing the same reads or writes on
//! the same file (a plain scan, a GROUP BY, an INSERT loop in one transaction), so the ratio
//! shows. Environment: `VIGIE_BANC_TAILLES=10000,100000` (the sizes), `VIGIE_BANC_TOURS=5`
//! (runs per median), `VIGIE_BANC_MESURES=import` (a comma list among `ouverture`, `jour`, `tui`,
//! `recherche`, `stats`, `import`: the measures to run; all when absent). Delete `target/banc/`
//! to rebuild the bases.
//!
//! Peak memory is the process's high-water mark (`VmHWM`), reset before each measure through
//! `/proc/self/clear_refs` (Linux); it includes what the process already held (shown as the
//! base line of each table).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vigie::store::{Ouverture, Store};
use vigie::tui::{app::App, vue};

const PHRASE: &str = "phrase du banc de vigie";

fn aujourdhui() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn ouverture(chemin: &Path) -> Ouverture {
    Ouverture {
        chemin: chemin.to_path_buf(),
        phrase: Some(PHRASE.into()),
        sans_chiffrement: false,
        benevole: "banc".into(),
    }
}

fn ouvrir(chemin: &Path) -> Store {
    Store::ouvrir(&ouverture(chemin)).expect("encrypted base")
}

/// The same file through the bare engine, keyed as the store keys it.
fn brute(chemin: &Path) -> Connection {
    let c = Connection::open(chemin).expect("bare connection");
    c.pragma_update(None, "key", PHRASE).expect("key");
    c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .expect("keyed");
    c
}

// ---------------------------------------------------------------- memory

fn remettre_pic() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident memory since the last reset, in MB (0 where /proc is missing).
fn pic_mo() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |ko| ko / 1024.0)
}

// ---------------------------------------------------------------- measures

struct Mesure {
    duree: Duration,
    pic: f64,
}

/// Median (or worst, `pire`) of `tours` runs of `f`, with the peak memory of all of them.
fn mesurer(tours: usize, pire: bool, mut f: impl FnMut()) -> Mesure {
    remettre_pic();
    let mut v: Vec<Duration> = (0..tours.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    let duree = if pire { v[v.len() - 1] } else { v[v.len() / 2] };
    Mesure {
        duree,
        pic: pic_mo(),
    }
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn ligne(quoi: &str, m: &Mesure, brut: Option<&Mesure>, cible: &str) {
    let (b, r) = match brut {
        Some(b) => (
            ms(b.duree),
            format!(
                "{:.1} ×",
                m.duree.as_secs_f64() / b.duree.as_secs_f64().max(1e-9)
            ),
        ),
        None => ("—".into(), "—".into()),
    };
    println!(
        "| {quoi} | {} | {:.0} MB | {b} | {r} | {cible} |",
        ms(m.duree),
        m.pic
    );
}

/// The bare engine reading every row of `sql` and the bytes of one of its columns.
fn parcourir(b: &Connection, sql: &str, colonne: usize) -> usize {
    let mut st = b.prepare(sql).expect("scan");
    let mut lignes = st.query([]).expect("scan");
    let mut n = 0usize;
    while let Some(r) = lignes.next().expect("row") {
        n += r
            .get_ref(colonne)
            .map(|v| v.as_bytes().map_or(0, |b| b.len()))
            .unwrap_or(0);
    }
    n
}

// ---------------------------------------------------------------- the bases

fn base(n: u32) -> PathBuf {
    let dossier = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/banc");
    std::fs::create_dir_all(&dossier).expect("target/banc");
    let chemin = dossier.join(format!("demo-{n}.db"));
    if !chemin.is_file() {
        let partiel = dossier.join(format!("demo-{n}.partiel.db"));
        for s in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", partiel.display()));
        }
        let t = Instant::now();
        let mut s = ouvrir(&partiel);
        let bilan = vigie::demo::remplir(&mut s, n, 1, aujourdhui()).expect("demo");
        drop(s);
        // Folded into the main file, so the cached base is one file.
        brute(&partiel)
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .expect("checkpoint");
        std::fs::rename(&partiel, &chemin).expect("rename");
        eprintln!(
            "base {n} : {} personnes, {} événements, construite en {:.1} s",
            bilan.personnes,
            bilan.evenements,
            t.elapsed().as_secs_f64()
        );
    }
    chemin
}

// ---------------------------------------------------------------- the table

fn tableau(n: u32, tours: usize) {
    let chemin = base(n);
    let b = brute(&chemin);
    let compte = |sql: &str| -> i64 { b.query_row(sql, [], |r| r.get(0)).expect("count") };
    println!();
    println!(
        "### {n} personnes, {} événements (chiffrée, événements dans l'ordre des dates)",
        compte("SELECT count(*) FROM evenements")
    );
    remettre_pic();
    println!("mémoire de départ du processus : {:.0} MB", pic_mo());
    println!();
    println!("| mesure | vigie | pic RSS | moteur nu | rapport | cible |");
    println!("|---|---|---|---|---|---|");

    if choisie("ouverture") {
        let derivation = mesurer(tours, false, || drop(ouvrir(&chemin)));
        let derivation_brute = mesurer(tours, false, || drop(brute(&chemin)));
        ligne(
            "ouverture (dérivation de la clé)",
            &derivation,
            Some(&derivation_brute),
            "—",
        );
    }

    let store = ouvrir(&chemin);
    let regles = vigie::domain::regles::Regles::default();
    let scan_evenements = || {
        std::hint::black_box(
            parcourir(
                &b,
                "SELECT personne_id, id, date, type, canal, resultat, echeance, ticket, \
                 attente_minutes FROM evenements ORDER BY personne_id, date, id",
                2,
            ) + parcourir(&b, "SELECT * FROM personnes ORDER BY id", 1),
        );
    };
    let brut_jour = if choisie("jour") || choisie("tui") {
        mesurer(tours, false, scan_evenements)
    } else {
        Mesure {
            duree: Duration::ZERO,
            pic: 0.0,
        }
    };
    if choisie("jour") {
        jour(&store, &b, &regles, tours, &brut_jour);
    }
    if choisie("tui") {
        tui(&chemin, &b, tours, &brut_jour);
    }
    if choisie("recherche") {
        recherche(&store, &b, tours);
    }
    if choisie("stats") {
        statistiques(&store, &b, tours);
    }
    drop(store);
    if choisie("import") {
        import(&chemin, n, tours.min(3));
    }
}

/// Whether the measure `nom` is to run (`VIGIE_BANC_MESURES`; every one when absent).
fn choisie(nom: &str) -> bool {
    std::env::var("VIGIE_BANC_MESURES").map_or(true, |v| v.split(',').any(|m| m.trim() == nom))
}

fn touche(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn dessiner(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    vue::cadrer(app, 120, 40);
    terminal.draw(|f| vue::dessiner(app, f)).expect("draw");
}

/// The interface in memory (the real update, effects and render on a 120 × 40 test screen).
/// `vigie aujourdhui`'s list (`jour::liste_du_jour`, after the key): with nothing kept (the
/// first run, or after an import), the same day again, the next day (the rows due
/// evaluated again; the list is printed before they are kept), and everyone's list.
fn jour(
    store: &Store,
    b: &Connection,
    regles: &vigie::domain::regles::Regles,
    tours: usize,
    brut_jour: &Mesure,
) {
    let oublier = || {
        b.execute_batch("DELETE FROM evaluations; DELETE FROM evaluations_completes")
            .expect("kept rows dropped");
    };
    let (mut premieres, mut gardes) = (Vec::new(), Vec::new());
    remettre_pic();
    for _ in 0..tours.clamp(1, 3) {
        oublier();
        let t = Instant::now();
        let (lignes, a_garder) =
            vigie::jour::calculer_liste(store, regles, aujourdhui(), false).expect("list");
        premieres.push(t.elapsed());
        std::hint::black_box(lignes);
        let t = Instant::now();
        a_garder.garder(store);
        gardes.push(t.elapsed());
    }
    let pic = pic_mo();
    let mediane = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    ligne(
        "`aujourdhui`, rien de gardé (1re fois, après un import) : liste prête",
        &Mesure {
            duree: mediane(&mut premieres),
            pic,
        },
        Some(brut_jour),
        "—",
    );
    ligne(
        "… puis toutes ses lignes gardées (après l'affichage)",
        &Mesure {
            duree: mediane(&mut gardes),
            pic,
        },
        None,
        "—",
    );
    let meme_jour = mesurer(tours, false, || {
        std::hint::black_box(
            vigie::jour::liste_du_jour(store, regles, aujourdhui(), false).expect("list"),
        );
    });
    let brut_gardees = mesurer(tours, false, || {
        std::hint::black_box(parcourir(
            b,
            "SELECT personne_id, calculee_le, ligne FROM evaluations \
             WHERE cle = (SELECT cle FROM evaluations_completes) AND du_jour = 1",
            2,
        ));
    });
    ligne(
        "`aujourdhui`, le même jour (lignes gardées)",
        &meme_jour,
        Some(&brut_gardees),
        "≤ 200 ms",
    );
    // Day after day: each list the first of its day, the day before's kept.
    let (mut listes, mut reevalues) = (Vec::new(), Vec::new());
    gardes.clear();
    remettre_pic();
    for k in 1..=tours.max(1) as u64 {
        let jour = aujourdhui() + chrono::Days::new(k);
        let t = Instant::now();
        let (lignes, a_garder) =
            vigie::jour::calculer_liste(store, regles, jour, false).expect("list");
        listes.push(t.elapsed());
        std::hint::black_box(lignes);
        reevalues.push(a_garder.nombre());
        let t = Instant::now();
        a_garder.garder(store);
        gardes.push(t.elapsed());
    }
    let pic = pic_mo();
    // The worst of these days, and their median.
    let pire = (0..listes.len()).max_by_key(|&i| listes[i]).unwrap_or(0);
    ligne(
        &format!(
            "`aujourdhui`, le lendemain, pire des jours suivants : liste prête ({} personnes réévaluées)",
            reevalues[pire]
        ),
        &Mesure {
            duree: listes[pire],
            pic,
        },
        Some(&brut_gardees),
        "≤ 200 ms",
    );
    ligne(
        "… puis ses lignes gardées (après l'affichage)",
        &Mesure {
            duree: gardes[pire],
            pic,
        },
        None,
        "—",
    );
    let mut ordre: Vec<usize> = (0..listes.len()).collect();
    ordre.sort_by_key(|&i| listes[i]);
    let milieu = ordre[ordre.len() / 2];
    ligne(
        &format!(
            "`aujourdhui`, le lendemain, médiane : liste prête ({} personnes réévaluées)",
            reevalues[milieu]
        ),
        &Mesure {
            duree: listes[milieu],
            pic,
        },
        Some(&brut_gardees),
        "≤ 200 ms",
    );
    ligne(
        "… puis ses lignes gardées (après l'affichage)",
        &Mesure {
            duree: gardes[milieu],
            pic,
        },
        None,
        "—",
    );
    // Back to the bench's day for what follows.
    let _ = vigie::jour::liste_du_jour(store, regles, aujourdhui(), false).expect("list");
    let tous = mesurer(tours, false, || {
        std::hint::black_box(
            vigie::jour::liste_du_jour(store, regles, aujourdhui(), true).expect("list"),
        );
    });
    ligne("liste de toutes les personnes", &tous, Some(brut_jour), "—");
}

fn tui(chemin: &Path, b: &Connection, tours: usize, brut_jour: &Mesure) {
    let mut store = ouvrir(chemin);
    let nouveau = || {
        let mut app = App::nouveau(aujourdhui(), Default::default(), "banc", false);
        app.redimensionner(120, 40);
        app
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let premiere = mesurer(tours, false, || {
        let mut app = nouveau();
        vigie::tui::premier_chargement(&mut app, &mut store);
        dessiner(&mut app, &mut terminal);
    });
    ligne(
        "lancement → première image (après la clé)",
        &premiere,
        None,
        "≤ 150 ms",
    );
    let pret = mesurer(tours, false, || {
        let mut app = nouveau();
        app.executer(vigie::tui::effets::Effet::Recharger, &mut store);
        dessiner(&mut app, &mut terminal);
    });
    ligne(
        "lancement → liste du jour affichée",
        &pret,
        Some(brut_jour),
        "—",
    );
    // In the terminal the list is loaded slice by slice, then the search index built, keys
    // read between slices: the longest slice is the longest a key can wait meanwhile.
    let mut tranches = Vec::new();
    for _ in 0..tours.min(3) {
        let mut app = nouveau();
        app.progressif = true;
        app.executer(vigie::tui::effets::Effet::Recharger, &mut store);
        // The list, then the search index, slice by slice.
        while app.travail_en_cours() {
            let t0 = Instant::now();
            app.executer(vigie::tui::effets::Effet::AvancerChargement, &mut store);
            dessiner(&mut app, &mut terminal);
            tranches.push(t0.elapsed());
        }
    }
    let tranche = Mesure {
        duree: tranches.iter().copied().max().unwrap_or_default(),
        pic: pic_mo(),
    };
    ligne(
        "pendant le chargement : attente d'une touche (pire)",
        &tranche,
        None,
        "≤ 100 ms",
    );
    remettre_pic();
    let mut app = nouveau();
    app.executer(vigie::tui::effets::Effet::Recharger, &mut store);
    dessiner(&mut app, &mut terminal);
    let bas = mesurer(40, true, || {
        app.touche(touche(KeyCode::Down), &mut store);
        dessiner(&mut app, &mut terminal);
    });
    ligne("Bas dans la liste du jour (pire)", &bas, None, "≤ 16 ms");
    let t = mesurer(1, false, || {
        app.touche(touche(KeyCode::Char('t')), &mut store);
        dessiner(&mut app, &mut terminal);
    });
    ligne(
        "`t` (toutes les personnes)",
        &t,
        Some(brut_jour),
        "≤ 100 ms",
    );
    let bas_tous = mesurer(40, true, || {
        app.touche(touche(KeyCode::Down), &mut store);
        dessiner(&mut app, &mut terminal);
    });
    ligne(
        "Bas dans toutes les personnes (pire)",
        &bas_tous,
        None,
        "≤ 16 ms",
    );
    // Another desk commits one event: the once-a-second check sees it and refreshes.
    let mut autre = ouvrir(chemin);
    let _ = app.executer_verification(aujourdhui(), &mut store);
    let id: i64 = b
        .query_row("SELECT max(id) FROM personnes", [], |r| r.get(0))
        .expect("id");
    let mut rafraichir = Vec::new();
    remettre_pic();
    for _ in 0..tours {
        let e =
            vigie::domain::Evenement::nouveau(vigie::domain::TypeEvenement::Visite, aujourdhui());
        autre.ajouter_evenement(id, &e).expect("other desk");
        let t0 = Instant::now();
        let vu = app.executer_verification(aujourdhui(), &mut store);
        dessiner(&mut app, &mut terminal);
        rafraichir.push(t0.elapsed());
        assert!(vu, "the other desk's commit is seen");
    }
    rafraichir.sort();
    let r = Mesure {
        duree: rafraichir[rafraichir.len() / 2],
        pic: pic_mo(),
    };
    ligne(
        "un autre poste enregistre → écran à jour (toutes)",
        &r,
        Some(brut_jour),
        "≤ 100 ms",
    );
    // This desk saves an event: the list (everyone) is up to date when the form closes.
    let mut propre = Vec::new();
    remettre_pic();
    for _ in 0..tours {
        let e =
            vigie::domain::Evenement::nouveau(vigie::domain::TypeEvenement::Visite, aujourdhui());
        let t0 = Instant::now();
        app.executer(
            vigie::tui::effets::Effet::EnregistrerEvenement {
                personne_id: id,
                evenement: e,
            },
            &mut store,
        );
        dessiner(&mut app, &mut terminal);
        propre.push(t0.elapsed());
    }
    propre.sort();
    let p = Mesure {
        duree: propre[propre.len() / 2],
        pic: pic_mo(),
    };
    ligne(
        "ce poste enregistre → liste à jour (toutes)",
        &p,
        None,
        "≤ 100 ms",
    );
    // A search right after another desk's write (the index follows the change).
    let e = vigie::domain::Evenement::nouveau(vigie::domain::TypeEvenement::Visite, aujourdhui());
    autre.ajouter_evenement(id, &e).expect("other desk");
    let _ = app.executer_verification(aujourdhui(), &mut store);
    let t0 = Instant::now();
    std::hint::black_box(store.chercher("durand", 100).expect("search"));
    let apres = Mesure {
        duree: t0.elapsed(),
        pic: pic_mo(),
    };
    ligne(
        "recherche juste après l'enregistrement d'un autre poste",
        &apres,
        None,
        "≤ 16 ms",
    );
}

/// Search: the worst of a few 4–6 letter strings, common and rare; the bare engine scans
/// the same folded column.
fn recherche(store: &Store, b: &Connection, tours: usize) {
    let requetes = [
        "mart", "durand", "ngu", "xzqw", "ahmed", "lefeb", "dia", "koua",
    ];
    let mut pire = Mesure {
        duree: Duration::ZERO,
        pic: 0.0,
    };
    remettre_pic();
    for q in requetes {
        let m = mesurer(tours, false, || {
            std::hint::black_box(store.chercher(q, 100).expect("search"));
        });
        pire.duree = pire.duree.max(m.duree);
    }
    pire.pic = pic_mo();
    let brut = mesurer(tours, false, || {
        let n: i64 = b
            .query_row(
                "SELECT count(*) FROM personnes WHERE recherche LIKE '%xzqw%'",
                [],
                |r| r.get(0),
            )
            .expect("scan");
        std::hint::black_box(n);
    });
    ligne(
        "recherche (pire de 8 chaînes de 3–6 lettres)",
        &pire,
        Some(&brut),
        "≤ 16 ms",
    );
}

/// Year statistics; the bare engine reads the same year's events once (one covered scan of
/// the columns the statistics read).
fn statistiques(store: &Store, b: &Connection, tours: usize) {
    let Some(annee) = vigie::stats::Periode::annee(2026) else {
        return;
    };
    let m = mesurer(tours.min(3), false, || {
        std::hint::black_box(vigie::stats::calculer(store, annee, false, 5).expect("stats"));
    });
    // One scan: the year's events, every column the statistics read, each value touched.
    let scan = mesurer(tours, false, || {
        let mut st = b
            .prepare(
                "SELECT personne_id, date, type, canal, resultat, echeance, attente_minutes \
                 FROM evenements WHERE date BETWEEN '2026-01-01' AND '2026-12-31'",
            )
            .expect("scan");
        let mut lignes = st.query([]).expect("scan");
        let mut n = 0usize;
        while let Some(r) = lignes.next().expect("row") {
            for i in 0..7 {
                n += r
                    .get_ref(i)
                    .map(|v| v.as_bytes().map_or(1, |b| b.len()))
                    .unwrap_or(0);
            }
        }
        std::hint::black_box(n);
    });
    ligne(
        "`export stats --annee` (calcul)",
        &m,
        Some(&scan),
        "≤ 1 s, ≤ 3 × un parcours",
    );
}

/// Import of the base's own export into a new encrypted base; the bare engine inserts the
/// same rows (every cell as text) with one prepared INSERT each, in one transaction.
fn import(chemin: &Path, n: u32, tours: usize) {
    let dossier = tempfile::tempdir_in(chemin.parent().expect("folder")).expect("temp");
    {
        let store = ouvrir(chemin);
        vigie::csvio::export::exporter_donnees(&store, dossier.path()).expect("export");
    }
    let mut rangs = 0;
    let mut k = 0;
    remettre_pic();
    let depart = pic_mo();
    let m = mesurer(tours, false, || {
        k += 1;
        let cible = dossier.path().join(format!("import-{k}.db"));
        let mut s = ouvrir(&cible);
        let fichier = |nom: &str| {
            vigie::csvio::import::Fichier::ouvrir(&dossier.path().join(nom)).expect("csv")
        };
        let bilan = vigie::csvio::import::importer(
            &mut s,
            Some(&fichier("personnes.csv")),
            Some(&fichier("evenements.csv")),
            false,
            |_| String::new(),
        )
        .expect("import");
        assert_eq!(bilan.personnes_ajoutees, n as usize);
        rangs = bilan.personnes_ajoutees + bilan.evenements_ajoutes;
    });
    let brut = mesurer(tours, false, || {
        k += 1;
        let cible = dossier.path().join(format!("brut-{k}.db"));
        let mut c = brute(&cible);
        let tx = c.transaction().expect("tx");
        for (nom, colonnes) in [("personnes", 17), ("evenements", 9)] {
            let cols: Vec<String> = (0..colonnes).map(|i| format!("c{i}")).collect();
            tx.execute_batch(&format!("CREATE TABLE {nom} ({})", cols.join(", ")))
                .expect("table");
            let marques = vec!["?"; colonnes].join(", ");
            let mut st = tx
                .prepare(&format!("INSERT INTO {nom} VALUES ({marques})"))
                .expect("insert");
            let mut r =
                csv::Reader::from_path(dossier.path().join(format!("{nom}.csv"))).expect("csv");
            for ligne in r.records() {
                let ligne = ligne.expect("row");
                st.execute(rusqlite::params_from_iter(ligne.iter()))
                    .expect("insert");
            }
        }
        tx.commit().expect("commit");
    });
    let debit = |m: &Mesure| rangs as f64 / m.duree.as_secs_f64() / 1000.0;
    println!(
        "| import de {rangs} lignes ({:.0} k lignes/s ; nu : {:.0} k/s ; {depart:.0} MB avant l'import) | {} | {:.0} MB | {} | {:.1} × | ≥ 100 k lignes/s, ≤ 100 MB |",
        debit(&m),
        debit(&brut),
        ms(m.duree),
        m.pic,
        ms(brut.duree),
        m.duree.as_secs_f64() / brut.duree.as_secs_f64()
    );
}

fn main() {
    let tailles: Vec<u32> = std::env::var("VIGIE_BANC_TAILLES")
        .ok()
        .map(|s| s.split(',').filter_map(|t| t.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let tours: usize = std::env::var("VIGIE_BANC_TOURS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    println!(
        "vigie banc : {} cœurs, médianes sur {tours} tours",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for n in tailles {
        tableau(n, tours);
    }
}
