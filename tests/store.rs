//! The store: encryption, passphrase check, schema versions, optimistic concurrency.

use vigie::domain::{
    Blocage, Demarche, Departement, Evenement, Personne, TypeEvenement, parse_date,
};
use vigie::store::{ErreurStore, Ouverture, Store};

fn ouverture(chemin: &std::path::Path, phrase: Option<&str>) -> Ouverture {
    Ouverture {
        chemin: chemin.to_path_buf(),
        phrase: phrase.map(String::from),
        sans_chiffrement: phrase.is_none(),
        benevole: "Test".into(),
    }
}

fn personne(reference: &str, nom: &str) -> Personne {
    Personne {
        id: None,
        reference: reference.into(),
        nom: nom.into(),
        prenom: Some("Awa".into()),
        telephone: Some("+33 6 12 34 56 78".into()),
        departement: Departement::depuis_code("33").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::DepotImpossible,
        ouvert_le: parse_date("2026-11-02").unwrap(),
        titre_expire_le: None,
        api_expire_le: None,
        pan_connu: Some(false),
        notes: None,
        captures: Some(2),
        identite: Default::default(),
        version: 1,
    }
}

#[test]
fn encrypted_file_hides_names_and_refuses_wrong_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let chemin = dir.path().join("v.db");
    {
        let mut s = Store::ouvrir(&ouverture(&chemin, Some("correct horse"))).unwrap();
        let id = s.creer_personne(&personne("R1", "Zyxwvutsrq")).unwrap();
        let mut e = Evenement::nouveau(TypeEvenement::Visite, parse_date("2026-11-03").unwrap());
        e.notes = Some("Qwertzuiopasdf".into());
        s.ajouter_evenement(id, &e).unwrap();
        // Both the main file and the WAL must be unreadable while the connection is open.
        for f in ["v.db", "v.db-wal"] {
            if let Ok(octets) = std::fs::read(dir.path().join(f)) {
                for secret in ["Zyxwvutsrq", "Qwertzuiopasdf", "SQLite format"] {
                    assert!(
                        !octets.windows(secret.len()).any(|w| w == secret.as_bytes()),
                        "{secret} en clair dans {f}"
                    );
                }
            }
        }
    }
    match Store::ouvrir(&ouverture(&chemin, Some("wrong horse"))) {
        Err(ErreurStore::PhraseIncorrecte) => {}
        Err(e) => panic!("mauvaise erreur : {e:?}"),
        Ok(_) => panic!("une mauvaise phrase a ouvert la base"),
    }
    match Store::ouvrir(&ouverture(&chemin, None)) {
        Err(ErreurStore::BaseChiffree) => {}
        Err(e) => panic!("mauvaise erreur : {e:?}"),
        Ok(_) => panic!("la base chiffrée s'est ouverte sans phrase"),
    }
    let s = Store::ouvrir(&ouverture(&chemin, Some("correct horse"))).unwrap();
    let p = s.personne_par_reference("R1").unwrap().unwrap();
    assert_eq!(p.nom, "Zyxwvutsrq");
    assert_eq!(s.evenements(p.id.unwrap()).unwrap().len(), 1);
}

#[test]
fn newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let chemin = dir.path().join("v.db");
    {
        drop(Store::ouvrir(&ouverture(&chemin, None)).unwrap());
        // A newer vigie's write, made with a raw connection (the base is plain).
        rusqlite::Connection::open(&chemin)
            .unwrap()
            .pragma_update(None, "user_version", vigie::store::VERSION_SCHEMA + 1)
            .unwrap();
    }
    match Store::ouvrir(&ouverture(&chemin, None)) {
        Err(e @ ErreurStore::BaseTropRecente { .. }) => {
            let m = e.to_string();
            assert!(
                m.contains(&format!("schéma {}", vigie::store::VERSION_SCHEMA + 1)),
                "{m}"
            );
            assert!(
                m.contains(&format!("schéma {}", vigie::store::VERSION_SCHEMA)),
                "{m}"
            );
        }
        Err(e) => panic!("mauvaise erreur : {e:?}"),
        Ok(_) => panic!("base plus récente acceptée"),
    }
}

#[test]
fn stale_edit_is_a_conflict_not_an_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let chemin = dir.path().join("v.db");
    let mut a = Store::ouvrir(&ouverture(&chemin, None)).unwrap();
    let mut b = Store::ouvrir(&ouverture(&chemin, None)).unwrap();
    let id = a.creer_personne(&personne("R1", "Diallo")).unwrap();
    let chez_a = a.personne(id).unwrap().unwrap();
    let mut chez_b = b.personne(id).unwrap().unwrap();
    let avant = a.version_donnees().unwrap();
    chez_b.telephone = Some("01 02 03 04 05".into());
    assert_eq!(b.modifier_personne(&chez_b).unwrap(), 2);
    assert_ne!(
        a.version_donnees().unwrap(),
        avant,
        "data_version must move"
    );
    let mut modifiee = chez_a.clone();
    modifiee.nom = "Diallo-Ba".into();
    match a.modifier_personne(&modifiee) {
        Err(ErreurStore::Conflit { actuelle }) => {
            assert_eq!(actuelle.telephone.as_deref(), Some("01 02 03 04 05"));
            assert_eq!(actuelle.nom, "Diallo");
        }
        autre => panic!("attendu un conflit : {autre:?}"),
    }
    assert_eq!(a.personne(id).unwrap().unwrap().nom, "Diallo");
    assert_eq!(a.chercher("DIALLO", 10).unwrap().len(), 1);
    assert_eq!(a.chercher("awa", 10).unwrap().len(), 1);
    assert_eq!(a.chercher("01 02", 10).unwrap().len(), 1);
    assert_eq!(a.chercher("zzz", 10).unwrap().len(), 0);
    assert!(matches!(
        a.creer_personne(&personne("R1", "Autre")),
        Err(ErreurStore::ReferenceExistante(_))
    ));
}

#[cfg(unix)]
#[test]
fn new_database_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("donnees").join("vigie");
    let chemin = dossier.join("v.db");
    let mut s = Store::ouvrir(&ouverture(&chemin, Some("correct horse"))).unwrap();
    s.creer_personne(&personne("R1", "Diallo")).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dossier), 0o700);
    assert_eq!(mode(&chemin), 0o600);
    assert_eq!(mode(&dossier.join("v.db-wal")), 0o600);
}

#[test]
fn opening_does_not_wait_for_another_desk_writing() {
    // A long write on one desk (an import, a demo, a purge) must not keep the others from
    // opening the database and reading it: opening takes no write lock when the schema is
    // already current.
    let dir = tempfile::tempdir().unwrap();
    let chemin = dir.path().join("v.db");
    let mut a = Store::ouvrir(&ouverture(&chemin, Some("phrase de test"))).unwrap();
    a.creer_personne(&personne("R1", "DIALLO")).unwrap();
    // Desk a holds its write transaction while desk b opens and reads.
    a.ecrire(|_, _| {
        let debut = std::time::Instant::now();
        let b = Store::ouvrir(&ouverture(&chemin, Some("phrase de test")))
            .expect("opening while another desk writes");
        assert!(debut.elapsed() < std::time::Duration::from_secs(5));
        assert!(b.personne_par_reference("R1").unwrap().is_some());
        Ok(())
    })
    .unwrap();
}

#[test]
fn busy_database_is_explained_in_french() {
    let e = ErreurStore::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("database is locked".into()),
    ));
    let m = e.to_string();
    assert!(!m.contains("database is locked"), "{m}");
    assert!(m.contains("autre poste"), "{m}");
}

#[test]
fn desks_creating_the_same_new_base_at_once_all_open_it() {
    // Two desks importing into a base that does not exist yet: one creates the file, the
    // others must open it, not fail with "already exists".
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let chemin = dir.path().join("v.db");
        let depart = std::sync::Arc::new(std::sync::Barrier::new(4));
        let fils: Vec<_> = (0..4)
            .map(|i| {
                let chemin = chemin.clone();
                let depart = depart.clone();
                std::thread::spawn(move || {
                    depart.wait();
                    let mut s = Store::ouvrir(&ouverture(&chemin, Some("phrase de test")))
                        .map_err(|e| e.to_string())?;
                    s.creer_personne(&personne(&format!("R{i}"), "DIALLO"))
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        for f in fils {
            f.join().unwrap().unwrap();
        }
        // Nothing left behind but the base itself (and its WAL files).
        let restes: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("v.db"))
            .collect();
        assert!(restes.is_empty(), "{restes:?}");
        let s = Store::ouvrir(&ouverture(&chemin, Some("phrase de test"))).unwrap();
        for i in 0..4 {
            assert!(
                s.personne_par_reference(&format!("R{i}"))
                    .unwrap()
                    .is_some()
            );
        }
    }
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let chemin = dir.path().join("autre.db");
    {
        let c = rusqlite::Connection::open(&chemin).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let avant = std::fs::read(&chemin).unwrap();
    match Store::ouvrir(&ouverture(&chemin, None)) {
        Err(ErreurStore::PasUneBaseVigie) => {}
        Err(e) => panic!("mauvaise erreur : {e:?}"),
        Ok(_) => panic!("base étrangère acceptée"),
    }
    assert!(std::fs::read(&chemin).unwrap() == avant, "file changed");
    let c = rusqlite::Connection::open(&chemin).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}
