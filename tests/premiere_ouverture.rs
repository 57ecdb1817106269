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

/// No English system sentence inside a French message.
fn sans_anglais(erreur: &str) {
    for anglais in ["os error", "No such file", "Permission denied", "denied"] {
        assert!(!erreur.contains(anglais), "{erreur}");
    }
}

#[test]
fn a_missing_file_is_said_in_french() {
    let banc = Banc::new();
    let absent = banc.racine.join("absent.csv");
    let o = banc.vigie(&["import", "--personnes", absent.to_str().unwrap()]);
    assert!(!o.status.success());
    let erreur = String::from_utf8_lossy(&o.stderr);
    assert!(
        erreur.contains("fichier ou dossier introuvable"),
        "{erreur}"
    );
    sans_anglais(&erreur);
}

/// Makes `fichier` unreadable to this process: no read permission, or, for a user who reads
/// everything (root in a container), a link to a file the kernel refuses even to it. `None`
/// when neither works here.
fn rendre_illisible(fichier: &std::path::Path) -> Option<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(fichier, "[alerte_droits]\njours = 5\n").unwrap();
    std::fs::set_permissions(fichier, std::fs::Permissions::from_mode(0o000)).unwrap();
    let refuse = |f: &std::path::Path| {
        std::fs::read(f).is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied)
    };
    if refuse(fichier) {
        return Some(());
    }
    std::fs::remove_file(fichier).unwrap();
    std::os::unix::fs::symlink("/proc/1/mem", fichier).unwrap();
    refuse(fichier).then_some(())
}

#[test]
fn a_refused_permission_is_said_in_french() {
    let banc = Banc::new();
    let dossier = banc.racine.join("maison/.config/vigie");
    std::fs::create_dir_all(&dossier).unwrap();
    let regles = dossier.join("regles.toml");
    // Never a silent pass: a system where no file can be made unreadable fails here, saying so.
    assert!(
        rendre_illisible(&regles).is_some(),
        "no way to make a file unreadable on this system: the case cannot be checked"
    );
    let o = banc.commande().arg("regles").output().unwrap();
    let erreur = String::from_utf8_lossy(&o.stderr);
    assert!(erreur.contains("regles.toml"), "{erreur}");
    assert!(
        erreur.contains("lecture impossible (permission refusée)"),
        "{erreur}"
    );
    sans_anglais(&erreur);
}
