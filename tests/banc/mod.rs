//! Shared harness of the end-to-end tests: a temporary folder with a database path, the real
//! binary run with a fixed volunteer and date (no inherited database, passphrase or stdin), CSV
//! files with the docs/fichiers.md headers, and the store opened directly.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use vigie::store::{Ouverture, Store};

/// Header of the people file (docs/fichiers.md §1).
pub const ENTETE_P: &str = "reference,nom,prenom,telephone,departement,demarche,blocage,ouvert_le,titre_expire_le,api_expire_le,pan_connu,notes";
/// Header of the people file as every export writes it (docs/fichiers.md §1, all columns).
pub const ENTETE_P_SORTIE: &str = "reference,nom,prenom,date_naissance,nationalite,numero_etranger,telephone,adresse,departement,demarche,blocage,captures,ouvert_le,titre_expire_le,api_expire_le,pan_connu,notes";

/// Rows written with `ENTETE_P` (twelve columns), as an export writes them: the header
/// `ENTETE_P_SORTIE`, and empty cells for the columns the rows do not have.
pub fn sortie_personnes(lignes: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(ENTETE_P_SORTIE.split(',')).unwrap();
    for l in lignes {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(l.as_bytes());
        let c: Vec<String> = r
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(String::from)
            .collect();
        assert_eq!(c.len(), 12, "{l}");
        let v = [
            &c[0], &c[1], &c[2], "", "", "", &c[3], "", &c[4], &c[5], &c[6], "", &c[7], &c[8],
            &c[9], &c[10], &c[11],
        ];
        w.write_record(v).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}
/// Header of the events file (docs/fichiers.md §2).
pub const ENTETE_E: &str =
    "reference,date,type,canal,resultat,echeance,ticket,attente_minutes,notes";
/// The volunteer the binary runs as, unless a test sets `VIGIE_BENEVOLE` again.
pub const BENEVOLE: &str = "Camille Testeuse";
/// Today for the binary, unless a test sets `VIGIE_DATE` again.
pub const JOUR: &str = "2026-11-23";
/// The passphrase of `Banc::chiffre`.
pub const PHRASE: &str = "phrase secrète de test";

/// The real binary, without arguments, in the test environment: `HOME` and every `XDG_*`
/// folder pinned inside `dossier` (never the developer's own configuration), no inherited
/// database, passphrase or stdin. A later `.env(..)` overrides.
pub fn binaire(dossier: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    epingler(&mut c, dossier);
    c.env("VIGIE_BENEVOLE", BENEVOLE)
        .env("VIGIE_DATE", JOUR)
        .env_remove("VIGIE_PASSPHRASE")
        .env_remove("VIGIE_DB")
        .stdin(Stdio::null());
    c
}

/// Pins `HOME` and the XDG folders of `c` to `dossier/maison` (created), so a command never
/// reads or writes the developer's own files.
pub fn epingler(c: &mut Command, dossier: &Path) {
    let maison = dossier.join("maison");
    for (variable, sous) in [
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_RUNTIME_DIR", "run"),
    ] {
        let d = maison.join(sous);
        std::fs::create_dir_all(&d).unwrap();
        c.env(variable, d);
    }
    c.env("HOME", &maison);
}

/// The binary on `db`: encrypted with `phrase` (given in the environment), or
/// `--sans-chiffrement` without one. Arguments added next come after `--db <db>`.
pub fn commande(db: &Path, phrase: Option<&str>) -> Command {
    // The nearest existing folder above the database (a test may give a path whose parent
    // is a file, or does not exist yet); always inside the test's temporary folder.
    let dossier = db
        .ancestors()
        .skip(1)
        .find(|d| d.is_dir() && !d.as_os_str().is_empty())
        .expect("the test database lives in a temporary folder");
    let mut c = binaire(dossier);
    match phrase {
        Some(p) => {
            c.env("VIGIE_PASSPHRASE", p);
        }
        None => {
            c.arg("--sans-chiffrement");
        }
    }
    c.arg("--db").arg(db);
    c
}

/// Runs the binary on a plain database `db`.
pub fn vigie(db: &Path, args: &[&str]) -> Output {
    commande(db, None).args(args).output().unwrap()
}

/// Opens the store directly.
pub fn ouvrir(chemin: &Path, phrase: Option<&str>, benevole: &str) -> Store {
    Store::ouvrir(&Ouverture {
        chemin: chemin.to_path_buf(),
        phrase: phrase.map(str::to_string),
        sans_chiffrement: phrase.is_none(),
        benevole: benevole.into(),
    })
    .unwrap()
}

/// A temporary folder (`racine`) holding the database `x.db`, plain or encrypted.
pub struct Banc {
    _dossier: tempfile::TempDir,
    pub racine: PathBuf,
    pub db: PathBuf,
    pub phrase: Option<&'static str>,
}

impl Banc {
    pub fn new() -> Self {
        let dossier = tempfile::tempdir().unwrap();
        let racine = dossier.path().to_path_buf();
        Banc {
            db: racine.join("x.db"),
            racine,
            _dossier: dossier,
            phrase: None,
        }
    }

    /// A bench whose database is encrypted with `PHRASE`.
    pub fn chiffre() -> Self {
        Banc {
            phrase: Some(PHRASE),
            ..Banc::new()
        }
    }

    /// The binary on this bench's database.
    pub fn commande(&self) -> Command {
        commande(&self.db, self.phrase)
    }

    pub fn vigie(&self, args: &[&str]) -> Output {
        self.vigie_db(&self.db, args)
    }

    /// Runs the binary on another database, with this bench's passphrase.
    pub fn vigie_db(&self, db: &Path, args: &[&str]) -> Output {
        commande(db, self.phrase).args(args).output().unwrap()
    }

    /// Writes `contenu` to `nom` in the folder; returns its path.
    pub fn fichier(&self, nom: &str, contenu: impl AsRef<[u8]>) -> PathBuf {
        let p = self.racine.join(nom);
        std::fs::write(&p, contenu).unwrap();
        p
    }

    /// `vigie import` of the given files (written as is to personnes.csv / evenements.csv).
    pub fn importer_csv(&self, personnes: Option<&str>, evenements: Option<&str>) -> Output {
        let mut args: Vec<String> = vec!["import".into()];
        if let Some(p) = personnes {
            args.push("--personnes".into());
            args.push(self.fichier("personnes.csv", p).display().to_string());
        }
        if let Some(e) = evenements {
            args.push("--evenements".into());
            args.push(self.fichier("evenements.csv", e).display().to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.vigie(&args)
    }

    /// Imports rows given without their header (written to p.csv / e.csv); must succeed.
    pub fn importer(&self, personnes: &str, evenements: &str) {
        let p = self.fichier("p.csv", format!("{ENTETE_P}\n{personnes}"));
        let e = self.fichier("e.csv", format!("{ENTETE_E}\n{evenements}"));
        let o = self.vigie(&[
            "import",
            "--personnes",
            p.to_str().unwrap(),
            "--evenements",
            e.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    /// The store opened directly, as `BENEVOLE`.
    pub fn store(&self) -> Store {
        ouvrir(&self.db, self.phrase, BENEVOLE)
    }

    /// A raw SQL connection to the database (keyed when encrypted).
    pub fn sql(&self) -> rusqlite::Connection {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        if let Some(p) = self.phrase {
            c.pragma_update(None, "key", p).unwrap();
        }
        c
    }

    /// The single integer a query returns.
    pub fn compter(&self, requete: &str) -> i64 {
        self.sql().query_row(requete, [], |r| r.get(0)).unwrap()
    }
}

/// Runs the binary on `b`'s database on a pseudo-terminal (through `script`, util-linux), with
/// `args` after `--db` (and `--sans-chiffrement` on a plain bench), typing `saisie`: what a
/// volunteer types at a prompt. No passphrase in the environment (it is typed too).
pub fn sur_terminal(b: &Banc, args: &str, saisie: &str) -> Output {
    use std::io::Write;
    let commande = format!(
        "{} {}--db {} {args}",
        env!("CARGO_BIN_EXE_vigie"),
        if b.phrase.is_none() {
            "--sans-chiffrement "
        } else {
            ""
        },
        b.db.display()
    );
    let mut script = Command::new("script");
    epingler(&mut script, &b.racine);
    let mut enfant = script
        .args(["-qec", &commande, "/dev/null"])
        .env("VIGIE_BENEVOLE", BENEVOLE)
        .env("VIGIE_DATE", JOUR)
        .env_remove("VIGIE_PASSPHRASE")
        .env_remove("VIGIE_NOUVELLE_PHRASE")
        .env_remove("VIGIE_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux)");
    enfant
        .stdin
        .take()
        .expect("stdin")
        .write_all(saisie.as_bytes())
        .expect("typing");
    enfant.wait_with_output().expect("script")
}

/// Asserts the command succeeded (showing what it said if not); returns its stdout.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "échec inattendu : {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Asserts the command failed (showing its stdout if not); returns its stderr.
pub fn erreur(o: &Output) -> String {
    assert!(
        !o.status.success(),
        "succès inattendu : {}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}
