//! Federation end to end (docs/fichiers.md §6): three desks' contributions (disjoint people)
//! add up to exactly the §4 table of the union computed in one base; a duplicate desk, a
//! wrong period, a wrong key and a tampered file are refused with a clear message.

mod banc;
mod commun;

use commun::{P, ajouter, ev, ouvrir};
use std::path::{Path, PathBuf};
use std::process::Output;
use vigie::domain::{Blocage, Canal, Demarche, Resultat, TypeEvenement};

fn vigie(db: &Path, args: &[&str]) -> Output {
    banc::commande(db, None)
        .args(args)
        .env("VIGIE_BENEVOLE", "Test")
        .output()
        .unwrap()
}

const DEPS: [&str; 4] = ["33", "75", "2A", "93"];

/// Person `n` (deterministic variety): its attributes and events in autumn 2026.
fn gens(n: usize) -> (P, Vec<vigie::domain::Evenement>) {
    let p = P {
        dep: DEPS[n % 4],
        demarche: Demarche::TOUS[n % 3],
        blocage: Blocage::TOUS[n % 5],
        ouvert: ["2026-09-10", "2026-11-03", "2026-10-20"][n % 3],
        pan: [None, Some(true), Some(false)][n % 3],
        titre: [None, Some("2026-11-10"), Some("2027-03-01")][(n / 2) % 3],
        api: None,
    };
    let jour = format!("2026-11-{:02}", 1 + n % 28);
    let j = jour.as_str();
    let mut e = vec![ev(j, TypeEvenement::Visite, None, None, None, None)];
    let r = [
        Resultat::SansAide,
        Resultat::EnAttente,
        Resultat::Resolu,
        Resultat::AttestationImpossibilite,
    ][n % 4];
    if !n.is_multiple_of(5) {
        e.push(ev(
            j,
            TypeEvenement::Ccc,
            Some(Canal::Telephone),
            Some(r),
            None,
            Some((n as u32 * 7) % 90),
        ));
    }
    if n.is_multiple_of(3) {
        e.push(ev(
            j,
            TypeEvenement::Pan,
            None,
            Some(Resultat::RdvIndisponible),
            None,
            None,
        ));
    }
    if n % 4 == 1 {
        e.push(ev(
            j,
            TypeEvenement::Cloture,
            None,
            Some(Resultat::Resolu),
            None,
            None,
        ));
    }
    (p, e)
}

/// Desk `d` holds people d, d+3, d+6…; the union base holds them all.
fn bases(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let union = dir.join("union.db");
    let mut u = ouvrir(&union);
    let mut postes = Vec::new();
    for d in 0..3 {
        let chemin = dir.join(format!("poste{d}.db"));
        let mut s = ouvrir(&chemin);
        for n in (d..90).step_by(3) {
            let (p, e) = gens(n);
            ajouter(&mut s, n, &p, e.clone());
            ajouter(&mut u, n, &p, e);
        }
        postes.push(chemin);
    }
    (postes, union)
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn erreur(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn three_desks_add_up_to_the_union_and_bad_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (postes, union) = bases(dir.path());
    let fed = dir.path().join("fed");
    let rien = dir.path().join("rien.db");
    let o = vigie(
        &rien,
        &["federation", "cles", "--dossier", fed.to_str().unwrap()],
    );
    assert!(ok(&o).contains("age1"));
    let cle = fed.join("federation.cle");
    let public = std::fs::read_to_string(fed.join("federation.pub")).unwrap();
    let public = public.trim();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cle).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never replaced.
    let o = vigie(
        &rien,
        &["federation", "cles", "--dossier", fed.to_str().unwrap()],
    );
    assert!(erreur(&o).contains("existe déjà"));

    let contribution = |db: &Path, mois: &str, poste: &str, nom: &str| {
        let f = dir.path().join(nom);
        let o = vigie(
            db,
            &[
                "export",
                "contribution",
                "--mois",
                mois,
                "--destinataire",
                public,
                "--poste",
                poste,
                "--sortie",
                f.to_str().unwrap(),
            ],
        );
        ok(&o);
        f
    };
    let fichiers: Vec<PathBuf> = postes
        .iter()
        .enumerate()
        .map(|(i, db)| contribution(db, "2026-11", &format!("Poste {i}"), &format!("c{i}.age")))
        .collect();
    // No personal data, and not readable without the key.
    let brut = std::fs::read_to_string(&fichiers[0]).unwrap();
    assert!(brut.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(!brut.contains("Poste") && !brut.contains("personnes_suivies"));

    let agreger = |extra: &[&str], f: &[&PathBuf]| {
        let mut a = vec!["federation", "agreger", "--cle", cle.to_str().unwrap()];
        a.extend_from_slice(extra);
        a.extend(f.iter().map(|p| p.to_str().unwrap()));
        vigie(&rien, &a)
    };
    for par_dep in [false, true] {
        let extra: &[&str] = if par_dep { &["--par-departement"] } else { &[] };
        let o = agreger(extra, &fichiers.iter().collect::<Vec<_>>());
        let err = ok(&o);
        assert!(
            err.contains("3 poste(s)") && err.contains("Poste 0, Poste 1, Poste 2"),
            "{err}"
        );
        let mut a = vec!["export", "stats", "--mois", "2026-11"];
        a.extend_from_slice(extra);
        let attendu = vigie(&union, &a);
        ok(&attendu);
        assert_eq!(
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(attendu.stdout).unwrap(),
            "the federation's table is the union's table"
        );
    }

    // A duplicate desk (the same file twice, or another file of the same desk).
    let o = agreger(&[], &[&fichiers[0], &fichiers[1], &fichiers[0]]);
    let m = erreur(&o);
    assert!(m.contains("le même poste") && m.contains("c0.age"), "{m}");
    let encore = contribution(&postes[0], "2026-11", "Poste 0", "bis.age");
    let m = erreur(&agreger(&[], &[&fichiers[0], &encore]));
    assert!(m.contains("bis.age") && m.contains("c0.age"), "{m}");
    // A wrong period.
    let octobre = contribution(&postes[2], "2026-10", "Poste 2", "oct.age");
    let m = erreur(&agreger(&[], &[&fichiers[0], &octobre]));
    assert!(
        m.contains("périodes différentes") && m.contains("oct.age"),
        "{m}"
    );
    // A wrong key.
    let autre = dir.path().join("autre");
    ok(&vigie(
        &rien,
        &["federation", "cles", "--dossier", autre.to_str().unwrap()],
    ));
    let o = vigie(
        &rien,
        &[
            "federation",
            "agreger",
            "--cle",
            autre.join("federation.cle").to_str().unwrap(),
            fichiers[0].to_str().unwrap(),
        ],
    );
    let m = erreur(&o);
    assert!(m.contains("mauvaise clé") && m.contains("c0.age"), "{m}");
    // A tampered file.
    let altere = dir.path().join("altere.age");
    let mut lignes: Vec<String> = brut.lines().map(String::from).collect();
    let milieu = lignes.len() / 2;
    let l = &mut lignes[milieu];
    let c = if l.starts_with('A') { "B" } else { "A" };
    l.replace_range(0..1, c);
    std::fs::write(&altere, lignes.join("\n") + "\n").unwrap();
    let m = erreur(&agreger(&[], &[&altere]));
    assert!(m.contains("illisible") && m.contains("altere.age"), "{m}");
    // Small thresholds are refused as for a desk's export.
    let m = erreur(&agreger(&["--seuil", "2"], &[&fichiers[0]]));
    assert!(m.contains("au moins 3"), "{m}");
    assert!(
        !rien.exists(),
        "no base is created by the federation commands"
    );
}
