//! End-to-end tests of `vigie restaurer` through the real binary: a backup put back over a
//! base with a stale `-wal` gives exactly the backup; a damaged, foreign or wrongly keyed file
//! is refused with the base untouched byte for byte; a base open in another process is
//! refused; the previous base is kept aside, owner-only, never overwritten.

mod banc;

use banc::{Banc, erreur, ok};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const PERSONNES: &str = "P1,Diallo,Awa,06 11 22 33 44,93,renouvellement,depot_impossible,2026-10-01,2026-12-31,,non,\n\
     P2,Voisine,Berthe,,75,premiere_demande,connexion,2026-10-01,,,,\n";
const EVENEMENTS: &str = "P1,2026-10-02,ccc,telephone,sans_aide,,T-100,35,\n\
     P2,2026-10-03,ccc,formulaire,en_attente,,T-999,,\n";

/// personnes.csv and evenements.csv of a full export of `db`.
fn contenu(b: &Banc, db: &Path, nom: &str) -> (String, String) {
    let d = b.racine.join(nom);
    ok(&b.vigie_db(db, &["export", "donnees", "--dossier", d.to_str().unwrap()]));
    (
        std::fs::read_to_string(d.join("personnes.csv")).unwrap(),
        std::fs::read_to_string(d.join("evenements.csv")).unwrap(),
    )
}

/// A base with two people, and a backup of it (`sauvegarde.db`) with its content.
fn base_et_sauvegarde(b: &Banc) -> (PathBuf, (String, String)) {
    b.importer(PERSONNES, EVENEMENTS);
    let s = b.racine.join("sauvegarde.db");
    ok(&b.vigie(&["sauvegarde", "--sortie", s.to_str().unwrap()]));
    let attendu = contenu(b, &b.db, "export-avant");
    (s, attendu)
}

fn avec_suffixe(p: &Path, suffixe: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffixe);
    PathBuf::from(s)
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Names of the files of the folder (the test's own subfolders aside), sorted.
fn fichiers(b: &Banc) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(&b.racine)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn restaurer(b: &Banc, sauvegarde: &Path) -> Output {
    b.vigie(&["restaurer", sauvegarde.to_str().unwrap(), "--oui"])
}

// ---------------------------------------------------------------- another process

/// Environment variable telling the helper below which base to hold open.
const A_TENIR: &str = "VIGIE_TEST_BASE_A_TENIR";

/// Not a test: run by `Tenante::lancer` in a child process, it opens the base, writes one
/// person (kept in the `-wal`, not checkpointed), says « PRÊT » and waits (30 s at most) to be
/// killed.
#[test]
#[ignore = "aide lancée par les autres tests dans un processus à part"]
fn aide_tenir_la_base_ouverte() {
    let Some(chemin) = std::env::var_os(A_TENIR) else {
        return;
    };
    let phrase = std::env::var("VIGIE_PASSPHRASE").ok();
    let mut s = banc::ouvrir(Path::new(&chemin), phrase.as_deref(), "Autre poste");
    s.creer_personne(&personne("P9", "Apres")).unwrap();
    println!("PRÊT");
    std::io::stdout().flush().unwrap();
    std::thread::sleep(Duration::from_secs(30));
}

/// A child process holding the base open (and killed when dropped).
struct Tenante(Child);

impl Tenante {
    fn lancer(b: &Banc) -> Tenante {
        let mut c = Command::new(std::env::current_exe().unwrap());
        banc::epingler(&mut c, &b.racine);
        c.args([
            "--exact",
            "aide_tenir_la_base_ouverte",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(A_TENIR, &b.db)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
        match b.phrase {
            Some(p) => c.env("VIGIE_PASSPHRASE", p),
            None => c.env_remove("VIGIE_PASSPHRASE"),
        };
        let mut enfant = c.spawn().unwrap();
        let sortie = enfant.stdout.take().unwrap();
        let debut = Instant::now();
        // Bounded: the child writes « PRÊT » or exits (closing the pipe), and sleeps 30 s at most.
        let pret = BufReader::new(sortie)
            .lines()
            .map_while(Result::ok)
            .any(|l| l.contains("PRÊT"));
        assert!(pret, "the helper did not start ({:?})", debut.elapsed());
        Tenante(enfant)
    }

    /// Kills the process as a crash would: its `-wal` and `-shm` stay behind.
    fn tuer(mut self) {
        self.0.kill().unwrap();
        self.0.wait().unwrap();
    }
}

impl Drop for Tenante {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A person to add directly in the store.
fn personne(reference: &str, nom: &str) -> vigie::domain::Personne {
    use vigie::domain::{Blocage, Demarche, Departement, parse_date};
    vigie::domain::Personne {
        id: None,
        reference: reference.into(),
        nom: nom.into(),
        prenom: None,
        telephone: None,
        departement: Departement::depuis_code("33").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::Connexion,
        ouvert_le: parse_date("2026-11-01").unwrap(),
        titre_expire_le: None,
        api_expire_le: None,
        pan_connu: None,
        notes: None,
        captures: None,
        identite: Default::default(),
        version: 1,
    }
}

// ---------------------------------------------------------------- restore over a stale WAL

#[test]
fn restore_over_the_wal_of_a_killed_desk_gives_exactly_the_backup() {
    let b = Banc::chiffre();
    let (s, attendu) = base_et_sauvegarde(&b);
    // Changes after the backup: an import, then a desk that writes and is killed.
    b.importer(
        "P3,Tardive,Chloe,,13,autre,autre,2026-11-02,,,,\n",
        "P1,2026-11-05,pan,,rdv_demande,2026-11-15,,,\n",
    );
    Tenante::lancer(&b).tuer();
    let wal = avec_suffixe(&b.db, "-wal");
    assert!(
        std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0),
        "the killed desk must leave its -wal"
    );
    assert!(avec_suffixe(&b.db, "-shm").exists());
    let octets_base = std::fs::read(&b.db).unwrap();
    let octets_wal = std::fs::read(&wal).unwrap();

    let sortie = ok(&restaurer(&b, &s));
    assert!(sortie.contains("2 personnes"), "{sortie}");
    let cote = b.racine.join("x.db.avant-restauration-2026-11-23");
    assert!(sortie.contains(&cote.display().to_string()), "{sortie}");
    // Exactly the backup's content, and a sound base.
    assert_eq!(contenu(&b, &b.db, "export-apres"), attendu);
    let sql = b.sql();
    let verdict: String = sql
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok");
    drop(sql);
    assert_eq!(b.compter("SELECT count(*) FROM personnes"), 2);
    // The previous base is kept whole, owner-only: its file and its -wal as they were.
    assert_eq!(std::fs::read(&cote).unwrap(), octets_base);
    let cote_wal = avec_suffixe(&cote, "-wal");
    assert_eq!(std::fs::read(&cote_wal).unwrap(), octets_wal);
    assert_eq!(mode(&cote), 0o600);
    assert_eq!(mode(&cote_wal), 0o600);
    // Restoring the aside base gives back everything, the killed desk's person included.
    let o = ok(&restaurer(&b, &cote));
    assert!(o.contains("4 personnes"), "{o}");
    let liste = ok(&b.vigie(&["aujourdhui", "--tous"]));
    assert!(liste.contains("P9") && liste.contains("P3"), "{liste}");
}

#[test]
fn restore_after_a_backup_copied_over_a_stale_wal_by_hand() {
    let b = Banc::chiffre();
    let (s, attendu) = base_et_sauvegarde(&b);
    // A desk adds people after the backup; its -wal is copied while it is open.
    let mut store = b.store();
    store.creer_personne(&personne("P5", "Apres")).unwrap();
    let wal = std::fs::read(avec_suffixe(&b.db, "-wal")).unwrap();
    drop(store);
    // What a volunteer would do by hand: the backup copied over the base, the -wal left.
    std::fs::copy(&s, &b.db).unwrap();
    std::fs::write(avec_suffixe(&b.db, "-wal"), &wal).unwrap();
    // The hole this command closes: opened as it is (on a copy), that pair does not give the
    // backup — the stale -wal is replayed (a damaged base, or P5 silently kept).
    let essai = b.racine.join("essai.db");
    std::fs::copy(&b.db, &essai).unwrap();
    std::fs::write(avec_suffixe(&essai, "-wal"), &wal).unwrap();
    let o = b.vigie_db(&essai, &["aujourdhui", "--tous"]);
    assert!(
        !o.status.success() || String::from_utf8_lossy(&o.stdout).contains("P5"),
        "the hand-made copy should not be a clean restore"
    );
    let sortie = ok(&restaurer(&b, &s));
    assert!(sortie.contains("2 personnes"), "{sortie}");
    assert_eq!(contenu(&b, &b.db, "export-apres"), attendu);
    assert!(ok(&b.vigie(&["aujourdhui", "--tous"])).contains("P2"));
    assert!(!ok(&b.vigie(&["aujourdhui", "--tous"])).contains("P5"));
}

// ---------------------------------------------------------------- refusals

/// Runs `restaurer` on `fichier` and checks it is refused with `attendu`, leaving the folder
/// exactly as it was (the base byte for byte, no file added or removed).
fn refusee(b: &Banc, fichier: &Path, attendu: &str) {
    let avant = fichiers(b);
    let octets = std::fs::read(&b.db).unwrap();
    let err = erreur(&restaurer(b, fichier));
    assert!(err.contains(attendu), "{}: {err}", fichier.display());
    assert!(err.contains("rien n'a été modifié"), "{err}");
    assert_eq!(
        std::fs::read(&b.db).unwrap(),
        octets,
        "{}",
        fichier.display()
    );
    assert_eq!(fichiers(b), avant, "{}", fichier.display());
}

#[test]
fn damaged_foreign_or_wrongly_keyed_files_are_refused_and_the_base_untouched() {
    let b = Banc::chiffre();
    let (s, _) = base_et_sauvegarde(&b);
    let octets = std::fs::read(&s).unwrap();
    // One byte changed in the middle of a page: its HMAC no longer matches.
    let mut abimee = octets.clone();
    abimee[4096 + 2000] ^= 0x55;
    let abimee = b.fichier("abimee.db", &abimee);
    refusee(&b, &abimee, "abîmé");
    // Cut short.
    let coupee = b.fichier("coupee.db", &octets[..octets.len() / 2]);
    refusee(&b, &coupee, "refusée");
    // Not a database at all, an empty file, another program's plain SQLite file.
    refusee(
        &b,
        &b.fichier("texte.db", "bonjour\n".repeat(500)),
        "ne s'ouvre pas",
    );
    refusee(&b, &b.fichier("vide.db", ""), "refusée");
    let autre = b.racine.join("autre.db");
    rusqlite::Connection::open(&autre)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    refusee(&b, &autre, "ne s'ouvre pas");
    // A file that does not exist.
    refusee(&b, &b.racine.join("absente.db"), "absente.db");
    // The right backup with another passphrase.
    let avant = std::fs::read(&b.db).unwrap();
    let o = banc::commande(&b.db, Some("une autre phrase secrète"))
        .args(["restaurer", s.to_str().unwrap(), "--oui"])
        .output()
        .unwrap();
    let err = erreur(&o);
    assert!(err.contains("ne s'ouvre pas avec cette phrase"), "{err}");
    assert_eq!(std::fs::read(&b.db).unwrap(), avant);
    // The same backup is still restorable: nothing was consumed.
    ok(&restaurer(&b, &s));
}

#[test]
fn a_plain_base_refuses_another_programs_file_and_a_newer_schema() {
    let b = Banc::new();
    let (s, _) = base_et_sauvegarde(&b);
    let autre = b.racine.join("autre.db");
    rusqlite::Connection::open(&autre)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA application_id = 42;")
        .unwrap();
    refusee(&b, &autre, "n'est pas une base vigie");
    let recente = b.racine.join("recente.db");
    std::fs::copy(&s, &recente).unwrap();
    rusqlite::Connection::open(&recente)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    refusee(&b, &recente, "plus récente");
    // An encrypted backup given to a plain base.
    let c = Banc::chiffre();
    let (sc, _) = base_et_sauvegarde(&c);
    refusee(&b, &sc, "sans phrase secrète");
    refusee(&b, &b.db.clone(), "la base elle-même");
}

#[test]
fn a_base_open_in_another_process_is_refused() {
    let b = Banc::chiffre();
    let (s, _) = base_et_sauvegarde(&b);
    let tenante = Tenante::lancer(&b);
    let wal = avec_suffixe(&b.db, "-wal");
    let octets = (std::fs::read(&b.db).unwrap(), std::fs::read(&wal).unwrap());
    let avant = fichiers(&b);
    let err = erreur(&restaurer(&b, &s));
    assert!(err.contains("ouverte par un autre programme"), "{err}");
    assert!(err.contains("rien n'a été modifié"), "{err}");
    assert_eq!(
        (std::fs::read(&b.db).unwrap(), std::fs::read(&wal).unwrap()),
        octets
    );
    assert_eq!(fichiers(&b), avant);
    // Once that process is gone (killed: its -wal stays), the restore goes through.
    tenante.tuer();
    let sortie = ok(&restaurer(&b, &s));
    assert!(sortie.contains("2 personnes"), "{sortie}");
}

// ---------------------------------------------------------------- the aside copies

#[test]
fn each_restore_keeps_its_own_aside_copy_and_a_script_must_say_oui() {
    let b = Banc::new();
    let (s, _) = base_et_sauvegarde(&b);
    // Without --oui and without a terminal: refused, nothing changed.
    let avant = std::fs::read(&b.db).unwrap();
    let err = erreur(&b.vigie(&["restaurer", s.to_str().unwrap()]));
    assert!(err.contains("--oui"), "{err}");
    assert_eq!(std::fs::read(&b.db).unwrap(), avant);
    assert!(!b.racine.join("x.db.avant-restauration-2026-11-23").exists());

    ok(&restaurer(&b, &s));
    let premiere = b.racine.join("x.db.avant-restauration-2026-11-23");
    assert_eq!(std::fs::read(&premiere).unwrap(), avant);
    b.importer("P4,Nouvelle,Dora,,33,autre,autre,2026-11-20,,,,\n", "");
    let sortie = ok(&restaurer(&b, &s));
    let seconde = b.racine.join("x.db.avant-restauration-2026-11-23-2");
    assert!(sortie.contains(&seconde.display().to_string()), "{sortie}");
    assert_eq!(
        std::fs::read(&premiere).unwrap(),
        avant,
        "never overwritten"
    );
    assert_eq!(mode(&premiere), 0o600);
    assert_eq!(mode(&seconde), 0o600);
    assert_eq!(mode(&b.db), 0o600);
    let liste = ok(&b.vigie_db(&seconde, &["aujourdhui", "--tous"]));
    assert!(liste.contains("P4"), "{liste}");
    // No temporary file is left in the folder.
    assert!(
        fichiers(&b).iter().all(|f| !f.starts_with('.')),
        "{:?}",
        fichiers(&b)
    );
}

#[test]
fn a_backup_restores_where_there_is_no_base_yet() {
    let b = Banc::chiffre();
    let (s, attendu) = base_et_sauvegarde(&b);
    let neuve = b.racine.join("neuf").join("vigie").join("vigie.db");
    let sortie = ok(&b.vigie_db(&neuve, &["restaurer", s.to_str().unwrap(), "--oui"]));
    assert!(sortie.contains("rien n'a été mis de côté"), "{sortie}");
    assert_eq!(contenu(&b, &neuve, "export-neuve"), attendu);
    assert_eq!(mode(&neuve), 0o600);
    assert_eq!(mode(neuve.parent().unwrap()), 0o700);
}

// ---------------------------------------------------------------- confirmation on a terminal

#[test]
#[cfg_attr(
    not(vigie_script),
    ignore = "script (util-linux) absent : installez-le pour ce test"
)]
fn on_a_terminal_the_restore_asks_first() {
    let b = Banc::new();
    let (s, _) = base_et_sauvegarde(&b);
    b.importer("P4,Nouvelle,Dora,,33,autre,autre,2026-11-20,,,,\n", "");
    let lancer =
        |saisie: &str| banc::sur_terminal(&b, &format!("restaurer {}", s.display()), saisie);
    let o = lancer("non\n");
    let tout = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success(), "{tout}");
    assert!(
        tout.contains("(2 personnes)") && tout.contains("annulée"),
        "{tout}"
    );
    assert_eq!(b.compter("SELECT count(*) FROM personnes"), 3);
    let o = lancer("oui\n");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(b.compter("SELECT count(*) FROM personnes"), 2);
}
