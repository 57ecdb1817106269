//! Every output goes through the one private-file writer (`fichiers::Provisoire`): a symlink at
//! the target is never followed, an existing world-readable file comes out owner-only, a full
//! disk leaves the previous file byte for byte, and the temporary files of a killed run are
//! removed by the next one. Each command is run as the real binary.
#![cfg(unix)]

mod banc;
mod tui_commun;

use banc::Banc;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const UNE_PERSONNE: (&str, &str) = (
    "P1,Diallo,Awa,06 11 22 33 44,93,renouvellement,depot_impossible,2026-10-01,2026-12-31,,non,\n",
    "P1,2026-10-02,ccc,telephone,sans_aide,,T-100,35,\n",
);

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn est_lien(p: &Path) -> bool {
    p.symlink_metadata().unwrap().file_type().is_symlink()
}

fn texte(o: &Output) -> String {
    format!(
        "status {:?}\nstdout {}\nstderr {}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The names left in `dossier` that look like a temporary file of the writer.
fn partiels(dossier: &Path) -> Vec<String> {
    std::fs::read_dir(dossier)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partiel"))
        .collect()
}

/// A file `nom` in `dossier` holding `contenu`, readable by everyone (0644).
fn fichier_public(dossier: &Path, nom: &str, contenu: &str) -> PathBuf {
    let p = dossier.join(nom);
    std::fs::write(&p, contenu).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    p
}

/// A bench with one person, and a folder `sorties`.
fn banc() -> (Banc, PathBuf) {
    let b = Banc::new();
    b.importer(UNE_PERSONNE.0, UNE_PERSONNE.1);
    let sorties = b.racine.join("sorties");
    std::fs::create_dir(&sorties).unwrap();
    (b, sorties)
}

/// The commands whose output replaces an existing file, each with the files it writes in
/// `sorties`.
fn remplacantes(s: &Path) -> Vec<(Vec<String>, Vec<PathBuf>)> {
    let d = s.display().to_string();
    let f = |nom: &str| s.join(nom);
    vec![
        (
            vec![
                "export".into(),
                "donnees".into(),
                "--dossier".into(),
                d.clone(),
            ],
            vec![f("personnes.csv"), f("evenements.csv")],
        ),
        (
            vec![
                "personne".into(),
                "exporter".into(),
                "P1".into(),
                "--dossier".into(),
                d,
            ],
            vec![
                f("personnes.csv"),
                f("evenements.csv"),
                f("chronologie.txt"),
            ],
        ),
        (
            [
                "export", "stats", "--annee", "2026", "--seuil", "3", "--sortie",
            ]
            .iter()
            .map(|a| a.to_string())
            .chain([f("stats.csv").display().to_string()])
            .collect(),
            vec![f("stats.csv")],
        ),
        (
            vec![
                "prefecture".into(),
                "exporter-corrections".into(),
                f("corrections.csv").display().to_string(),
            ],
            vec![f("corrections.csv")],
        ),
    ]
}

/// The commands that never replace an existing file.
fn refusantes(s: &Path) -> Vec<(Vec<String>, PathBuf)> {
    ["lettre", "chronologie"]
        .iter()
        .map(|c| {
            let cible = s.join(format!("{c}.txt"));
            let args = vec![
                c.to_string(),
                "P1".into(),
                "--sortie".into(),
                cible.display().to_string(),
            ];
            (args, cible)
        })
        .chain([(
            vec![
                "sauvegarde".into(),
                "--sortie".into(),
                s.join("copie.db").display().to_string(),
            ],
            s.join("copie.db"),
        )])
        .collect()
}

fn lancer(b: &Banc, args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    b.vigie(&args)
}

#[test]
fn a_symlink_at_an_export_target_is_replaced_never_followed() {
    let (b, s) = banc();
    for (args, cibles) in remplacantes(&s) {
        let victimes: Vec<PathBuf> = (0..cibles.len())
            .map(|i| fichier_public(&b.racine, &format!("victime{i}"), "contenu d'autrui\n"))
            .collect();
        for (cible, victime) in cibles.iter().zip(&victimes) {
            let _ = std::fs::remove_file(cible);
            std::os::unix::fs::symlink(victime, cible).unwrap();
        }
        let o = lancer(&b, &args);
        assert!(o.status.success(), "{args:?}: {}", texte(&o));
        for (cible, victime) in cibles.iter().zip(&victimes) {
            assert_eq!(
                std::fs::read_to_string(victime).unwrap(),
                "contenu d'autrui\n"
            );
            assert_eq!(mode(victime), 0o644, "{args:?}");
            assert!(!est_lien(cible), "{args:?}: {cible:?} still a symlink");
            assert_eq!(mode(cible), 0o600, "{args:?}: {cible:?}");
            assert!(std::fs::metadata(cible).unwrap().len() > 0);
        }
        assert!(partiels(&s).is_empty(), "{args:?}: {:?}", partiels(&s));
    }
}

#[test]
fn a_symlink_where_files_are_never_replaced_is_refused() {
    let (b, s) = banc();
    for (args, cible) in refusantes(&s) {
        // Pointing at an existing file, and dangling (an open would create its target).
        for vers_existant in [true, false] {
            let victime = b.racine.join("victime");
            let _ = std::fs::remove_file(&victime);
            if vers_existant {
                fichier_public(&b.racine, "victime", "contenu d'autrui\n");
            }
            let _ = std::fs::remove_file(&cible);
            std::os::unix::fs::symlink(&victime, &cible).unwrap();
            let o = lancer(&b, &args);
            assert!(!o.status.success(), "{args:?}: {}", texte(&o));
            assert!(est_lien(&cible), "{args:?}");
            if vers_existant {
                assert_eq!(
                    std::fs::read_to_string(&victime).unwrap(),
                    "contenu d'autrui\n"
                );
            } else {
                assert!(
                    !victime.exists(),
                    "{args:?} wrote through a dangling symlink"
                );
            }
            assert!(partiels(&s).is_empty(), "{args:?}: {:?}", partiels(&s));
        }
        // Without the symlink the same command writes an owner-only file.
        std::fs::remove_file(&cible).unwrap();
        let o = lancer(&b, &args);
        assert!(o.status.success(), "{args:?}: {}", texte(&o));
        assert_eq!(mode(&cible), 0o600);
        // And an existing file stays as it was.
        let avant = std::fs::read(&cible).unwrap();
        let o = lancer(&b, &args);
        assert!(!o.status.success(), "{args:?}: {}", texte(&o));
        assert_eq!(std::fs::read(&cible).unwrap(), avant);
    }
}

#[test]
fn an_existing_world_readable_export_comes_out_owner_only() {
    let (b, s) = banc();
    for (args, cibles) in remplacantes(&s) {
        for c in &cibles {
            fichier_public(&s, c.file_name().unwrap().to_str().unwrap(), "ancien\n");
        }
        let o = lancer(&b, &args);
        assert!(o.status.success(), "{args:?}: {}", texte(&o));
        for c in &cibles {
            assert_eq!(mode(c), 0o600, "{args:?}: {c:?}");
            assert_ne!(std::fs::read_to_string(c).unwrap(), "ancien\n");
        }
    }
}

/// `vigie ARGS` on the bench's database with the file size limited to `blocs` blocks of the
/// shell's `ulimit -f`; `ignorer`: SIGXFSZ ignored (the write fails with EFBIG), otherwise
/// the process is killed by it mid-write.
fn avec_limite(b: &Banc, blocs: u32, ignorer: bool, args: &[&str]) -> Output {
    let piege = if ignorer { "trap '' XFSZ; " } else { "" };
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("{piege}ulimit -f {blocs}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_vigie"));
    let modele = b.commande();
    for (k, v) in modele.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.args(modele.get_args()).args(args);
    c.stdin(std::process::Stdio::null()).output().unwrap()
}

/// A bench with enough people for exports far above the size limit.
fn grand_banc() -> Banc {
    let b = Banc::new();
    let o = b.vigie(&["demo", "--personnes", "2000"]);
    assert!(o.status.success(), "{}", texte(&o));
    b
}

#[test]
fn a_full_disk_leaves_the_previous_export_byte_for_byte() {
    let b = grand_banc();
    let d = b.racine.join("export");
    let o = b.vigie(&["export", "donnees", "--dossier", d.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texte(&o));
    let stats = b.racine.join("stats.csv");
    std::fs::write(&stats, "ancien,tableau\n").unwrap();
    let avant = |p: &Path| std::fs::read(p).unwrap();
    let (p_avant, e_avant) = (
        avant(&d.join("personnes.csv")),
        avant(&d.join("evenements.csv")),
    );
    // The exports are far above 100 KiB (100 blocks of 512 bytes for dash, of 1 KiB for bash),
    // the limit above what opening the database writes (its 32 KiB shared-memory file).
    assert!(e_avant.len() > 400 * 1024);

    let o = avec_limite(
        &b,
        200,
        true,
        &["export", "donnees", "--dossier", d.to_str().unwrap()],
    );
    assert!(!o.status.success(), "{}", texte(&o));
    assert_eq!(avant(&d.join("personnes.csv")), p_avant);
    assert_eq!(avant(&d.join("evenements.csv")), e_avant);
    assert!(partiels(&d).is_empty(), "{:?}", partiels(&d));

    let args = [
        "export",
        "stats",
        "--annee",
        "2026",
        "--seuil",
        "3",
        "--par-departement",
    ];
    let mut avec_sortie: Vec<&str> = args.to_vec();
    avec_sortie.extend(["--sortie", stats.to_str().unwrap()]);
    let o = avec_limite(&b, 100, true, &avec_sortie);
    assert!(!o.status.success(), "{}", texte(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("stats.csv"),
        "{}",
        texte(&o)
    );
    assert_eq!(std::fs::read_to_string(&stats).unwrap(), "ancien,tableau\n");
    assert!(partiels(&b.racine).is_empty(), "{:?}", partiels(&b.racine));
    // Without the limit, the same command writes the whole table.
    let o = b.vigie(&avec_sortie);
    assert!(o.status.success(), "{}", texte(&o));
    assert!(std::fs::metadata(&stats).unwrap().len() > 100 * 1024);
}

#[test]
fn the_temporary_files_of_a_killed_export_are_removed_by_the_next_run() {
    let b = grand_banc();
    let d = b.racine.join("export");
    std::fs::create_dir(&d).unwrap();
    // Killed by SIGXFSZ in the middle of writing: the temporary file stays, hidden, private.
    let o = avec_limite(
        &b,
        200,
        false,
        &["export", "donnees", "--dossier", d.to_str().unwrap()],
    );
    assert!(!o.status.success(), "{}", texte(&o));
    let restes = partiels(&d);
    assert!(
        !restes.is_empty(),
        "the run was not killed mid-write: {}",
        texte(&o)
    );
    for r in &restes {
        assert!(r.starts_with('.'), "{r}");
        assert_eq!(mode(&d.join(r)), 0o600);
    }
    assert!(!d.join("personnes.csv").exists());
    // An earlier version's name too.
    std::fs::write(d.join("personnes.csv.partiel"), "P1,Diallo\n").unwrap();
    let o = b.vigie(&["export", "donnees", "--dossier", d.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texte(&o));
    assert!(partiels(&d).is_empty(), "{:?}", partiels(&d));
    let mut noms: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    noms.sort();
    assert_eq!(noms, ["evenements.csv", "personnes.csv"]);
}

#[test]
fn the_tui_stats_export_goes_through_the_same_writer() {
    use vigie::tui::effets::{EffetPanneau, ResultatPanneau, executer_panneau};
    let (b, s) = banc();
    let mut store = b.store();
    let victime = fichier_public(&b.racine, "victime", "contenu d'autrui\n");
    let cible = s.join("stats.csv");
    std::os::unix::fs::symlink(&victime, &cible).unwrap();
    let exporter = |remplacer: bool, store: &mut vigie::store::Store| match executer_panneau(
        EffetPanneau::Exporter {
            nom: cible.display().to_string(),
            octets: b"a,b\n".to_vec(),
            lignes: 1,
            remplacer,
        },
        store,
    ) {
        ResultatPanneau::Export { resultat, .. } => resultat,
        _ => panic!("not an export result"),
    };
    // Not replaced without the volunteer's yes: the symlink counts as an existing file.
    let e = exporter(false, &mut store).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
    assert!(est_lien(&cible));
    // With it, the symlink itself is replaced.
    exporter(true, &mut store).unwrap();
    assert!(!est_lien(&cible));
    assert_eq!(mode(&cible), 0o600);
    assert_eq!(std::fs::read_to_string(&cible).unwrap(), "a,b\n");
    assert_eq!(
        std::fs::read_to_string(&victime).unwrap(),
        "contenu d'autrui\n"
    );
    assert!(partiels(&s).is_empty());
}

#[test]
fn a_tui_document_over_a_symlink_is_asked_first_then_replaces_the_link_only() {
    use ratatui::crossterm::event::KeyCode;
    use tui_commun::{app, base_exemple, ctrl, taper, touche};
    use vigie::tui::app::Confirmation;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let victime = fichier_public(dir.path(), "victime", "contenu d'autrui\n");
    let cible = dir.path().join("lettre.txt");
    std::os::unix::fs::symlink(&victime, &cible).unwrap();
    // L: the letter's preview; e: the file name field.
    let mut k = vec![
        touche(KeyCode::Char('L')),
        touche(KeyCode::Char('e')),
        ctrl('u'),
    ];
    k.extend(tui_commun::texte(&cible.display().to_string()));
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    assert_eq!(app.confirmation, Some(Confirmation::Ecraser));
    assert!(est_lien(&cible));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('o'))]);
    assert!(app.confirmation.is_none());
    assert!(!est_lien(&cible));
    assert_eq!(mode(&cible), 0o600);
    assert!(std::fs::read_to_string(&cible).unwrap().contains("Objet"));
    assert_eq!(
        std::fs::read_to_string(&victime).unwrap(),
        "contenu d'autrui\n"
    );
    assert!(partiels(dir.path()).is_empty());
}
