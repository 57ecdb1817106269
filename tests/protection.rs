//! End-to-end tests of data protection through the real binary: right of access
//! (`personne exporter`), erasure (`personne effacer`), retention (`purger`) and backup
//! (`sauvegarde`).

mod banc;

use std::path::{Path, PathBuf};

use banc::{Banc, ENTETE_E, ENTETE_P_SORTIE, erreur, ok};

const DEUX_PERSONNES: (&str, &str) = (
    "P1,Diallo,Awa,06 11 22 33 44,93,renouvellement,depot_impossible,2026-10-01,2026-12-31,,non,- rappeler\n\
     P2,Voisine,Berthe,,75,premiere_demande,connexion,2026-10-01,,,,\n",
    "P1,2026-10-02,ccc,telephone,sans_aide,,T-100,35,\"note, avec virgule\"\n\
     P1,2026-10-05,pan,,rdv_demande,2026-10-15,,,\n\
     P2,2026-10-03,ccc,formulaire,en_attente,,T-999,,\n",
);

// ---------------------------------------------------------------- right of access

#[test]
fn access_export_holds_that_person_only_in_the_import_format() {
    let b = Banc::new();
    b.importer(DEUX_PERSONNES.0, DEUX_PERSONNES.1);
    let d = b.racine.join("acces");
    let o = b.vigie(&[
        "personne",
        "exporter",
        "P1",
        "--dossier",
        d.to_str().unwrap(),
    ]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("données personnelles"));
    let p = std::fs::read_to_string(d.join("personnes.csv")).unwrap();
    let e = std::fs::read_to_string(d.join("evenements.csv")).unwrap();
    let c = std::fs::read_to_string(d.join("chronologie.txt")).unwrap();
    assert_eq!(p.lines().count(), 2, "{p}");
    assert_eq!(p.lines().next(), Some(ENTETE_P_SORTIE));
    assert!(p.contains("P1,Diallo,Awa,,,,06 11 22 33 44,,93,") && p.contains("'- rappeler"));
    assert_eq!(e.lines().next(), Some(ENTETE_E));
    assert_eq!(e.lines().count(), 3, "{e}");
    assert!(e.contains("T-100") && !e.contains("T-999") && !e.contains("P2"));
    assert!(c.contains("Chronologie des démarches — Awa Diallo"));
    assert!(!c.contains("Voisine") && !p.contains("Voisine"));
    // The files are the full export's rows for P1: they import back as they are.
    let b2 = Banc::new();
    let o = b2.vigie(&[
        "import",
        "--personnes",
        d.join("personnes.csv").to_str().unwrap(),
        "--evenements",
        d.join("evenements.csv").to_str().unwrap(),
    ]);
    ok(&o);
    let d2 = b2.racine.join("complet");
    ok(&b2.vigie(&["export", "donnees", "--dossier", d2.to_str().unwrap()]));
    assert_eq!(
        std::fs::read_to_string(d2.join("personnes.csv")).unwrap(),
        p
    );
    assert_eq!(
        std::fs::read_to_string(d2.join("evenements.csv")).unwrap(),
        e
    );
    // The access is journalled.
    assert_eq!(
        b.compter("SELECT count(*) FROM journal WHERE action = 'export_personne' AND reference = 'P1' AND benevole = 'Camille Testeuse'"),
        1
    );
    let err = erreur(&b.vigie(&["personne", "exporter", "NON", "--dossier", "y"]));
    assert!(err.contains("aucune personne"), "{err}");
}

// ---------------------------------------------------------------- erasure

#[test]
fn erasure_needs_confirmation_then_removes_everything_and_journals_it() {
    let b = Banc::new();
    b.importer(DEUX_PERSONNES.0, DEUX_PERSONNES.1);
    // Not on a terminal and no --oui: refused, nothing changed.
    let err = erreur(&b.vigie(&["personne", "effacer", "P1"]));
    assert!(err.contains("--oui"), "{err}");
    assert_eq!(b.compter("SELECT count(*) FROM personnes"), 2);
    assert_eq!(b.compter("SELECT count(*) FROM evenements"), 3);
    let err = erreur(&b.vigie(&["personne", "effacer", "P9", "--oui"]));
    assert!(
        err.contains("aucune personne") && err.contains("P9"),
        "{err}"
    );

    let sortie = ok(&b.vigie(&["personne", "effacer", "P1", "--oui"]));
    assert!(
        sortie.contains("P1") && sortie.contains("2 événement"),
        "{sortie}"
    );
    assert_eq!(
        b.compter("SELECT count(*) FROM personnes WHERE reference = 'P1'"),
        0
    );
    assert_eq!(b.compter("SELECT count(*) FROM evenements"), 1);
    assert_eq!(
        b.compter("SELECT count(*) FROM personnes WHERE reference = 'P2'"),
        1
    );
    let (qui, reference, detail): (String, String, String) = b
        .sql()
        .query_row(
            "SELECT benevole, reference, detail FROM journal WHERE action = 'effacement_personne'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (qui.as_str(), reference.as_str()),
        ("Camille Testeuse", "effacé")
    );
    // No line of the journal holds the erased reference.
    assert_eq!(
        b.compter("SELECT count(*) FROM journal WHERE reference = 'P1'"),
        0
    );
    assert!(!detail.contains("Diallo"));
    // No line of the journal holds the erased name.
    assert_eq!(
        b.compter(
            "SELECT count(*) FROM journal WHERE detail LIKE '%Diallo%' OR detail LIKE '%Awa%'"
        ),
        0
    );
    let octets = fichiers_base(&b.db);
    assert!(
        !contient(&octets, "Diallo"),
        "le nom effacé reste dans le fichier"
    );
}

// ---------------------------------------------------------------- retention

fn fichiers_base(db: &Path) -> Vec<u8> {
    let mut v = std::fs::read(db).unwrap();
    for suffixe in ["-wal", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffixe);
        if let Ok(x) = std::fs::read(PathBuf::from(p)) {
            v.extend(x);
        }
    }
    v
}

fn contient(octets: &[u8], motif: &str) -> bool {
    octets.windows(motif.len()).any(|w| w == motif.as_bytes())
}

type LignePersonne = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);
type Identite = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);
type LigneEvenement = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

/// Everything the statistics (docs/fichiers.md §4) read, person by person, without identity.
fn ce_que_lisent_les_stats(b: &Banc) -> (Vec<LignePersonne>, Vec<Vec<LigneEvenement>>) {
    let c = b.sql();
    let mut st = c
        .prepare(
            "SELECT id, departement, demarche, blocage, ouvert_le, titre_expire_le, \
             api_expire_le, pan_connu FROM personnes ORDER BY id",
        )
        .unwrap();
    let lignes: Vec<(i64, LignePersonne)> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                (
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ),
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut evenements = Vec::new();
    for (id, _) in &lignes {
        let mut st = c
            .prepare(
                "SELECT date, type, canal, resultat, echeance, attente_minutes FROM evenements \
                 WHERE personne_id = ?1 ORDER BY date, id",
            )
            .unwrap();
        evenements.push(
            st.query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap(),
        );
    }
    (lignes.into_iter().map(|x| x.1).collect(), evenements)
}

#[test]
fn purge_anonymizes_old_closed_files_keeps_statistics_and_leaves_no_trace() {
    let b = Banc::new();
    b.importer(
        // Closed long ago: purged.
        "A1,Zebulonnom,Zephirine,0611223344,93,renouvellement,depot_impossible,2025-01-02,2025-03-01,2025-06-01,non,Notesecrete\n\
         A2,Xavierenom,Ximena,0699887766,2A,premiere_demande,connexion,2025-02-01,,,oui,\n\
         B1,Gardee,Recente,,33,renouvellement,connexion,2025-01-02,,,,garder\n\
         C1,Ouverte,Ancienne,,33,autre,autre,2025-01-02,,,,\n\
         D1,Rouverte,Apres,,75,duplicata,autre,2025-01-02,,,,\n",
        "A1,2025-01-02,ccc,telephone,sans_aide,,TICKETSECRET,42,Noteevenement\n\
         A1,2025-02-01,recommande,,envoye,2025-03-01,ARSECRET,,\n\
         A1,2025-05-01,cloture,,resolu,,,,\n\
         A1,2025-05-03,visite,,,,,,visite apres\n\
         A2,2025-02-02,pan,,rdv_indisponible,,,,\n\
         A2,2025-03-01,cloture,,abandon,,,,\n\
         B1,2025-03-01,cloture,,resolu,,,,\n\
         B1,2026-02-01,visite,,,,,,\n\
         C1,2025-03-01,ccc,formulaire,en_attente,,T-C1,,\n\
         D1,2025-03-01,cloture,,perdu_de_vue,,,,\n\
         D1,2025-04-01,ccc,formulaire,sans_reponse,,T-D1,,\n",
    );
    let avant = ce_que_lisent_les_stats(&b);
    assert!(contient(&fichiers_base(&b.db), "Zebulonnom"));
    // Not on a terminal and no --oui: refused, nothing changed.
    let err = erreur(&b.vigie(&["purger", "--avant", "2026-01-01"]));
    assert!(err.contains("--oui"), "{err}");
    assert_eq!(
        b.compter("SELECT count(*) FROM personnes WHERE nom = 'anonyme'"),
        0
    );
    let err = erreur(&b.vigie(&["purger", "--avant", "2026-13-01", "--oui"]));
    assert!(err.contains("date invalide"), "{err}");

    let sortie = ok(&b.vigie(&["purger", "--avant", "01/01/2026", "--oui"]));
    assert!(sortie.contains("2 dossier(s) anonymisé(s)"), "{sortie}");
    assert_eq!(
        ce_que_lisent_les_stats(&b),
        avant,
        "les statistiques ont changé"
    );

    let c = b.sql();
    let mut st = c
        .prepare("SELECT id, reference, nom, prenom, telephone, notes FROM personnes ORDER BY id")
        .unwrap();
    let personnes: Vec<Identite> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, reference, nom, prenom, tel, notes) in &personnes[..2] {
        assert_eq!(reference, &format!("ANON-{id}"));
        assert_eq!(nom, "anonyme");
        assert_eq!((prenom, tel, notes), (&None, &None, &None));
    }
    let gardees: Vec<&str> = personnes[2..].iter().map(|p| p.1.as_str()).collect();
    assert_eq!(gardees, ["B1", "C1", "D1"]);
    assert_eq!(
        b.compter(
            "SELECT count(*) FROM evenements e JOIN personnes p ON p.id = e.personne_id \
                   WHERE p.nom = 'anonyme' AND (e.notes IS NOT NULL OR e.ticket IS NOT NULL)"
        ),
        0
    );
    assert_eq!(
        b.compter("SELECT count(*) FROM evenements WHERE ticket = 'T-D1'"),
        1
    );
    // The journal: one purge line, and no old reference left.
    assert_eq!(
        b.compter(
            "SELECT count(*) FROM journal WHERE action = 'purge' AND benevole = 'Camille Testeuse'"
        ),
        1
    );
    assert_eq!(
        b.compter("SELECT count(*) FROM journal WHERE reference IN ('A1', 'A2')"),
        0
    );
    // Search finds nobody by the old name.
    assert_eq!(
        b.compter("SELECT count(*) FROM personnes WHERE recherche LIKE '%zebulon%'"),
        0
    );
    drop(st);
    drop(c);
    // No purged text remains anywhere in the files.
    let octets = fichiers_base(&b.db);
    for secret in [
        "Zebulonnom",
        "Zephirine",
        "0611223344",
        "Notesecrete",
        "TICKETSECRET",
        "ARSECRET",
        "Noteevenement",
        "Xavierenom",
        "Ximena",
        "0699887766",
    ] {
        assert!(!contient(&octets, secret), "{secret} reste dans la base");
    }
    assert!(contient(&octets, "Gardee"));
    // A second purge has nothing left to do.
    let sortie = ok(&b.vigie(&["purger", "--avant", "2026-01-01", "--oui"]));
    assert!(sortie.contains("rien à anonymiser"), "{sortie}");
    assert_eq!(ce_que_lisent_les_stats(&b), avant);
}

// ---------------------------------------------------------------- backup

#[test]
fn backup_of_an_encrypted_base_opens_with_the_same_passphrase_only() {
    let b = Banc::chiffre();
    b.importer(DEUX_PERSONNES.0, DEUX_PERSONNES.1);
    let copie = b.racine.join("copie.db");
    let sortie = ok(&b.vigie(&["sauvegarde", "--sortie", copie.to_str().unwrap()]));
    assert!(sortie.contains("chiffrée"), "{sortie}");
    let octets = std::fs::read(&copie).unwrap();
    assert!(!octets.starts_with(b"SQLite format 3"));
    assert!(!contient(&octets, "Diallo"));
    // Same passphrase: the same people.
    let liste = ok(&banc::commande(&copie, b.phrase)
        .args(["aujourdhui", "--tous"])
        .output()
        .unwrap());
    assert!(liste.contains("P1") && liste.contains("P2"), "{liste}");
    // Another passphrase, or none: refused.
    let err = erreur(
        &banc::commande(&copie, Some("une autre phrase"))
            .args(["aujourdhui"])
            .output()
            .unwrap(),
    );
    assert!(err.contains("phrase secrète incorrecte"), "{err}");
    let err = erreur(
        &banc::commande(&copie, None)
            .args(["aujourdhui"])
            .output()
            .unwrap(),
    );
    assert!(err.contains("chiffrée"), "{err}");
    // Never overwrites.
    let octets = std::fs::read(&copie).unwrap();
    let err = erreur(&b.vigie(&["sauvegarde", "--sortie", copie.to_str().unwrap()]));
    assert!(err.contains("existe déjà"), "{err}");
    assert!(
        std::fs::read(&copie).unwrap() == octets,
        "la copie a été modifiée"
    );
}

#[test]
fn backup_of_a_plain_base_is_a_plain_vigie_base() {
    let b = Banc::new();
    b.importer(DEUX_PERSONNES.0, DEUX_PERSONNES.1);
    let copie = b.racine.join("copie.db");
    let sortie = ok(&b.vigie(&["sauvegarde", "--sortie", copie.to_str().unwrap()]));
    assert!(sortie.contains("pas chiffrée"), "{sortie}");
    let d = b.racine.join("export");
    ok(&banc::commande(&copie, None)
        .args(["export", "donnees", "--dossier", d.to_str().unwrap()])
        .output()
        .unwrap());
    let p = std::fs::read_to_string(d.join("personnes.csv")).unwrap();
    assert_eq!(p.lines().count(), 3);
    let err = erreur(&b.vigie(&[
        "sauvegarde",
        "--sortie",
        b.racine.join("absent/c.db").to_str().unwrap(),
    ]));
    assert!(err.contains("absent"), "{err}");
}

// ---------------------------------------------------------------- confirmation on a terminal

#[test]
#[cfg_attr(
    not(vigie_script),
    ignore = "script (util-linux) absent : installez-le pour ce test"
)]
fn on_a_terminal_erasure_and_purge_ask_first() {
    let b = Banc::new();
    b.importer(
        DEUX_PERSONNES.0,
        &format!("{}P2,2025-01-05,cloture,,abandon,,,,\n", DEUX_PERSONNES.1)
            .replace("P2,2026-10-03", "P2,2025-01-03"),
    );
    let o = banc::sur_terminal(&b, "personne effacer P1", "P2\n");
    let tout = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success(), "{tout}");
    assert!(tout.contains("Tapez la référence pour confirmer"), "{tout}");
    assert!(
        tout.contains("Awa Diallo") && tout.contains("annulé"),
        "{tout}"
    );
    assert_eq!(b.compter("SELECT count(*) FROM personnes"), 2);

    let o = banc::sur_terminal(&b, "personne effacer P1", "P1\n");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        b.compter("SELECT count(*) FROM personnes WHERE reference = 'P1'"),
        0
    );

    let o = banc::sur_terminal(&b, "purger --avant 2026-01-01", "non\n");
    let tout = String::from_utf8_lossy(&o.stdout);
    assert!(
        !o.status.success() && tout.contains("Anonymiser 1 dossier(s)"),
        "{tout}"
    );
    assert_eq!(
        b.compter("SELECT count(*) FROM personnes WHERE nom = 'anonyme'"),
        0
    );
    let o = banc::sur_terminal(&b, "purger --avant 2026-01-01", "oui\n");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        b.compter("SELECT count(*) FROM personnes WHERE nom = 'anonyme'"),
        1
    );
}
