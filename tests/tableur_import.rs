//! End-to-end tests of `vigie import --tableur` (docs/fichiers.md §3b): a desk's real sheet,
//! as `;`/Windows-1252 CSV, `.xlsx` and `.ods`, with French headers, labels, names of
//! départements and no reference column; a bad row refused with its line; a recipe replayed.

mod banc;

use banc::{Banc, erreur, ok};
use vigie::tableur::lecture::Cellule;
use vigie::tableur::modele::{classeur_xlsx, zipper};

/// The realistic sheet of the issue: a title row, `;`, Windows-1252, CRLF, French dates.
fn feuille_cp1252(lignes: &[&str]) -> Vec<u8> {
    let mut texte = String::from("Suivi ANEF permanence 2026;;;\r\n\r\n");
    texte.push_str(
        "Nom;Prénom;Tél.;Département;Démarche;Blocage;Date 1er RDV;Fin du titre;\
         Connaissait le PAN;Commentaire;Suivi par;Date appel CCC;Résultat CCC\r\n",
    );
    for l in lignes {
        texte.push_str(l);
        texte.push_str("\r\n");
    }
    let (octets, _, faute) = encoding_rs::WINDOWS_1252.encode(&texte);
    assert!(!faute);
    octets.into_owned()
}

const L1: &str = "DIALLO;Awa;06 11 22 33 44;Seine-Saint-Denis;Renouvellement;Dépôt impossible;\
                  05/03/2026;30/04/2026;Non;appelle le matin;Lucie;06/03/2026;Sans aide";
const L2: &str = "NGUYEN;Minh;;93200;Première demande;API non renouvelée;5/3/26;;oui;;Marc;;";
const L3: &str = "ÉLOUNDOU;Chloé;0612345678;Gironde;renouvellement;Connexion;12/03/2026;;x;;;;";

fn personnes(b: &Banc) -> String {
    let d = b.racine.join("export");
    ok(&b.vigie(&["export", "donnees", "--dossier", d.to_str().unwrap()]));
    std::fs::read_to_string(d.join("personnes.csv")).unwrap()
}

#[test]
fn semicolon_windows_1252_sheet_imports_in_one_go_after_a_dry_run() {
    let b = Banc::new();
    let f = b.fichier("suivi.csv", feuille_cp1252(&[L1, L2, L3]));
    let o = ok(&b.vigie(&["import", "--tableur", f.to_str().unwrap(), "--essai"]));
    assert!(o.contains("3 personne(s)"), "{o}");
    assert!(o.contains("« Tél. » → telephone"), "{o}");
    assert!(o.contains("« Suivi par » → dans les notes"), "{o}");
    assert!(o.contains("3 références créées"), "{o}");
    assert!(!b.db.exists(), "a dry run creates no database");
    let o = ok(&b.vigie(&["import", "--tableur", f.to_str().unwrap()]));
    assert!(o.contains("Import terminé"), "{o}");
    let p = personnes(&b);
    assert!(p.contains("2026-0001,DIALLO,Awa,,,,06 11 22 33 44,,93,renouvellement,depot_impossible,,2026-03-05,2026-04-30,,non,\"appelle le matin\nSuivi par : Lucie\nDate appel CCC : 06/03/2026\nRésultat CCC : Sans aide\""), "{p}");
    assert!(p.contains("2026-0002,NGUYEN,Minh,,,,,,93,premiere_demande,api_non_renouvelee,,2026-03-05,,,oui,Suivi par : Marc"), "{p}");
    assert!(
        p.contains(
            "2026-0003,ÉLOUNDOU,Chloé,,,,0612345678,,33,renouvellement,connexion,,2026-03-12,,,oui,"
        ),
        "{p}"
    );
    // The same sheet again: the generated references follow the stored ones.
    let o = ok(&b.vigie(&["import", "--tableur", f.to_str().unwrap(), "--essai"]));
    assert!(
        o.contains("2026-0004") || o.contains("3 personne(s)"),
        "{o}"
    );
}

#[test]
fn one_bad_row_is_refused_with_its_line_and_nothing_is_written() {
    let b = Banc::new();
    let bad = "SOW;Adèle;;Atlantide;Renouvellement;Connexion;31/02/2026;;peut-être;;;;";
    let f = b.fichier("suivi.csv", feuille_cp1252(&[L1, bad, L3]));
    let e = erreur(&b.vigie(&["import", "--tableur", f.to_str().unwrap()]));
    assert!(e.contains("suivi.csv:5: Département: Atlantide: "), "{e}");
    assert!(e.contains("suivi.csv:5: Date 1er RDV: 31/02/2026: "), "{e}");
    assert!(
        e.contains("suivi.csv:5: Connaissait le PAN: peut-être: "),
        "{e}"
    );
    assert!(
        !e.contains("suivi.csv:4:") && !e.contains("suivi.csv:6:"),
        "{e}"
    );
    assert!(!b.db.exists(), "a refused import creates no database");
    // Into an existing base: unchanged.
    let g = b.fichier("bon.csv", feuille_cp1252(&[L1]));
    ok(&b.vigie(&["import", "--tableur", g.to_str().unwrap()]));
    let avant = personnes(&b);
    erreur(&b.vigie(&["import", "--tableur", f.to_str().unwrap()]));
    assert_eq!(personnes(&b), avant);
    assert_eq!(b.compter("SELECT count(*) FROM personnes"), 1);
}

#[test]
fn strict_import_of_a_spreadsheet_csv_points_to_tableur_and_creates_no_base() {
    let b = Banc::new();
    let f = b.fichier("suivi.csv", feuille_cp1252(&[L1]));
    let e = erreur(&b.vigie(&["import", "--personnes", f.to_str().unwrap()]));
    assert!(e.contains("vigie import --tableur"), "{e}");
    assert!(!b.db.exists(), "{e}");
    let pv = b.fichier("pv.csv", "reference;nom\nP1;Sow\n");
    let e = erreur(&b.vigie(&["import", "--personnes", pv.to_str().unwrap()]));
    assert!(
        e.contains("points-virgules") && e.contains("vigie import --tableur"),
        "{e}"
    );
    // A refused strict import of a well-formed file with a bad cell creates no base either.
    let p = b.fichier(
        "p.csv",
        format!(
            "{}\nP1,Sow,,,,,,,20,autre,autre,,2026-01-01,,,,\n",
            banc::ENTETE_P_SORTIE
        ),
    );
    erreur(&b.vigie(&["import", "--personnes", p.to_str().unwrap()]));
    assert!(!b.db.exists());
}

fn t(s: &str) -> Cellule {
    Cellule::Texte(s.into())
}

fn d(a: i32, m: u32, j: u32) -> Cellule {
    Cellule::Date(chrono::NaiveDate::from_ymd_opt(a, m, j).unwrap())
}

/// A sheet with typed cells: dates as date cells, the département and phone as numbers.
fn lignes_typees() -> Vec<Vec<Cellule>> {
    vec![
        vec![
            t("Nom de famille"),
            t("Prénom"),
            t("Portable"),
            t("Dép."),
            t("Type de démarche"),
            t("Problème"),
            t("Ouvert le"),
            t("Expiration titre"),
            t("PAN connu"),
            t("Observations"),
        ],
        vec![
            t("Diallo"),
            t("Awa"),
            Cellule::Nombre(611223344.0),
            Cellule::Nombre(93.0),
            t("Renouvellement"),
            t("Dépôt impossible"),
            d(2026, 3, 5),
            d(2026, 4, 30),
            Cellule::Booleen(false),
            t("vu deux fois"),
        ],
        vec![
            t("Nguyen"),
            t("Minh"),
            Cellule::Vide,
            t("Bouches-du-Rhône"),
            t("Duplicata"),
            t("Sans nouvelles"),
            Cellule::Nombre(46090.0),
            Cellule::Vide,
            t("Oui"),
            Cellule::Vide,
        ],
    ]
}

#[test]
fn xlsx_written_by_the_test_imports_with_typed_cells() {
    let b = Banc::new();
    let f = b.fichier(
        "suivi.xlsx",
        classeur_xlsx("Suivi", &lignes_typees()).unwrap(),
    );
    let o = ok(&b.vigie(&["import", "--tableur", f.to_str().unwrap()]));
    assert!(o.contains("Feuille « Suivi »"), "{o}");
    let p = personnes(&b);
    assert!(p.contains("2026-0001,Diallo,Awa,,,,0611223344,,93,renouvellement,depot_impossible,,2026-03-05,2026-04-30,,non,vu deux fois"), "{p}");
    assert!(
        p.contains("2026-0002,Nguyen,Minh,,,,,,13,duplicata,sans_nouvelles,,2026-03-09,,,oui,"),
        "{p}"
    );
    let e = erreur(&b.vigie(&[
        "import",
        "--tableur",
        f.to_str().unwrap(),
        "--feuille",
        "Autre",
    ]));
    assert!(
        e.contains("pas de feuille « Autre »") && e.contains("Suivi"),
        "{e}"
    );
}

/// A minimal OpenDocument spreadsheet of `lignes` (text and date cells).
fn ods(lignes: &[Vec<Cellule>]) -> Vec<u8> {
    let mut corps = String::new();
    for l in lignes {
        corps.push_str("<table:table-row>");
        for c in l {
            match c {
                Cellule::Texte(s) => corps.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{s}</text:p></table:table-cell>"
                )),
                Cellule::Date(x) => corps.push_str(&format!(
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"{x}\"><text:p>{}</text:p></table:table-cell>",
                    x.format("%d/%m/%Y")
                )),
                Cellule::Nombre(n) => corps.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                )),
                _ => corps.push_str("<table:table-cell/>"),
            }
        }
        corps.push_str("</table:table-row>");
    }
    let contenu = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Personnes\">{corps}\
         </table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifeste = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest \
         xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
         </manifest:manifest>";
    zipper(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", contenu.as_bytes()),
        ("META-INF/manifest.xml", manifeste.as_bytes()),
    ])
    .unwrap()
}

#[test]
fn ods_written_by_the_test_imports() {
    let b = Banc::new();
    let f = b.fichier("suivi.ods", ods(&lignes_typees()));
    let o = ok(&b.vigie(&["import", "--tableur", f.to_str().unwrap()]));
    assert!(o.contains("Import terminé"), "{o}");
    let p = personnes(&b);
    assert!(p.contains("2026-0001,Diallo,Awa,,,,0611223344,,93,renouvellement,depot_impossible,,2026-03-05,2026-04-30,"), "{p}");
    assert!(
        p.contains(",Nguyen,Minh,,,,,,13,duplicata,sans_nouvelles,,2026-03-09,"),
        "{p}"
    );
}

#[test]
fn a_password_protected_workbook_is_refused_with_the_fix() {
    let b = Banc::new();
    let mut octets = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    octets.resize(4096, 0);
    let f = b.fichier("protege.xlsx", octets);
    let e = erreur(&b.vigie(&["import", "--tableur", f.to_str().unwrap()]));
    assert!(e.contains("mot de passe"), "{e}");
    assert!(!b.db.exists());
}

#[test]
fn a_recipe_written_then_replayed_on_next_months_sheet_with_events() {
    let b = Banc::new();
    let f = b.fichier("mars.csv", feuille_cp1252(&[L1]));
    let r = b.racine.join("recette.toml");
    ok(&b.vigie(&[
        "import",
        "--tableur",
        f.to_str().unwrap(),
        "--essai",
        "--ecrire-recette",
        r.to_str().unwrap(),
    ]));
    let mut recette = std::fs::read_to_string(&r).unwrap();
    assert!(
        recette.contains("\"Suivi par\" = \"dans_notes\""),
        "{recette}"
    );
    assert!(recette.contains("\"Tél.\" = \"telephone\""), "{recette}");
    assert!(recette.contains("Seine-Saint-Denis = \"93\""), "{recette}");
    // The coordinator edits it: the CCC columns become events, « Suivi par » is dropped.
    recette = recette.replace(
        "\"Suivi par\" = \"dans_notes\"",
        "\"Suivi par\" = \"ignorer\"",
    );
    recette.push_str(
        "\n[[evenements]]\ntype = \"ccc\"\ndate = \"Date appel CCC\"\ncanal = \"formulaire\"\n\
         colonne_resultat = \"Résultat CCC\"\n",
    );
    std::fs::write(&r, recette).unwrap();
    let avril = b.fichier("avril.csv", feuille_cp1252(&[L1, L2]));
    let o = ok(&b.vigie(&[
        "import",
        "--tableur",
        avril.to_str().unwrap(),
        "--recette",
        r.to_str().unwrap(),
    ]));
    assert!(o.contains("(recette)"), "{o}");
    let p = personnes(&b);
    assert!(p.contains("2026-0001,DIALLO,Awa,,,,06 11 22 33 44,,93,renouvellement,depot_impossible,,2026-03-05,2026-04-30,,non,appelle le matin\n"), "{p}");
    assert!(!p.contains("Lucie"), "{p}");
    let ev = std::fs::read_to_string(b.racine.join("export/evenements.csv")).unwrap();
    assert!(
        ev.contains("2026-0001,2026-03-06,ccc,formulaire,sans_aide,,,,"),
        "{ev}"
    );
    assert_eq!(b.compter("SELECT count(*) FROM evenements"), 1);
    // A wrong value in an event column is refused on its row and column.
    let mai = b.fichier(
        "mai.csv",
        feuille_cp1252(&["SY;Ali;;75;Duplicata;Autre;01/05/2026;;;;;02/05/2026;Peut-être"]),
    );
    let e = erreur(&b.vigie(&[
        "import",
        "--tableur",
        mai.to_str().unwrap(),
        "--recette",
        r.to_str().unwrap(),
    ]));
    assert!(e.contains("mai.csv:4: Résultat CCC: Peut-être: "), "{e}");
}

#[test]
fn templates_have_the_french_headers_and_import_back() {
    let b = Banc::new();
    for nom in ["modele.csv", "modele.xlsx"] {
        let m = b.racine.join(nom);
        ok(&b.vigie(&["import", "--modele", m.to_str().unwrap()]));
        let o = ok(&b.vigie(&["import", "--tableur", m.to_str().unwrap(), "--essai"]));
        assert!(o.contains("1 personne(s)"), "{nom}: {o}");
        assert!(
            !o.contains("dans les notes"),
            "{nom}: every header is matched: {o}"
        );
    }
    let csv = std::fs::read(b.racine.join("modele.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFN\xC2\xB0 dossier;Nom;Pr\xC3\xA9nom;"));
    let e = erreur(&b.vigie(&[
        "import",
        "--modele",
        b.racine.join("m.txt").to_str().unwrap(),
    ]));
    assert!(e.contains(".xlsx ou en .csv"), "{e}");
}
