//! The layers of ARCHITECTURE.md, checked: every `crate::…` path written in a module of
//! `src/` must name a module its layer may use, and the top-level modules form no cycle.
//! The table below is the one in ARCHITECTURE.md; a new top-level module must be placed in it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of the library and the modules of the crate it may name.
/// `main.rs` and `lib.rs` are the roots and may name anything.
const COUCHES: &[(&str, &[&str])] = &[
    // Pure leaves.
    ("domain", &[]),
    ("fichiers", &[]),
    ("mise_en_page", &[]),
    // The only SQL.
    ("store", &["domain", "fichiers"]),
    // Services: read through the store, decide through the domain; no French wording.
    ("csvio", &["domain", "store", "fichiers"]),
    ("prefectures", &["domain", "store", "csvio", "fichiers"]),
    ("jour", &["domain", "store", "prefectures"]),
    ("stats", &["domain", "store", "csvio"]),
    (
        "lettres",
        &["domain", "store", "jour", "prefectures", "mise_en_page"],
    ),
    (
        "protection",
        &["domain", "store", "csvio", "lettres", "fichiers"],
    ),
    ("demo", &["domain", "store"]),
    // The desk's own spreadsheet, turned into the strict import's files.
    ("tableur", &["domain", "store", "csvio", "fichiers"]),
    // Federation contributions: encrypted exact counts, summed then suppressed by `stats`.
    ("federation", &["domain", "stats"]),
    // The French words of everything below (no I/O).
    (
        "textes",
        &[
            "domain",
            "store",
            "csvio",
            "prefectures",
            "jour",
            "stats",
            "lettres",
            "protection",
            "tableur",
            "federation",
            "mise_en_page",
        ],
    ),
    // Paths, environment, passphrase prompt, the rules override file.
    ("config", &["domain", "textes", "fichiers"]),
    // The interfaces.
    (
        "tui",
        &[
            "domain",
            "fichiers",
            "mise_en_page",
            "store",
            "csvio",
            "prefectures",
            "jour",
            "stats",
            "lettres",
            "protection",
            "demo",
            "tableur",
            "federation",
            "textes",
            "config",
        ],
    ),
    (
        "cli",
        &[
            "domain",
            "fichiers",
            "mise_en_page",
            "store",
            "csvio",
            "prefectures",
            "jour",
            "stats",
            "lettres",
            "protection",
            "demo",
            "tableur",
            "federation",
            "textes",
            "config",
            "tui",
        ],
    ),
];

/// External crates a module may name only if it is listed here (absences stated as rules).
const CAISSES_RESERVEES: &[(&str, &[&str])] = &[
    ("rusqlite", &["store"]),
    ("ratatui", &["tui"]),
    ("crossterm", &["tui"]),
    ("age", &["federation"]),
];

/// `src/` of this crate.
fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dossier`, in a stable order.
fn fichiers_rs(dossier: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut a_voir = vec![dossier.to_path_buf()];
    while let Some(d) = a_voir.pop() {
        let Ok(entrees) = std::fs::read_dir(&d) else {
            panic!("dossier illisible : {}", d.display());
        };
        for e in entrees.flatten() {
            let p = e.path();
            if p.is_dir() {
                a_voir.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

/// The top-level module a file of `src/` belongs to (`src/tui/app.rs` → `tui`).
fn module_de(fichier: &Path) -> String {
    let rel = fichier
        .strip_prefix(src())
        .unwrap_or_else(|_| panic!("{} hors de src/", fichier.display()));
    let premier = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .unwrap_or_default();
    premier.trim_end_matches(".rs").to_string()
}

/// The source without comments (line, doc and block comments) and without the contents of
/// string and char literals, so that a path named in a comment or a message is not counted.
fn code_seul(source: &str) -> String {
    let c: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut profondeur = 0usize;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    profondeur += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    profondeur -= 1;
                    i += 2;
                    if profondeur == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && matches!(c.get(i + 1), Some('"') | Some('#'))
            && !ident(c.get(i.wrapping_sub(1)).copied())
        {
            // Raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut dieses = 0;
            while c.get(j) == Some(&'#') {
                dieses += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..dieses).all(|k| c.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + dieses;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' {
            // A char literal ('a', '\n', '\u{..}') or a lifetime ('a): skip only literals.
            let fin = if c.get(i + 1) == Some(&'\\') {
                (i + 2..c.len()).find(|&k| c[k] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match fin {
                Some(f) => {
                    out.push_str("' '");
                    i = f + 1;
                }
                None => {
                    out.push(c[i]);
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The top-level modules named after `crate::` in `code` (`crate::a::b`, `crate::{a, b::c}`).
fn modules_nommes(code: &str) -> BTreeSet<String> {
    let mut v = BTreeSet::new();
    let c: Vec<char> = code.chars().collect();
    let motif: Vec<char> = "crate".chars().collect();
    let mut i = 0;
    while i + motif.len() <= c.len() {
        if c[i..i + motif.len()] == motif[..] && !ident(i.checked_sub(1).map(|k| c[k])) {
            let mut j = i + motif.len();
            while c.get(j).is_some_and(|x| x.is_whitespace()) {
                j += 1;
            }
            if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
                j += 2;
                while c.get(j).is_some_and(|x| x.is_whitespace()) {
                    j += 1;
                }
                if c.get(j) == Some(&'{') {
                    // Names at depth 1 of the group.
                    let mut profondeur = 0;
                    let mut mot = String::new();
                    let mut debut_d_element = true;
                    while j < c.len() {
                        let x = c[j];
                        match x {
                            '{' => {
                                profondeur += 1;
                                debut_d_element = true;
                            }
                            '}' => {
                                profondeur -= 1;
                                if profondeur == 0 {
                                    break;
                                }
                            }
                            ',' if profondeur == 1 => debut_d_element = true,
                            _ if profondeur == 1 && debut_d_element && ident(Some(x)) => {
                                mot.push(x);
                                if !ident(c.get(j + 1).copied()) {
                                    v.insert(std::mem::take(&mut mot));
                                    debut_d_element = false;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                } else {
                    let mot: String = c[j..].iter().take_while(|x| ident(Some(**x))).collect();
                    if !mot.is_empty() {
                        v.insert(mot);
                    }
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    v
}

/// Whether `code` names the external crate `caisse` (`use caisse::…`, `caisse::x`).
fn nomme_la_caisse(code: &str, caisse: &str) -> bool {
    let motif = format!("{caisse}::");
    code.match_indices(&motif).any(|(i, _)| {
        let avant = code[..i].chars().last();
        // `ratatui::…` but not `vigie_ratatui::…`, and not a path inside the crate
        // (`crate::x::ratatui::…`).
        !ident(avant) && !code[..i].ends_with("::")
    })
}

/// What is wrong with the source of a file of module `module` (empty when nothing).
fn fautes(module: &str, nom_du_fichier: &str, source: &str) -> Vec<String> {
    let table: BTreeMap<&str, &[&str]> = COUCHES.iter().copied().collect();
    let mut v = Vec::new();
    let code = code_seul(source);
    if module == "main" || module == "lib" {
        return v;
    }
    let Some(permis) = table.get(module) else {
        v.push(format!(
            "{nom_du_fichier} : le module « {module} » n'est pas placé dans la table des couches"
        ));
        return v;
    };
    for nomme in modules_nommes(&code) {
        if nomme == module || permis.contains(&nomme.as_str()) {
            continue;
        }
        v.push(format!(
            "{nom_du_fichier} : « {module} » ne peut pas utiliser crate::{nomme}"
        ));
    }
    for (caisse, seuls) in CAISSES_RESERVEES {
        if !seuls.contains(&module) && nomme_la_caisse(&code, caisse) {
            v.push(format!(
                "{nom_du_fichier} : seul {seuls:?} peut nommer {caisse}, pas « {module} »"
            ));
        }
    }
    v
}

/// The graph actually written: module → modules it names.
fn graphe() -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in fichiers_rs(&src()) {
        let module = module_de(&f);
        if module == "main" || module == "lib" {
            continue;
        }
        let source = std::fs::read_to_string(&f).unwrap_or_default();
        let nommes = modules_nommes(&code_seul(&source));
        let entree = g.entry(module.clone()).or_default();
        entree.extend(nommes.into_iter().filter(|n| *n != module));
    }
    g
}

/// A cycle of `g`, if there is one (as the list of modules along it).
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Colours: absent = not seen, 1 = on the current path, 2 = done.
    fn visiter(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        etat: &mut BTreeMap<String, u8>,
        chemin: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        etat.insert(n.to_string(), 1);
        chemin.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            match etat.get(m.as_str()) {
                Some(1) => {
                    let debut = chemin.iter().position(|x| x == m).unwrap_or(0);
                    let mut c = chemin[debut..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visiter(m, g, etat, chemin) {
                        return Some(c);
                    }
                }
            }
        }
        chemin.pop();
        etat.insert(n.to_string(), 2);
        None
    }
    let mut etat = BTreeMap::new();
    for n in g.keys() {
        if !etat.contains_key(n.as_str())
            && let Some(c) = visiter(n, g, &mut etat, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn every_module_names_only_what_its_layer_allows() {
    let fichiers = fichiers_rs(&src());
    assert!(fichiers.len() > 20, "src/ introuvable ou presque vide");
    let mut toutes = Vec::new();
    for f in &fichiers {
        let source = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let nom = f.strip_prefix(src()).unwrap_or(f).display().to_string();
        toutes.extend(fautes(&module_de(f), &nom, &source));
    }
    assert!(
        toutes.is_empty(),
        "couches non respectées :\n{}",
        toutes.join("\n")
    );
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let g = graphe();
    assert!(g.contains_key("domain") && g.contains_key("tui"));
    if let Some(c) = cycle(&g) {
        panic!("cycle entre modules : {}", c.join(" → "));
    }
}

#[test]
fn the_table_itself_has_no_cycle_and_names_only_placed_modules() {
    let g: BTreeMap<String, BTreeSet<String>> = COUCHES
        .iter()
        .map(|(m, p)| (m.to_string(), p.iter().map(|x| x.to_string()).collect()))
        .collect();
    assert_eq!(cycle(&g), None);
    for (m, permis) in COUCHES {
        for p in *permis {
            assert!(g.contains_key(*p), "{m} autorise {p}, absent de la table");
        }
    }
}

#[test]
fn every_top_level_module_of_lib_rs_is_in_the_table() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap_or_default();
    let table: BTreeSet<&str> = COUCHES.iter().map(|(m, _)| *m).collect();
    let mut declares = 0;
    for ligne in code_seul(&lib).lines() {
        let l = ligne.trim();
        if let Some(reste) = l
            .strip_prefix("pub mod ")
            .or_else(|| l.strip_prefix("mod "))
        {
            let nom = reste.trim_end_matches(';').trim();
            declares += 1;
            assert!(
                table.contains(nom),
                "lib.rs déclare « {nom} », absent de la table"
            );
        }
    }
    assert!(declares >= 10, "lib.rs : {declares} modules seulement");
}

// The checker itself: each of these would let a wrong import through if it were broken.

#[test]
fn the_checker_refuses_a_domain_to_textes_import() {
    let f = fautes("domain", "domain/mod.rs", "use crate::textes::libelles;\n");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("crate::textes"));
    // Inline paths and groups count too.
    assert_eq!(
        fautes("domain", "x", "let s = crate::textes::erreur(e);").len(),
        1
    );
    assert_eq!(
        fautes("store", "x", "use crate::{domain::Personne, textes};").len(),
        1
    );
    assert_eq!(
        fautes(
            "store",
            "x",
            "use crate::{\n    domain::{a, b},\n    fichiers,\n};"
        )
        .len(),
        0
    );
}

#[test]
fn the_checker_ignores_comments_and_strings_and_allows_the_table() {
    let ok = "//! See crate::textes for the words.\n/* crate::tui */\nlet m = \"crate::cli\";\nuse crate::domain::Personne;\nuse crate::store::Store;\n";
    assert!(fautes("jour", "jour.rs", ok).is_empty());
    assert!(fautes("cli", "cli/mod.rs", "use crate::tui::lancer;").is_empty());
    assert_eq!(fautes("tui", "x", "use crate::cli::Args;").len(), 1);
    assert_eq!(
        fautes("nouveau", "x", "").len(),
        1,
        "a module outside the table is refused"
    );
}

#[test]
fn the_checker_keeps_sql_and_the_terminal_in_their_layers() {
    assert_eq!(fautes("jour", "jour.rs", "use rusqlite::params;").len(), 1);
    assert_eq!(
        fautes("stats", "x", "fn f(c: &rusqlite::Connection) {}").len(),
        1
    );
    assert!(fautes("store", "x", "use rusqlite::Connection;").is_empty());
    assert_eq!(fautes("domain", "x", "use ratatui::text::Line;").len(), 1);
    assert!(fautes("tui", "x", "use ratatui::crossterm::event::KeyCode;").is_empty());
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("domain".into())
        .or_default()
        .insert("textes".into());
    g.entry("textes".into()).or_default().insert("store".into());
    g.entry("store".into()).or_default().insert("domain".into());
    let c = cycle(&g).expect("a cycle");
    assert_eq!(c.first(), c.last());
    assert_eq!(c.len(), 4);
}

// Sizes: no file of src/ over 700 lines, no function over 120 lines.

const LIGNES_PAR_FICHIER: usize = 700;
const LIGNES_PAR_FONCTION: usize = 120;

/// The functions of `source` longer than `max` lines, as (name, first line, length).
fn fonctions_longues(source: &str, max: usize) -> Vec<(String, usize, usize)> {
    let code = code_seul(source);
    let lignes: Vec<&str> = code.lines().collect();
    let mut v = Vec::new();
    for (n, ligne) in lignes.iter().enumerate() {
        let l = ligne.trim_start();
        let apres_fn = l
            .split_once("fn ")
            .filter(|(avant, _)| {
                avant.split_whitespace().all(|m| {
                    matches!(m, "pub" | "const" | "async" | "extern" | "default")
                        || m.starts_with("pub(")
                })
            })
            .map(|(_, apres)| apres);
        let Some(apres) = apres_fn else { continue };
        let nom: String = apres.chars().take_while(|c| ident(Some(*c))).collect();
        if nom.is_empty() {
            continue;
        }
        // The body: from the first `{` after the signature (a `;` first means no body) to
        // the brace that closes it.
        let mut profondeur = 0usize;
        let mut ouvert = false;
        let mut fin = None;
        'lignes: for (k, l2) in lignes.iter().enumerate().skip(n) {
            let debut_col = if k == n {
                ligne.find("fn ").unwrap_or(0)
            } else {
                0
            };
            for ch in l2.chars().skip(debut_col) {
                match ch {
                    ';' if !ouvert => break 'lignes,
                    '{' => {
                        ouvert = true;
                        profondeur += 1;
                    }
                    '}' if ouvert => {
                        profondeur -= 1;
                        if profondeur == 0 {
                            fin = Some(k);
                            break 'lignes;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(f) = fin {
            let longueur = f - n + 1;
            if longueur > max {
                v.push((nom, n + 1, longueur));
            }
        }
    }
    v
}

#[test]
fn no_file_of_src_is_over_700_lines_and_no_function_over_120() {
    let mut fautes = Vec::new();
    for f in fichiers_rs(&src()) {
        let source = std::fs::read_to_string(&f).unwrap_or_default();
        let nom = f.strip_prefix(src()).unwrap_or(&f).display().to_string();
        let n = source.lines().count();
        if n > LIGNES_PAR_FICHIER {
            fautes.push(format!("{nom} : {n} lignes (au plus {LIGNES_PAR_FICHIER})"));
        }
        for (fonction, ligne, longueur) in fonctions_longues(&source, LIGNES_PAR_FONCTION) {
            fautes.push(format!(
                "{nom}:{ligne} : fn {fonction} fait {longueur} lignes (au plus {LIGNES_PAR_FONCTION})"
            ));
        }
    }
    assert!(fautes.is_empty(), "trop long :\n{}", fautes.join("\n"));
}

#[test]
fn the_length_checker_measures_bodies() {
    let court = "fn a() {\n    1;\n}\n";
    assert!(fonctions_longues(court, 2).len() == 1 && fonctions_longues(court, 3).is_empty());
    let signature = "pub(crate) fn b(\n    x: u8,\n) -> u8 {\n    x\n}\n";
    assert_eq!(
        fonctions_longues(signature, 4),
        vec![("b".to_string(), 1, 5)]
    );
    // A declaration without body (trait) and braces inside strings do not count.
    let trait_ = "trait T {\n    fn c(&self);\n}\nfn d() {\n    let s = \"{{{\";\n}\n";
    assert!(
        fonctions_longues(trait_, 2)
            .iter()
            .all(|(n, _, _)| n == "d")
    );
    assert_eq!(fonctions_longues(trait_, 2).len(), 1);
}

/// The key of the evaluations kept in the base (`jour/gardees.rs`) hashes every source the
/// evaluation depends on: every file of the domain (a new one must join the list, or a
/// change to it would leave rows computed by the old engine in use), and the list names
/// only files that exist.
#[test]
fn the_key_of_the_kept_evaluations_covers_every_file_of_the_domain() {
    let racine = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listes: BTreeSet<&str> = vigie::jour::gardees::SOURCES
        .iter()
        .map(|(chemin, _)| *chemin)
        .collect();
    for f in fichiers_rs(&src().join("domain")) {
        let nom = f.strip_prefix(racine).unwrap_or(&f).display().to_string();
        assert!(
            listes.contains(nom.as_str()),
            "{nom} manque à jour::gardees::SOURCES"
        );
    }
    for (chemin, texte) in vigie::jour::gardees::SOURCES {
        let sur_disque = std::fs::read_to_string(racine.join(chemin)).unwrap_or_default();
        assert_eq!(&sur_disque, texte, "{chemin}");
    }
}
