//! Control characters (docs/fichiers.md §1): refused on every way in, with their line and
//! column, and made visible and inert on every way out — even in data stored before the
//! check existed, which could otherwise clear the screen, set the terminal title or write
//! the volunteer's clipboard (OSC 52).

mod banc;
mod tui_commun;

use banc::{Banc, ENTETE_E, ENTETE_P};
use std::process::Output;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement, parse_date,
};
use vigie::store::LigneCorrection;

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// No ESC, BEL, C1 or any other control character but LF in `octets`.
fn inerte(octets: &[u8], quoi: &str) {
    let texte = String::from_utf8_lossy(octets);
    let interdits: Vec<char> = texte
        .chars()
        .filter(|c| *c != '\n' && (c.is_control()))
        .collect();
    assert!(
        interdits.is_empty(),
        "{quoi}: control characters {interdits:?} in {texte:?}"
    );
}

fn echec(o: &Output) -> String {
    assert!(
        !o.status.success(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    inerte(&o.stderr, "stderr");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const PERSONNE_OK: &str =
    "P1,Diallo,Awa,,33,renouvellement,depot_impossible,2026-10-01,2026-12-31,,non,\n";

#[test]
fn an_import_with_an_escape_is_refused_where_it_is_and_writes_nothing() {
    let b = Banc::new();
    b.importer(
        PERSONNE_OK,
        "P1,2026-10-02,ccc,formulaire,en_attente,,T-1,,\n",
    );
    let avant = (
        b.compter("SELECT count(*) FROM personnes"),
        b.compter("SELECT count(*) FROM evenements"),
    );
    // A name setting the terminal title, a note clearing the screen (C1 CSI), a ticket
    // writing the clipboard.
    let personnes = format!(
        "{ENTETE_P}\n\
         P2,Sow\u{1b}]0;pwn\u{7},Binta,,75,autre,autre,2026-10-01,,,,\n\
         P3,Ba,,,75,autre,autre,2026-10-01,,,,\"ok\tavec\r\nligne \u{9b}2J\"\n\
         P4,Fall,,,75,autre,autre,2026-10-01,,,,\"a\tb\r\nc\nd\"\n"
    );
    let evenements = format!(
        "{ENTETE_E}\n\
         P1,2026-10-03,ccc,telephone,sans_aide,,\u{1b}]52;c;SGVsbG8=\u{7},12,\n\
         P1,2026-10-04,visite,,,,,,\"note \u{7f}\"\n"
    );
    let o = b.importer_csv(Some(&personnes), Some(&evenements));
    let e = echec(&o);
    for attendu in [
        "personnes.csv:2: nom: Sow␛]0;pwn␇: caractère de contrôle interdit (U+001B, affiché ␛) en position 4",
        "personnes.csv:3: notes: ",
        "(U+009B, affiché \\u{9b}) en position 16",
        "evenements.csv:2: ticket: ␛]52;c;SGVsbG8=␇: caractère de contrôle interdit (U+001B",
        "evenements.csv:3: notes: note ␡: caractère de contrôle interdit (U+007F",
    ] {
        assert!(e.contains(attendu), "{attendu:?} not in:\n{e}");
    }
    // TAB and line breaks in notes are not errors (P4 is not listed).
    assert!(!e.contains("personnes.csv:4"), "{e}");
    let apres = (
        b.compter("SELECT count(*) FROM personnes"),
        b.compter("SELECT count(*) FROM evenements"),
    );
    assert_eq!(avant, apres);
}

#[test]
fn a_correction_with_an_escape_is_refused_typed_or_imported() {
    let b = Banc::new();
    b.importer(PERSONNE_OK, "");
    let o = b.vigie(&[
        "prefecture",
        "corriger",
        "33",
        "--champ",
        "note",
        "--valeur",
        "appeler \u{1b}[2J le matin",
    ]);
    assert!(echec(&o).contains("U+001B"));
    let o = b.vigie(&[
        "prefecture",
        "corriger",
        "33",
        "--champ",
        "pan",
        "--valeur",
        "dedie",
        "--source",
        "standard\u{7}",
    ]);
    assert!(echec(&o).contains("source"));
    let f = b.fichier(
        "corrections.csv",
        "departement,champ,valeur,verifie_le,source,auteur,saisi_le\n\
         33,pan,dedie,2026-11-12,appel,Awa,2026-11-12 10:00:00\n\
         33,adresse,\"2 esplanade\u{1b}]52;c;eA==\u{7}\",2026-11-12,,Awa,2026-11-12 10:00:00\n\
         33,site,https://x.fr,2026-11-12,,Awa\u{9b}31m,2026-11-12 10:00:00\n",
    );
    let o = b.vigie(&["prefecture", "importer-corrections", f.to_str().unwrap()]);
    let e = echec(&o);
    assert!(
        e.contains("corrections.csv:3: valeur: 2 esplanade␛]52;c;eA==␇"),
        "{e}"
    );
    assert!(
        e.contains("corrections.csv:4: auteur: Awa\\u{9b}31m"),
        "{e}"
    );
    assert_eq!(b.compter("SELECT count(*) FROM corrections_prefecture"), 0);
}

/// A person, an event and préfecture corrections stored with escape sequences, as data
/// entered before the check would be (written through the store, which does not check).
fn banc_ancien() -> Banc {
    let b = Banc::new();
    let mut s = b.store();
    let jour = |t: &str| parse_date(t).unwrap();
    let p = Personne {
        id: None,
        reference: "P1".into(),
        nom: "Diallo\u{1b}]0;pwn\u{7}".into(),
        prenom: Some("Awa\u{1b}[2J\u{9b}H".into()),
        telephone: Some("06\u{1b}]52;c;SGVsbG8=\u{7}".into()),
        departement: Departement::depuis_code("33").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::DepotImpossible,
        ouvert_le: jour("2026-10-01"),
        titre_expire_le: Some(jour("2026-12-31")),
        api_expire_le: None,
        pan_connu: Some(false),
        notes: Some("note\u{1b}[31m\u{85}".into()),
        captures: Some(2),
        identite: Default::default(),
        version: 1,
    };
    let id = s.creer_personne(&p).unwrap();
    let mut e = Evenement::nouveau(TypeEvenement::Ccc, jour("2026-10-02"));
    e.canal = Some(Canal::Formulaire);
    e.resultat = Some(Resultat::SansAide);
    e.ticket = Some("T-1\u{1b}]52;c;cGF3bg==\u{7}".into());
    e.notes = Some("\u{1b}P\u{9d}".into());
    s.ajouter_evenement(id, &e).unwrap();
    for (champ, valeur) in [
        ("adresse", "2 esplanade\u{1b}]0;x\u{7} Charles-de-Gaulle"),
        ("note", "guichet \u{1b}[5mfermé\u{9b}0m le lundi"),
    ] {
        let l = LigneCorrection {
            departement: Departement::depuis_code("33").unwrap(),
            champ: champ.into(),
            valeur: valeur.into(),
            verifie_le: jour("2026-11-12"),
            source: "appel\u{1b}[8m".into(),
            auteur: "Awa\u{7}".into(),
            saisi_le: "2026-11-12 10:00:00".into(),
        };
        s.ecrire(|tx, _| tx.inserer_correction(&l)).unwrap();
    }
    b
}

#[test]
fn old_data_with_escapes_is_printed_harmless_by_every_plain_text_command() {
    let b = banc_ancien();
    for (args, attendus) in [
        (
            &["aujourdhui", "--tous"][..],
            &["Awa␛[2J\\u{9b}H Diallo␛]0;pwn␇"][..],
        ),
        (
            &["lettre", "P1"][..],
            &["Diallo␛]0;pwn␇", "T-1␛]52;c;cGF3bg==␇", "esplanade␛]0;x␇"][..],
        ),
        (
            &["chronologie", "P1"][..],
            &["Diallo␛]0;pwn␇", "T-1␛]52;c;cGF3bg==␇"][..],
        ),
        (
            &["prefecture", "33"][..],
            &["esplanade␛]0;x␇", "␛[5mfermé\\u{9b}0m", "Awa␇"][..],
        ),
    ] {
        let o = b.vigie(args);
        let t = stdout(&o);
        inerte(&o.stdout, args[0]);
        inerte(&o.stderr, args[0]);
        for a in attendus {
            assert!(t.contains(a), "{args:?}: {a:?} not in:\n{t}");
        }
    }
    // Written to a file, the letter is just as harmless (`cat lettre.txt`).
    let f = b.racine.join("lettre.txt");
    let o = b.vigie(&["lettre", "P1", "--sortie", f.to_str().unwrap()]);
    assert!(o.status.success());
    inerte(&std::fs::read(&f).unwrap(), "lettre.txt");
}

/// Every cell of a whole screen: no control character reaches the terminal, and the signs
/// that replace them are there for the volunteer to see.
fn ecran(app: &mut vigie::tui::app::App) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let (l, h) = (120, 40);
    let mut term = Terminal::new(TestBackend::new(l, h)).unwrap();
    vigie::tui::vue::cadrer(app, l, h);
    term.draw(|f| vigie::tui::vue::dessiner(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..l {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn old_data_with_escapes_is_shown_harmless_in_the_tui() {
    use ratatui::crossterm::event::KeyCode;
    use tui_commun::{app, taper, touche};
    let b = banc_ancien();
    let mut store = b.store();
    let mut a = app(&store);
    taper(&mut a, &mut store, &[touche(KeyCode::Char('t'))]);
    let liste = ecran(&mut a);
    inerte(liste.as_bytes(), "list");
    assert!(liste.contains("␛]0;pwn␇"), "{liste}");
    taper(&mut a, &mut store, &[touche(KeyCode::Enter)]);
    let fiche = ecran(&mut a);
    inerte(fiche.as_bytes(), "file");
    for attendu in ["Diallo␛]0;pwn␇", "T-1␛]52;c;cGF3bg==␇", "note␛[31m\\u{85}"] {
        assert!(fiche.contains(attendu), "{attendu:?} not in:\n{fiche}");
    }
}

#[test]
fn exports_of_old_data_hold_no_control_character_and_import_again() {
    let b = banc_ancien();
    let d = b.racine.join("export");
    let o = b.vigie(&["export", "donnees", "--dossier", d.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let f = b.racine.join("corrections.csv");
    let o = b.vigie(&["prefecture", "exporter-corrections", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for chemin in [d.join("personnes.csv"), d.join("evenements.csv"), f.clone()] {
        let octets = std::fs::read(&chemin).unwrap();
        inerte(&octets, &chemin.display().to_string());
    }
    let personnes = std::fs::read_to_string(d.join("personnes.csv")).unwrap();
    assert!(personnes.contains("Diallo␛]0;pwn␇"), "{personnes}");
    // The cleaned files are valid input for another desk.
    let autre = Banc::new();
    let o = autre.vigie(&[
        "import",
        "--personnes",
        d.join("personnes.csv").to_str().unwrap(),
        "--evenements",
        d.join("evenements.csv").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = autre.vigie(&["prefecture", "importer-corrections", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        autre.compter("SELECT count(*) FROM corrections_prefecture"),
        2
    );
}
