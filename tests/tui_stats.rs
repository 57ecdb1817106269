//! The statistics screen: snapshot of the whole 80×24 buffer on the fixture, keys, export.

mod commun;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vigie::store::Store;
use vigie::tui::effets::piloter;
use vigie::tui::stats::EcranStats;
use vigie::tui::{Panneau, Reponse};

/// One key, its effects (computation, export) run by the executor as the application does.
fn touche(e: &mut EcranStats, s: &mut Store, code: KeyCode) -> Reponse {
    let reponse = e.touche(KeyEvent::new(code, KeyModifiers::NONE));
    piloter(e, reponse, s)
}

/// Computes the figures as the application does on opening.
fn actualiser(e: &mut EcranStats, s: &mut Store) {
    let effet = e
        .recharger()
        .expect("the statistics are computed on opening");
    piloter(e, Reponse::Effet(effet), s);
}

fn ecran(e: &mut EcranStats) -> (Vec<String>, (u16, u16)) {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| e.dessiner(f, f.area())).unwrap();
    let buf = term.backend().buffer().clone();
    let lignes = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect();
    let pos = term.get_cursor_position().unwrap();
    (lignes, (pos.x, pos.y))
}

fn ouvrir() -> (tempfile::TempDir, Store, EcranStats) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = commun::fixture(&dir.path().join("t.db"));
    let mut e = EcranStats::nouveau(commun::d("2026-12-02"));
    actualiser(&mut e, &mut s);
    (dir, s, e)
}

fn taper(e: &mut EcranStats, s: &mut Store, texte: &str) {
    for c in texte.chars() {
        touche(e, s, KeyCode::Char(c));
    }
}

fn effacer(e: &mut EcranStats, s: &mut Store) {
    let reponse = e.touche(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    piloter(e, reponse, s);
}

#[test]
fn snapshot_last_month_ensemble() {
    let (_dir, mut s, mut e) = ouvrir();
    touche(&mut e, &mut s, KeyCode::Char('p'));
    let (lignes, curseur) = ecran(&mut e);
    let attendu = [
        "┌ Statistiques ────────────────────────────────────────────────────────────────┐",
        "│( ) ce mois  (•) mois dernier  ( ) année  ( ) dates                           │",
        "│Période : du 01/11/2026 au 30/11/2026 · seuil 5                               │",
        "│Bloc : ensemble                                                               │",
        "│▸ Personnes suivies              11                                           │",
        "│  Nouvelles personnes            masqué (< 5)                                 │",
        "│  CCC sollicité                  ███████████·······  63,6 % · 7 sur 11        │",
        "│  CCC sans aide réelle           masqué (< 5) · sur 6                         │",
        "│  CCC : attestation obtenue      masqué (< 5) · sur 7                         │",
        "│  Attente CCC médiane            17,5 min (6 appels)                          │",
        "│  PAN inconnu à l'accueil        ███████████·······  60,0 % · 6 sur 10        │",
        "│  PAN sollicité                  masqué (< 5) · sur 11                        │",
        "│  PAN : pas de rendez-vous       masqué (< 5)                                 │",
        "│  Substitution proposée          masqué (< 5)                                 │",
        "│  Dépôt par substitution         ··················   0,0 % · 0 sur 11        │",
        "│  Recommandé envoyé              masqué (< 5) · sur 11                        │",
        "│  Recours à un avocat            masqué (< 5) · sur 11                        │",
        "│  Défenseur des droits saisi     masqué (< 5) · sur 11                        │",
        "│  Rupture de droits              masqué (< 5) · sur 8                         │",
        "│  Situations résolues            masqué (< 5) · sur 11                        │",
        "│  Délai médian de résolution     masqué (< 5)                                 │",
        "│  Démarche · Première demande    masqué (< 5) · sur 11                        │",
        "│                                                                              │",
        "└──────────────────────────────────────────────────────────────────────────────┘",
    ];
    assert_eq!(lignes, attendu);
    assert_eq!(curseur, (1, 4), "cursor on the selected row");
    // Moving down moves the cursor; the list scrolls to keep the selection visible.
    touche(&mut e, &mut s, KeyCode::Down);
    touche(&mut e, &mut s, KeyCode::Down);
    assert_eq!(ecran(&mut e).1, (1, 6));
    touche(&mut e, &mut s, KeyCode::End);
    let (lignes, curseur) = ecran(&mut e);
    assert_eq!(curseur, (1, 21));
    assert!(
        lignes[21].starts_with("│▸ Blocage · Autre blocage"),
        "{}",
        lignes[21]
    );
}

#[test]
fn snapshot_departement_block_at_the_minimum_threshold() {
    let (_dir, mut s, mut e) = ouvrir();
    touche(&mut e, &mut s, KeyCode::Char('p'));
    touche(&mut e, &mut s, KeyCode::Char('t'));
    // Down to the minimum threshold, 3: a fourth press changes nothing.
    for _ in 0..3 {
        touche(&mut e, &mut s, KeyCode::Char('-'));
    }
    touche(&mut e, &mut s, KeyCode::Right);
    let (lignes, curseur) = ecran(&mut e);
    let attendu = [
        "┌ Statistiques ────────────────────────────────────────────────────────────────┐",
        "│( ) ce mois  (•) mois dernier  ( ) année  ( ) dates                           │",
        "│Période : du 01/11/2026 au 30/11/2026 · seuil 3                               │",
        "│Bloc : ◀ 2A Corse-du-Sud ▶ (2/4)                                              │",
        "│▸ Personnes suivies              3                                            │",
        "│  Nouvelles personnes            masqué (< 3)                                 │",
        "│  CCC sollicité                  masqué (< 3) · sur 3                         │",
        "│  CCC sans aide réelle           masqué (< 3)                                 │",
        "│  CCC : attestation obtenue      masqué (< 3)                                 │",
        "│  Attente CCC médiane            masqué (< 3) · sur 3                         │",
        "│  PAN inconnu à l'accueil        masqué (< 3) · sur 3                         │",
        "│  PAN sollicité                  masqué (< 3) · sur 3                         │",
        "│  PAN : pas de rendez-vous       masqué (< 3)                                 │",
        "│  Substitution proposée          masqué (< 3)                                 │",
        "│  Dépôt par substitution         ··················   0,0 % · 0 sur 3         │",
        "│  Recommandé envoyé              ··················   0,0 % · 0 sur 3         │",
        "│  Recours à un avocat            masqué (< 3) · sur 3                         │",
        "│  Défenseur des droits saisi     ··················   0,0 % · 0 sur 3         │",
        "│  Rupture de droits              masqué (< 3)                                 │",
        "│  Situations résolues            ··················   0,0 % · 0 sur 3         │",
        "│  Délai médian de résolution     aucune valeur (sur 0)                        │",
        "│  Démarche · Première demande    ··················   0,0 % · 0 sur 3         │",
        "│                                                                              │",
        "└──────────────────────────────────────────────────────────────────────────────┘",
    ];
    assert_eq!(lignes, attendu);
    assert_eq!(curseur, (1, 4));
    // ← from the first département goes back to the ensemble; → cycles.
    touche(&mut e, &mut s, KeyCode::Left);
    assert!(ecran(&mut e).0[3].contains("◀ ensemble ▶ (1/4)"));
}

/// Every row of every block shows what the export writes for it.
#[test]
fn screen_matches_export_cell_for_cell() {
    let (_dir, mut s, mut e) = ouvrir();
    touche(&mut e, &mut s, KeyCode::Char('p'));
    touche(&mut e, &mut s, KeyCode::Char('t'));
    for _ in 0..3 {
        touche(&mut e, &mut s, KeyCode::Char('-'));
    }
    let tab = e.tableau().unwrap().clone();
    let csv =
        String::from_utf8(tab.ecrire(vigie::stats::Format::Csv, &vigie::textes::stats::LIBELLES))
            .unwrap();
    let blocs = 1 + tab.departements().len();
    let mut vus = 0;
    for _ in 0..blocs {
        touche(&mut e, &mut s, KeyCode::Home);
        let mut textes = Vec::new();
        for _ in 0..30 {
            let (lignes, (_, y)) = ecran(&mut e);
            textes.push(lignes[y as usize].clone());
            touche(&mut e, &mut s, KeyCode::Down);
        }
        let entete = ecran(&mut e).0[3].clone();
        let dep = if entete.contains("ensemble") {
            "ensemble".to_string()
        } else {
            entete.split("◀ ").nth(1).unwrap()[..2].to_string()
        };
        for l in csv
            .lines()
            .skip(1)
            .filter(|l| l.split(',').nth(2) == Some(dep.as_str()))
        {
            let c: Vec<&str> = l.split(',').collect();
            let (valeur, base, pct, statut) = (c[5], c[6], c[7], c[8]);
            let attendu = match statut {
                "ok" if !pct.is_empty() => {
                    format!("{} % · {valeur} sur {base}", pct.replace('.', ","))
                }
                "ok" if valeur.is_empty() => format!("aucune valeur (sur {base})"),
                "ok" => valeur.replace('.', ","),
                "masque" => "masqué (< 3)".to_string(),
                _ => "masqué (secret secondaire)".to_string(),
            };
            assert!(
                textes.iter().any(|t| t.contains(&attendu)),
                "{dep} {l}: « {attendu} » not on screen"
            );
            vus += 1;
        }
        touche(&mut e, &mut s, KeyCode::Right);
    }
    assert_eq!(vus, tab.lignes.len());
}

#[test]
fn custom_dates_then_export_with_confirmation() {
    let (dir, mut s, mut e) = ouvrir();
    touche(&mut e, &mut s, KeyCode::Char('d'));
    assert_eq!(e.raccourcis()[0].touche, "Tab");
    effacer(&mut e, &mut s);
    taper(&mut e, &mut s, "1/11/2026");
    touche(&mut e, &mut s, KeyCode::Tab);
    effacer(&mut e, &mut s);
    taper(&mut e, &mut s, "2026-11-31");
    touche(&mut e, &mut s, KeyCode::Enter);
    let (lignes, curseur) = ecran(&mut e);
    assert!(
        lignes[22].contains("date « 2026-11-31 » invalide"),
        "{}",
        lignes[22]
    );
    assert_eq!(curseur, (1 + "Au : 2026-11-31".chars().count() as u16, 5));
    touche(&mut e, &mut s, KeyCode::Backspace);
    touche(&mut e, &mut s, KeyCode::Backspace);
    taper(&mut e, &mut s, "15");
    touche(&mut e, &mut s, KeyCode::Enter);
    let (lignes, _) = ecran(&mut e);
    assert!(lignes[1].contains("(•) dates"));
    assert!(
        lignes[2].contains("du 01/11/2026 au 15/11/2026"),
        "{}",
        lignes[2]
    );

    // Not whole months: shown, marked, never exported.
    assert!(lignes[2].contains("non exportable"), "{}", lignes[2]);
    touche(&mut e, &mut s, KeyCode::Char('e'));
    effacer(&mut e, &mut s);
    let refuse = dir.path().join("quinzaine.csv");
    taper(&mut e, &mut s, refuse.to_str().unwrap());
    assert_eq!(touche(&mut e, &mut s, KeyCode::Enter), Reponse::Rien);
    assert!(
        ecran(&mut e).0[22].contains("refusée"),
        "{}",
        ecran(&mut e).0[22]
    );
    assert!(!refuse.exists());
    touche(&mut e, &mut s, KeyCode::Esc);
    touche(&mut e, &mut s, KeyCode::Char('d'));
    touche(&mut e, &mut s, KeyCode::Tab);
    effacer(&mut e, &mut s);
    taper(&mut e, &mut s, "30/11/2026");
    touche(&mut e, &mut s, KeyCode::Enter);
    assert!(!ecran(&mut e).0[2].contains("non exportable"));

    // Export: the default name, edited, then written; a second export asks before replacing.
    touche(&mut e, &mut s, KeyCode::Char('e'));
    let (lignes, curseur) = ecran(&mut e);
    assert!(lignes[4].contains("Exporter vers le fichier : stats-2026-11-01-2026-11-30.csv"));
    assert_eq!(curseur.1, 4);
    effacer(&mut e, &mut s);
    let chemin = dir.path().join("novembre.csv");
    taper(&mut e, &mut s, chemin.to_str().unwrap());
    let reponse = touche(&mut e, &mut s, KeyCode::Enter);
    let attendu = e
        .tableau()
        .unwrap()
        .ecrire(vigie::stats::Format::Csv, &vigie::textes::stats::LIBELLES);
    assert_eq!(std::fs::read(&chemin).unwrap(), attendu);
    match reponse {
        Reponse::Message(m) => assert!(m.contains("novembre.csv") && m.contains("écrites"), "{m}"),
        autre => panic!("{autre:?}"),
    }
    assert!(ecran(&mut e).0[22].contains("novembre.csv"));

    std::fs::write(&chemin, "ancien").unwrap();
    touche(&mut e, &mut s, KeyCode::Char('e'));
    effacer(&mut e, &mut s);
    taper(&mut e, &mut s, chemin.to_str().unwrap());
    touche(&mut e, &mut s, KeyCode::Tab); // excel-fr
    assert_eq!(touche(&mut e, &mut s, KeyCode::Enter), Reponse::Rien);
    assert!(ecran(&mut e).0[22].contains("existe déjà"));
    assert_eq!(std::fs::read(&chemin).unwrap(), b"ancien");
    assert!(matches!(
        touche(&mut e, &mut s, KeyCode::Enter),
        Reponse::Message(_)
    ));
    assert!(
        std::fs::read(&chemin)
            .unwrap()
            .starts_with("\u{feff}Du;Au;".as_bytes())
    );
    assert_eq!(touche(&mut e, &mut s, KeyCode::Esc), Reponse::Fermer);
}

#[test]
fn loads_on_first_key_and_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = commun::fixture(&dir.path().join("t.db"));
    let mut e = EcranStats::nouveau(commun::d("2026-11-20"));
    assert!(ecran(&mut e).0[4].contains("Appuyez sur Entrée"));
    touche(&mut e, &mut s, KeyCode::Enter);
    let (lignes, _) = ecran(&mut e);
    assert!(lignes[1].contains("(•) ce mois"));
    assert!(lignes[4].contains("Personnes suivies") && lignes[4].contains("11"));
    touche(&mut e, &mut s, KeyCode::Char('a'));
    assert!(ecran(&mut e).0[2].contains("du 01/01/2026 au 31/12/2026"));
    let r: Vec<&str> = e.raccourcis().iter().map(|r| r.touche).collect();
    assert_eq!(
        r,
        ["m", "p", "a", "d", "t", "g", "+ -", "e", "Échap", "↑↓ j k"]
    );
    assert_eq!(touche(&mut e, &mut s, KeyCode::F(5)), Reponse::Ignoree);
    // Last month across a year boundary.
    let mut janvier = EcranStats::nouveau(commun::d("2027-01-10"));
    touche(&mut janvier, &mut s, KeyCode::Char('p'));
    assert!(ecran(&mut janvier).0[2].contains("du 01/12/2026 au 31/12/2026"));
}

#[test]
fn snapshot_trend_of_the_last_twelve_months() {
    let (_dir, mut s, mut e) = ouvrir();
    // At the minimum threshold, so that the fixture's months show numbers.
    for _ in 0..2 {
        touche(&mut e, &mut s, KeyCode::Char('-'));
    }
    touche(&mut e, &mut s, KeyCode::Char('g'));
    let (lignes, _) = ecran(&mut e);
    let attendu: Vec<&str> = vec![
        "┌ Statistiques ────────────────────────────────────────────────────────────────┐",
        "│(•) ce mois  ( ) mois dernier  ( ) année  ( ) dates                           │",
        "│Période : du 01/12/2026 au 31/12/2026 · seuil 3                               │",
        "│Bloc : ensemble                                                               │",
        "│Tendance des 12 derniers mois (ensemble)                                      │",
        "│Mois      Suivies               CCC sans aide  PAN sans RDV  Rupture          │",
        "│janv. 26               0        —              —             —                │",
        "│févr. 26               0        —              —             —                │",
        "│mars 26                0        —              —             —                │",
        "│avr. 26                0        —              —             —                │",
        "│mai 26                 0        —              —             —                │",
        "│juin 26                0        —              —             —                │",
        "│juil. 26               0        —              —             —                │",
        "│août 26                0        —              —             —                │",
        "│sept. 26               0        —              —             —                │",
        "│oct. 26   ███████      6        masqué         —             masqué           │",
        "│nov. 26   ████████████ 11       66,7 %         masqué        37,5 %           │",
        "│déc. 26   masqué                —              —             masqué           │",
        "│                                                                              │",
        "│CCC sans aide concrète ici : 66,7 % (nov. 26, personnes)                      │",
        "│Enquête FAS : 82 % — part des structures interrogées, pas des personnes       │",
        "│                                                                              │",
        "│                                                                              │",
        "└──────────────────────────────────────────────────────────────────────────────┘",
    ];
    assert_eq!(lignes, attendu);
    // Each month is that month's published table: November's figures are the export's.
    let novembre =
        vigie::stats::calculer(&s, vigie::stats::Periode::mois(2026, 11).unwrap(), false, 3)
            .unwrap();
    let l = novembre
        .ligne(None, vigie::stats::Indicateur::CccSansAide)
        .unwrap();
    let pct = vigie::stats::formater_dixiemes(l.pourcentage_dixiemes().unwrap()).replace('.', ",");
    assert!(lignes[16].contains(&format!("{pct} %")), "{}", lignes[16]);
    // g again: back to the list.
    touche(&mut e, &mut s, KeyCode::Char('g'));
    assert!(ecran(&mut e).0[4].contains("Personnes suivies"));
}

#[test]
fn typing_in_the_date_dialog_replaces_the_proposed_dates() {
    let (_dir, mut s, mut e) = ouvrir();
    touche(&mut e, &mut s, KeyCode::Char('d'));
    // No Ctrl-U: what is typed replaces the proposed date, in each field reached.
    taper(&mut e, &mut s, "1/10/2026");
    touche(&mut e, &mut s, KeyCode::Tab);
    taper(&mut e, &mut s, "31/10/2026");
    touche(&mut e, &mut s, KeyCode::Enter);
    let (lignes, _) = ecran(&mut e);
    assert!(
        lignes[2].contains("du 01/10/2026 au 31/10/2026"),
        "{}",
        lignes[2]
    );
    // A key that moves the cursor keeps the proposal, to be corrected.
    touche(&mut e, &mut s, KeyCode::Char('d'));
    touche(&mut e, &mut s, KeyCode::End);
    touche(&mut e, &mut s, KeyCode::Backspace);
    taper(&mut e, &mut s, "5");
    touche(&mut e, &mut s, KeyCode::Enter);
    let (lignes, _) = ecran(&mut e);
    assert!(
        lignes[2].contains("du 01/10/2025 au 31/10/2026"),
        "{}",
        lignes[2]
    );
}
