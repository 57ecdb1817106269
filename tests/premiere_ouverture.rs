//! The smaller holes of opening a base: many desks creating the same base at once, a reading
//! command on an empty file, system errors worded in French.

mod banc;

use banc::{Banc, ENTETE_P};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Waits for `enfant`, at most `limite`; kills it past that (the test then fails).
fn attendre(mut enfant: Child, limite: Instant) -> std::process::Output {
    while Instant::now() < limite {
        if enfant.try_wait().unwrap().is_some() {
            return enfant.wait_with_output().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = enfant.kill();
    let sortie = enfant.wait_with_output().unwrap();
    panic!(
        "a desk did not finish in time: {}",
        String::from_utf8_lossy(&sortie.stderr)
    );
}

#[test]
fn eight_desks_creating_one_base_at_once_are_never_refused() {
    const POSTES: usize = 8;
    for tour in 0..3 {
        let banc = Banc::chiffre();
        let fichiers: Vec<_> = (0..POSTES)
            .map(|i| {
                banc.fichier(
                    &format!("p{i}.csv"),
                    format!(
                        "{ENTETE_P}\nT{tour}P{i},Diallo,Awa,,93,renouvellement,\
                         depot_impossible,2026-10-01,,,non,\n"
                    ),
                )
            })
            .collect();
        assert!(!banc.db.exists());
        let enfants: Vec<Child> = fichiers
            .iter()
            .map(|f| {
                banc.commande()
                    .arg("import")
                    .arg("--personnes")
                    .arg(f)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let limite = Instant::now() + Duration::from_secs(120);
        for enfant in enfants {
            let sortie = attendre(enfant, limite);
            let erreur = String::from_utf8_lossy(&sortie.stderr);
            assert!(
                sortie.status.success(),
                "round {tour}: a desk was refused: {erreur}"
            );
            assert!(!erreur.contains("pas une base vigie"), "{erreur}");
        }
        assert_eq!(
            banc.compter("SELECT count(*) FROM personnes"),
            POSTES as i64,
            "round {tour}"
        );
        // A reading command afterwards sees the same whole base.
        let o = banc.vigie(&["aujourdhui"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn a_reading_command_leaves_an_empty_file_untouched() {
    for banc in [Banc::new(), Banc::chiffre()] {
        std::fs::write(&banc.db, b"").unwrap();
        let o = banc.vigie(&["aujourdhui"]);
        assert!(!o.status.success());
        let erreur = String::from_utf8_lossy(&o.stderr);
        assert!(erreur.contains("fichier vide"), "{erreur}");
        assert!(erreur.contains("pas une base vigie"), "{erreur}");
        assert_eq!(std::fs::metadata(&banc.db).unwrap().len(), 0);
        for suffixe in ["-wal", "-shm", "-journal"] {
            let mut p = banc.db.clone().into_os_string();
            p.push(suffixe);
            assert!(!std::path::Path::new(&p).exists(), "{suffixe} left behind");
        }
    }
}
