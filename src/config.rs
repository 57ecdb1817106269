//! Where things live and who is typing: database path, passphrase, volunteer, today's date.
//! The only place that reads environment variables and prompts on the terminal at start-up,
//! and the one that reads the rules override file from disk.

use crate::domain::regles::{self, EtatSurcharge, Regles};
use crate::textes::bureau as tb;
use crate::textes::cli as t;
use crate::textes::phrase as tp;
use chrono::NaiveDate;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// `$XDG_DATA_HOME/vigie`, else `~/.local/share/vigie`.
pub fn dossier_donnees() -> PathBuf {
    dossier_xdg("XDG_DATA_HOME", ".local/share")
}

/// `$XDG_CONFIG_HOME/vigie`, else `~/.config/vigie` (the rules override lives there).
pub fn dossier_config() -> PathBuf {
    dossier_xdg("XDG_CONFIG_HOME", ".config")
}

fn dossier_xdg(variable: &str, defaut: &str) -> PathBuf {
    let base = std::env::var_os(variable)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(defaut)))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("vigie")
}

/// `--db`, else `VIGIE_DB`, else the default file in the data directory.
pub fn chemin_base(option: Option<PathBuf>) -> PathBuf {
    option
        .or_else(|| {
            std::env::var_os("VIGIE_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| dossier_donnees().join("vigie.db"))
}

/// Today, or `VIGIE_DATE` when set (demonstrations and tests at a fixed date).
pub fn aujourdhui() -> Result<NaiveDate, String> {
    match std::env::var("VIGIE_DATE") {
        Ok(s) if !s.trim().is_empty() => {
            crate::domain::parse_date(&s).map_err(|_| t::DATE_DU_JOUR_INVALIDE.to_string())
        }
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// A passphrase in memory: wiped when dropped (`zeroize`).
///
/// Typed phrases: `rpassword` reads into its own wiped buffer and hands the `String` over,
/// wrapped here at once. What cannot be wiped from here: the process environment holding
/// `VIGIE_PASSPHRASE` and `VIGIE_NOUVELLE_PHRASE` (only its copy is ours; changing the
/// environment is `unsafe`, forbidden in this crate), the kernel's terminal buffers, and the
/// copies SQLite's parser and SQLCipher make of the key (their own memory: SQLCipher clears
/// its key material when the connection closes).
pub type Phrase = Zeroizing<String>;

/// The shortest new passphrase, spaces at either end not counted.
pub const PHRASE_MINIMUM: usize = 10;

/// The rules of every NEW passphrase (a new base, `changer-phrase`): at least
/// `PHRASE_MINIMUM` characters once the spaces at either end are trimmed, not only spaces,
/// not one character repeated. A base keyed with an older, shorter phrase still opens: the
/// phrase of an existing base is never checked.
pub fn verifier_nouvelle_phrase(phrase: &str) -> Result<(), String> {
    let coeur = phrase.trim();
    if coeur.is_empty() {
        return Err(tp::que_des_espaces());
    }
    let mut visibles = coeur.chars().filter(|c| !c.is_whitespace());
    if let Some(premier) = visibles.next()
        && visibles.all(|c| c == premier)
    {
        return Err(tp::un_seul_caractere());
    }
    if coeur.chars().count() < PHRASE_MINIMUM {
        return Err(tp::trop_courte(PHRASE_MINIMUM));
    }
    Ok(())
}

/// `variable` from the environment when set and not empty.
fn phrase_environnement(variable: &str) -> Option<Phrase> {
    std::env::var(variable)
        .ok()
        .map(Zeroizing::new)
        .filter(|p| !p.is_empty())
}

/// One phrase typed without echo.
fn saisir(question: &str) -> Result<Phrase, String> {
    rpassword::prompt_password(question)
        .map(Zeroizing::new)
        .map_err(|e| t::lecture_terminal(&e))
}

/// How many times a volunteer may type a phrase (a weak or mismatched new one, a wrong one)
/// before the command gives up.
pub const ESSAIS_PHRASE: usize = 3;

/// A new phrase typed twice, checked against the rules after the first entry; a weak or
/// mismatched one is said and asked again, `ESSAIS_PHRASE` times in all.
fn saisir_nouvelle(question: &str, confirmation: &str, differente: &str) -> Result<Phrase, String> {
    let mut derniere = String::new();
    for essai in 1..=ESSAIS_PHRASE {
        let p = saisir(question)?;
        let refus = match verifier_nouvelle_phrase(&p) {
            Err(e) => e,
            Ok(()) if *saisir(confirmation)? != *p => differente.to_string(),
            Ok(()) => return Ok(p),
        };
        if essai < ESSAIS_PHRASE {
            eprintln!("{}", tb::essai_refuse(&refus, ESSAIS_PHRASE - essai));
        }
        derniere = refus;
    }
    Err(tb::essais_epuises(&derniere, ESSAIS_PHRASE))
}

/// Whether the passphrase will be typed at the terminal (so a wrong one may be typed again).
pub fn phrase_tapee() -> bool {
    phrase_environnement("VIGIE_PASSPHRASE").is_none() && std::io::stdin().is_terminal()
}

/// The phrase of an existing base typed again after a wrong one (`restants` tries left).
pub fn phrase_a_nouveau(restants: usize) -> Result<Phrase, String> {
    eprintln!("{}", tb::phrase_incorrecte_encore(restants));
    saisir(t::PHRASE_DEMANDE)
}

/// The passphrase: `VIGIE_PASSPHRASE`, else asked on the terminal without echo
/// (twice for a new database, which must follow `verifier_nouvelle_phrase`).
pub fn phrase_secrete(nouvelle: bool) -> Result<Phrase, String> {
    if let Some(p) = phrase_environnement("VIGIE_PASSPHRASE") {
        // The same rules as at the prompt: a new base is never keyed with a weak phrase.
        if nouvelle {
            verifier_nouvelle_phrase(&p)?;
        }
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(t::PHRASE_ABSENTE.to_string());
    }
    if nouvelle {
        saisir_nouvelle(
            t::PHRASE_NOUVELLE,
            t::PHRASE_CONFIRMATION,
            t::PHRASE_DIFFERENTE,
        )
    } else {
        saisir(t::PHRASE_DEMANDE)
    }
}

/// The new passphrase of `changer-phrase`: `VIGIE_NOUVELLE_PHRASE` (scripts), else typed
/// twice on the terminal; it must follow `verifier_nouvelle_phrase`.
pub fn nouvelle_phrase_secrete() -> Result<Phrase, String> {
    if let Some(p) = phrase_environnement("VIGIE_NOUVELLE_PHRASE") {
        verifier_nouvelle_phrase(&p)?;
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(tp::NOUVELLE_ABSENTE.to_string());
    }
    saisir_nouvelle(
        tp::NOUVELLE_DEMANDE,
        tp::NOUVELLE_CONFIRMATION,
        tp::NOUVELLE_DIFFERENTE,
    )
}

/// The volunteer: `--benevole`, else `VIGIE_BENEVOLE`, else asked once on the terminal.
pub fn benevole(option: Option<String>) -> Result<String, String> {
    if let Some(b) = option.filter(|b| !b.trim().is_empty()) {
        return Ok(b.trim().to_string());
    }
    if let Ok(b) = std::env::var("VIGIE_BENEVOLE")
        && !b.trim().is_empty()
    {
        return Ok(b.trim().to_string());
    }
    let garde = dossier_config().join("benevole");
    if let Some(b) = std::fs::read_to_string(&garde)
        .ok()
        .map(|b| b.trim().to_string())
        .filter(|b| {
            !b.is_empty()
                && crate::domain::verifier_texte(b, crate::domain::GenreTexte::Ligne).is_ok()
        })
    {
        return Ok(b);
    }
    if !std::io::stdin().is_terminal() {
        return Err(t::BENEVOLE_ABSENT.to_string());
    }
    eprint!("{}", t::BENEVOLE_DEMANDE);
    let _ = std::io::stderr().flush();
    let mut ligne = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut ligne)
        .map_err(|e| t::lecture_terminal(&e))?;
    let b = ligne.trim().to_string();
    if b.is_empty() {
        return Err(t::BENEVOLE_ABSENT.to_string());
    }
    // Asked once: kept (owner-only) for the next starts; a failure only means asking again.
    let _ = crate::fichiers::creer_dossier_prive(&dossier_config()).and_then(|()| {
        crate::fichiers::ecrire_prive(
            &garde,
            format!("{b}\n").as_bytes(),
            crate::fichiers::SiExiste::Remplacer,
        )
    });
    eprintln!("{}", tb::benevole_garde(&b, &garde));
    Ok(b)
}

// ---------------------------------------------------------------- rules override

/// Where the user's rules override file lives: `dossier_config()/regles.toml`.
pub fn chemin_regles() -> PathBuf {
    dossier_config().join("regles.toml")
}

/// A desk's own letter templates: every file of `noms` found in `dossier` (the
/// configuration folder), with the French warnings for those that cannot be read (not
/// UTF-8, unreadable). Whether one parses is checked where it is used
/// (`textes::lettres::rediger`), which refuses a malformed one whole.
pub fn modeles_locaux_depuis(
    dossier: &Path,
    noms: &[String],
) -> (Vec<crate::textes::lettres::ModeleLocal>, Vec<String>) {
    let mut modeles = Vec::new();
    let mut avertissements = Vec::new();
    for nom in noms {
        let chemin = dossier.join(nom);
        match std::fs::read(&chemin) {
            Ok(octets) => match String::from_utf8(octets) {
                Ok(source) => modeles.push(crate::textes::lettres::ModeleLocal {
                    nom: nom.clone(),
                    chemin,
                    source,
                }),
                Err(_) => {
                    avertissements.push(crate::textes::lettres::modele_illisible(&chemin, None))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                avertissements.push(crate::textes::lettres::modele_illisible(&chemin, Some(&e)))
            }
        }
    }
    (modeles, avertissements)
}

/// The desk's own letter templates, from the configuration folder (`dossier_config()`).
/// The folder of the desk's own letter templates (the configuration folder).
pub fn dossier_modeles() -> PathBuf {
    dossier_config()
}

pub fn modeles_locaux(noms: &[String]) -> (Vec<crate::textes::lettres::ModeleLocal>, Vec<String>) {
    modeles_locaux_depuis(&dossier_config(), noms)
}

/// The outcome of loading the rules, for `vigie regles` and start-up messages.
#[derive(Debug, Clone)]
pub struct Chargement {
    pub regles: Regles,
    /// French warnings (a refused override file, with file, key and problem).
    pub avertissements: Vec<String>,
    pub fichier: PathBuf,
    pub etat: EtatSurcharge,
}

/// Loads the shipped rules and applies the override file at `chemin` when it exists.
pub fn charger_regles_depuis(chemin: &Path) -> Chargement {
    let base = regles::livrees();
    let resultat = |regles, avertissements, etat| Chargement {
        regles,
        avertissements,
        fichier: chemin.to_path_buf(),
        etat,
    };
    let texte = match std::fs::read_to_string(chemin) {
        Ok(texte) => texte,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return resultat(base, Vec::new(), EtatSurcharge::Absente);
        }
        Err(e) => {
            let avertissement = crate::textes::moteur::lecture_regles_impossible(chemin, &e);
            return resultat(base, vec![avertissement], EtatSurcharge::Refusee);
        }
    };
    match regles::surcharger(&base, &texte) {
        Ok(r) => resultat(r, Vec::new(), EtatSurcharge::Appliquee),
        Err(erreurs) => {
            let avertissements = crate::textes::moteur::erreurs_regles(chemin, &erreurs);
            resultat(base, avertissements, EtatSurcharge::Refusee)
        }
    }
}

/// Loads the shipped rules and the user's override (`chemin_regles()`); returns the rules in
/// force and the French warnings to show (a malformed override leaves the shipped rules in
/// force). Tests never call this: they use `regles::livrees()` or an explicit path.
pub fn charger_regles() -> (Regles, Vec<String>) {
    let c = charger_regles_depuis(&chemin_regles());
    (c.regles, c.avertissements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passphrases_need_ten_characters_and_more_than_one_repeated() {
        for faible in [
            "",
            "          ",
            "aaaaaaaaaaaa",
            "  aaaa aaaa aaaa ",
            "neuf car.",
            "  court    ",
        ] {
            let e = verifier_nouvelle_phrase(faible).unwrap_err();
            assert!(e.contains("quatre mots"), "{faible:?} : {e}");
        }
        assert!(
            verifier_nouvelle_phrase("          ")
                .unwrap_err()
                .contains("espaces")
        );
        assert!(
            verifier_nouvelle_phrase("aaaaaaaaaaaa")
                .unwrap_err()
                .contains("répété")
        );
        assert!(
            verifier_nouvelle_phrase("123456789")
                .unwrap_err()
                .contains("10 caractères")
        );
        for bonne in ["dix lettre", "cerise lundi fanfare escalier", "ééééééééé1"] {
            assert_eq!(verifier_nouvelle_phrase(bonne), Ok(()), "{bonne:?}");
        }
    }

    #[test]
    fn override_file_refused_or_absent_keeps_the_shipped_rules() {
        let base = regles::livrees();
        let dir = tempfile::tempdir().unwrap();
        let latin1 = dir.path().join("regles.toml");
        std::fs::write(&latin1, b"# r\xe8gles\n").unwrap();
        let c = charger_regles_depuis(&latin1);
        assert_eq!(c.etat, EtatSurcharge::Refusee);
        assert_eq!(c.regles, base);
        assert!(
            c.avertissements[0].contains("pas en UTF-8"),
            "{:?}",
            c.avertissements
        );
        let absent = charger_regles_depuis(&dir.path().join("absent.toml"));
        assert_eq!(absent.etat, EtatSurcharge::Absente);
        assert!(absent.avertissements.is_empty());
        let valide = dir.path().join("valide.toml");
        std::fs::write(
            &valide,
            "[pan_relance]\njours = 3\nsource = \"x\"\nverifie_le = 2026-01-01\n",
        )
        .unwrap();
        let c = charger_regles_depuis(&valide);
        assert_eq!(c.etat, EtatSurcharge::Appliquee);
        assert_eq!(c.regles.pan_relance_jours(), 3);
        let faux = dir.path().join("faux.toml");
        std::fs::write(&faux, "[pan_relance]\njours = -1\n").unwrap();
        let c = charger_regles_depuis(&faux);
        assert_eq!(c.etat, EtatSurcharge::Refusee);
        assert_eq!(c.regles, base);
        assert!(c.avertissements.last().unwrap().contains("refusé"));
    }
}
