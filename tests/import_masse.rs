//! The import read from disk in both passes and, into an empty base, with its secondary
//! indexes built after the rows (issue 17): the same rows, the same errors and lines, the
//! same indexes as the schema, and all or nothing.

mod banc;

use std::path::Path;
use vigie::csvio::export::{ecrire_evenements, ecrire_personnes};
use vigie::csvio::import::{
    ErreurDonnees, ErreurImport, Fichier, importer, importer_verifies, verifier,
    verifier_pour_base_vide,
};
use vigie::store::Store;

fn ouvrir(chemin: &Path) -> Store {
    banc::ouvrir(chemin, None, banc::BENEVOLE)
}

/// Both files of `store`, as the export writes them.
fn exporter(store: &Store) -> (String, String) {
    let (mut p, mut e) = (Vec::new(), Vec::new());
    ecrire_personnes(store, &mut p).unwrap();
    ecrire_evenements(store, &mut e).unwrap();
    (String::from_utf8(p).unwrap(), String::from_utf8(e).unwrap())
}

/// `n` people with three events each; notes with commas, quotes and line breaks, blank
/// lines, CRLF and a BOM: well over the reader's window, so that it is compacted often.
fn fichiers(n: usize) -> (String, String) {
    let mut p = format!("\u{feff}{}\r\n", banc::ENTETE_P);
    let mut e = format!("{}\n", banc::ENTETE_E);
    for i in 0..n {
        let note = if i % 7 == 0 {
            format!("\"ligne 1, \"\"citée\"\"\r\nligne 2 de {i}\"")
        } else {
            String::new()
        };
        p.push_str(&format!(
            "R{i:05},Nom{i},Prénom,06 12 34 56 78,93,renouvellement,depot_impossible,2026-10-01,,,non,{note}\r\n"
        ));
        if i % 11 == 0 {
            p.push_str("\r\n");
        }
        for j in 1..=3 {
            e.push_str(&format!("R{i:05},2026-10-{j:02},visite,,,,,,{note}\n"));
        }
    }
    (p, e)
}

fn sur_disque(dossier: &Path, nom: &str, contenu: &str) -> Fichier {
    let chemin = dossier.join(nom);
    std::fs::write(&chemin, contenu).unwrap();
    Fichier::ouvrir(&chemin).unwrap()
}

fn integre(chemin: &Path) {
    let c = rusqlite::Connection::open(chemin).unwrap();
    let r: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(r, "ok");
}

#[test]
fn files_read_from_disk_in_both_passes_give_the_rows_read_from_memory() {
    let d = tempfile::tempdir().unwrap();
    let (p, e) = fichiers(2_000);
    assert!(p.len() > 2 * (1 << 16), "bigger than the reader's window");
    let mut disque = ouvrir(&d.path().join("disque.db"));
    let bilan = importer(
        &mut disque,
        Some(&sur_disque(d.path(), "p.csv", &p)),
        Some(&sur_disque(d.path(), "e.csv", &e)),
        false,
        |_| String::new(),
    )
    .unwrap();
    assert_eq!(
        (bilan.personnes_ajoutees, bilan.evenements_ajoutes),
        (2_000, 6_000)
    );
    let mut memoire = ouvrir(&d.path().join("memoire.db"));
    importer(
        &mut memoire,
        Some(&Fichier::en_memoire("p.csv", p.into_bytes())),
        Some(&Fichier::en_memoire("e.csv", e.into_bytes())),
        false,
        |_| String::new(),
    )
    .unwrap();
    let (pd, ed) = exporter(&disque);
    assert_eq!((pd.clone(), ed), exporter(&memoire));
    assert!(
        pd.contains("\"ligne 1, \"\"citée\"\"\r\nligne 2 de 1995\""),
        "notes kept"
    );
}

#[test]
fn errors_far_in_a_file_on_disk_name_the_same_lines_as_in_memory() {
    let d = tempfile::tempdir().unwrap();
    let (mut p, mut e) = fichiers(3_000);
    // The people rows take lines 2.. with a blank line after every 11th and one more
    // line for every 7th (the note's line break): the last row's line, counted by hand.
    let lignes = 1 + 3_000 + 3_000usize.div_ceil(11);
    p.push_str("R99999,Nom,,,999,renouvellement,depot_impossible,2026-10-01,,,non,\r\n");
    e.push_str("R00001,2026-13-01,visite,,,,,,\n");
    e.push_str("INCONNUE,2026-10-01,visite,,,,,,\n");
    let attendues = |r: Result<usize, Vec<ErreurDonnees>>| -> Vec<String> {
        r.unwrap_err().iter().map(|e| e.to_string()).collect()
    };
    let (pd, ed) = (
        sur_disque(d.path(), "p.csv", &p),
        sur_disque(d.path(), "e.csv", &e),
    );
    let en_memoire = attendues(verifier(
        Some(&Fichier::en_memoire(pd.nom.clone(), p.into_bytes())),
        Some(&Fichier::en_memoire(ed.nom.clone(), e.into_bytes())),
        &Default::default(),
        false,
    ));
    let sur_le_disque = attendues(verifier(Some(&pd), Some(&ed), &Default::default(), false));
    assert_eq!(en_memoire, sur_le_disque);
    assert_eq!(en_memoire.len(), 3, "{en_memoire:#?}");
    let debut = |f: &Fichier, ligne: usize| format!("{}:{ligne}: ", f.nom);
    assert!(
        en_memoire[0].starts_with(&debut(&pd, lignes + 1)),
        "{en_memoire:#?}"
    );
    assert!(
        en_memoire[1].starts_with(&debut(&ed, 9002)),
        "{en_memoire:#?}"
    );
    assert!(
        en_memoire[2].starts_with(&debut(&ed, 9003)),
        "{en_memoire:#?}"
    );
}

#[test]
fn a_file_not_utf8_far_from_its_start_is_refused_whole_from_disk_too() {
    let d = tempfile::tempdir().unwrap();
    let (p, _) = fichiers(3_000);
    let mut octets = p.into_bytes();
    // A bad row before the Windows-1252 byte: only the file's refusal is said.
    octets.extend_from_slice(b"R1,x,,,999,?,?,?,,,,\r\nR2,\xE9t\xE9,,,93,renouvellement,depot_impossible,2026-10-01,,,,\r\n");
    let chemin = d.path().join("p.csv");
    std::fs::write(&chemin, &octets).unwrap();
    let erreurs = verifier(
        Some(&Fichier::ouvrir(&chemin).unwrap()),
        None,
        &Default::default(),
        false,
    )
    .unwrap_err();
    let lignes = 1 + 3_000 + 3_000usize.div_ceil(11) + 3_000usize.div_ceil(7) + 2;
    assert_eq!(
        erreurs,
        vec![ErreurDonnees::Table(vigie::csvio::ErreurTable::PasUtf8 {
            fichier: chemin.display().to_string(),
            ligne: lignes,
        })]
    );
}

#[test]
fn an_import_into_an_empty_base_leaves_exactly_the_schema_indexes() {
    let d = tempfile::tempdir().unwrap();
    let schema = ouvrir(&d.path().join("schema.db"))
        .definitions_des_index()
        .unwrap();
    for nom in [
        "evenements_stats",
        "evenements_personne_couvrant",
        "personnes_nom",
    ] {
        assert!(schema.iter().any(|(n, _)| n == nom), "{schema:?}");
    }
    let chemin = d.path().join("b.db");
    let mut s = ouvrir(&chemin);
    let (p, e) = fichiers(300);
    importer(
        &mut s,
        Some(&sur_disque(d.path(), "p.csv", &p)),
        Some(&sur_disque(d.path(), "e.csv", &e)),
        false,
        |_| String::new(),
    )
    .unwrap();
    assert_eq!(s.definitions_des_index().unwrap(), schema);
    drop(s);
    integre(&chemin);
    // The indexes hold every row (read through each of them).
    let c = rusqlite::Connection::open(&chemin).unwrap();
    for (index, table, n) in [
        ("evenements_stats", "evenements", 900),
        ("evenements_personne_couvrant", "evenements", 900),
        ("personnes_nom", "personnes", 300),
    ] {
        let vu: i64 = c
            .query_row(
                &format!("SELECT count(*) FROM {table} INDEXED BY {index}"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(vu, n, "{index}");
    }
}

#[test]
fn an_import_into_a_base_with_people_keeps_its_indexes_and_adds_to_them() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("b.db");
    let mut s = ouvrir(&chemin);
    let schema = s.definitions_des_index().unwrap();
    let (p, e) = fichiers(50);
    importer(
        &mut s,
        Some(&Fichier::en_memoire("p.csv", p.into_bytes())),
        Some(&Fichier::en_memoire("e.csv", e.into_bytes())),
        false,
        |_| String::new(),
    )
    .unwrap();
    // Then more people and events, into the base now holding some.
    let p2 = format!(
        "{}\nN1,Autre,,,75,renouvellement,depot_impossible,2026-10-01,,,,\n",
        banc::ENTETE_P
    );
    let e2 = format!(
        "{}\nN1,2026-10-02,visite,,,,,,\nR00003,2026-11-02,visite,,,,,,\nR00003,2026-10-01,visite,,,,,,\n",
        banc::ENTETE_E
    );
    let bilan = importer(
        &mut s,
        Some(&sur_disque(d.path(), "p2.csv", &p2)),
        Some(&sur_disque(d.path(), "e2.csv", &e2)),
        false,
        |_| String::new(),
    )
    .unwrap();
    assert_eq!(
        (
            bilan.personnes_ajoutees,
            bilan.evenements_ajoutes,
            bilan.evenements_identiques
        ),
        (1, 2, 1)
    );
    assert_eq!(s.definitions_des_index().unwrap(), schema);
    drop(s);
    integre(&chemin);
}

/// A trigger of the test's own refuses one event row: the failure comes in the middle of
/// the writing, after the people and many events (and, into an empty base, with the
/// indexes dropped).
fn piege(chemin: &Path) {
    let c = rusqlite::Connection::open(chemin).unwrap();
    c.execute_batch(
        "CREATE TRIGGER piege BEFORE INSERT ON evenements WHEN NEW.notes = 'boum' \
         BEGIN SELECT RAISE(ABORT, 'boum'); END;",
    )
    .unwrap();
}

#[test]
fn a_failure_in_the_middle_of_the_writing_leaves_the_base_as_it_was() {
    let d = tempfile::tempdir().unwrap();
    for deja in [false, true] {
        let chemin = d.path().join(format!("b-{deja}.db"));
        let mut s = ouvrir(&chemin);
        if deja {
            let p = format!(
                "{}\nA1,Avant,,,75,autre,autre,2026-01-01,,,,\n",
                banc::ENTETE_P
            );
            let e = format!("{}\nA1,2026-01-02,visite,,,,,,\n", banc::ENTETE_E);
            importer(
                &mut s,
                Some(&Fichier::en_memoire("p.csv", p.into_bytes())),
                Some(&Fichier::en_memoire("e.csv", e.into_bytes())),
                false,
                |_| String::new(),
            )
            .unwrap();
        }
        let avant = (exporter(&s), s.definitions_des_index().unwrap());
        piege(&chemin);
        let (p, mut e) = fichiers(400);
        e.push_str("R00399,2026-11-01,visite,,,,,,boum\n");
        let r = importer(
            &mut s,
            Some(&sur_disque(d.path(), "p.csv", &p)),
            Some(&sur_disque(d.path(), "e.csv", &e)),
            false,
            |_| String::new(),
        );
        assert!(matches!(r, Err(ErreurImport::Store(_))), "{r:?}");
        assert_eq!(
            (exporter(&s), s.definitions_des_index().unwrap()),
            avant,
            "{deja}"
        );
        drop(s);
        integre(&chemin);
    }
}

#[test]
fn files_checked_before_the_base_is_created_are_written_as_checked() {
    let d = tempfile::tempdir().unwrap();
    let (p, e) = fichiers(200);
    let (fp, fe) = (
        sur_disque(d.path(), "p.csv", &p),
        sur_disque(d.path(), "e.csv", &e),
    );
    let verifies = verifier_pour_base_vide(Some(&fp), Some(&fe)).unwrap();
    let mut s = ouvrir(&d.path().join("b.db"));
    let bilan = importer_verifies(&mut s, Some(&fp), Some(&fe), false, verifies, |_| {
        String::new()
    })
    .unwrap();
    assert_eq!(
        (bilan.personnes_ajoutees, bilan.evenements_ajoutes),
        (200, 600)
    );
    let mut t = ouvrir(&d.path().join("t.db"));
    importer(&mut t, Some(&fp), Some(&fe), false, |_| String::new()).unwrap();
    assert_eq!(exporter(&s), exporter(&t));
}

#[test]
fn a_base_filled_since_the_check_is_checked_again() {
    let d = tempfile::tempdir().unwrap();
    let (p, e) = fichiers(20);
    let (fp, fe) = (
        sur_disque(d.path(), "p.csv", &p),
        sur_disque(d.path(), "e.csv", &e),
    );
    let verifies = verifier_pour_base_vide(Some(&fp), Some(&fe)).unwrap();
    // Another desk imports one of the same people in between.
    let mut s = ouvrir(&d.path().join("b.db"));
    let autre = format!(
        "{}\nR00003,Autre,,,75,autre,autre,2026-01-01,,,,\n",
        banc::ENTETE_P
    );
    importer(
        &mut s,
        Some(&Fichier::en_memoire("autre.csv", autre.into_bytes())),
        None,
        false,
        |_| String::new(),
    )
    .unwrap();
    let avant = exporter(&s);
    let r = importer_verifies(&mut s, Some(&fp), Some(&fe), false, verifies, |_| {
        String::new()
    });
    let Err(ErreurImport::Donnees(v)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].to_string().contains("R00003"), "{}", v[0]);
    assert_eq!(exporter(&s), avant);
}

#[test]
fn a_file_changed_between_its_check_and_its_writing_stops_the_import() {
    let d = tempfile::tempdir().unwrap();
    let (p, e) = fichiers(50);
    let (fp, fe) = (
        sur_disque(d.path(), "p.csv", &p),
        sur_disque(d.path(), "e.csv", &e),
    );
    let verifies = verifier_pour_base_vide(Some(&fp), Some(&fe)).unwrap();
    // Rewritten in place (the same file, still open): one event's date changes.
    std::fs::write(
        d.path().join("e.csv"),
        e.replacen("2026-10-01", "2026-10-09", 1),
    )
    .unwrap();
    let chemin = d.path().join("b.db");
    let mut s = ouvrir(&chemin);
    let avant = (exporter(&s), s.definitions_des_index().unwrap());
    let r = importer_verifies(&mut s, Some(&fp), Some(&fe), false, verifies, |_| {
        String::new()
    });
    let Err(ErreurImport::Donnees(v)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(
        v,
        vec![ErreurDonnees::Modifie {
            fichier: fe.nom.clone()
        }]
    );
    assert!(
        v[0].to_string().contains("rien n'a été importé"),
        "{}",
        v[0]
    );
    assert_eq!((exporter(&s), s.definitions_des_index().unwrap()), avant);
}
