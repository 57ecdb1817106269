//! Where things live and who is typing: database path, passphrase, volunteer, today's date.
//! The only place that reads environment variables and prompts on the terminal at start-up.

use crate::textes::cli as t;
use chrono::NaiveDate;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

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

/// The passphrase: `VIGIE_PASSPHRASE`, else asked on the terminal without echo
/// (twice for a new database).
pub fn phrase_secrete(nouvelle: bool) -> Result<String, String> {
    if let Ok(p) = std::env::var("VIGIE_PASSPHRASE")
        && !p.is_empty()
    {
        // The same minimum as at the prompt: a new base is never keyed with a weak phrase.
        if nouvelle && p.chars().count() < 8 {
            return Err(t::PHRASE_COURTE.to_string());
        }
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(t::PHRASE_ABSENTE.to_string());
    }
    if nouvelle {
        let p =
            rpassword::prompt_password(t::PHRASE_NOUVELLE).map_err(|e| t::lecture_terminal(&e))?;
        if p.chars().count() < 8 {
            return Err(t::PHRASE_COURTE.to_string());
        }
        let c = rpassword::prompt_password(t::PHRASE_CONFIRMATION)
            .map_err(|e| t::lecture_terminal(&e))?;
        if p != c {
            return Err(t::PHRASE_DIFFERENTE.to_string());
        }
        Ok(p)
    } else {
        rpassword::prompt_password(t::PHRASE_DEMANDE).map_err(|e| t::lecture_terminal(&e))
    }
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
        Err(t::BENEVOLE_ABSENT.to_string())
    } else {
        Ok(b)
    }
}
