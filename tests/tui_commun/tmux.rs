//! The real binary in tmux on a private socket, for the end-to-end TUI tests: one session
//! named `vigie`, bounded waits, the server killed when the value is dropped.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A private tmux server, named after the test (`nom`) and this process.
    pub fn nouveau(nom: &str) -> Tmux {
        Tmux {
            socket: format!("vigie-{nom}-{}", std::process::id()),
        }
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux")
    }

    /// Starts `commande` in a detached 100×30 session `vigie`.
    pub fn demarrer_session(&self, commande: &str) {
        let s = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            "vigie",
            "-x",
            "100",
            "-y",
            "30",
            commande,
        ]);
        assert!(s.status.success(), "{s:?}");
    }

    pub fn ecran(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "vigie"]).stdout)
            .into_owned()
    }

    /// A tmux format of the pane (`#{pane_pid}`, `#{alternate_on}`…).
    pub fn afficher(&self, format: &str) -> String {
        let s = self.cmd(&["display-message", "-p", "-t", "vigie", format]);
        String::from_utf8_lossy(&s.stdout).trim().to_string()
    }

    /// Waits until the screen shows `texte` (30 s at most: CI machines are slow).
    pub fn attendre(&self, texte: &str) -> String {
        let debut = Instant::now();
        loop {
            let e = self.ecran();
            if e.contains(texte) {
                return e;
            }
            assert!(
                debut.elapsed() < Duration::from_secs(30),
                "« {texte} » n'apparaît pas ; écran :\n{e}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Keys by tmux name (Enter, Tab, Escape, C-s…).
    pub fn touches(&self, noms: &[&str]) {
        for n in noms {
            self.cmd(&["send-keys", "-t", "vigie", n]);
        }
    }

    /// Literal text.
    pub fn texte(&self, s: &str) {
        self.cmd(&["send-keys", "-t", "vigie", "-l", s]);
    }

    pub fn session_finie(&self) -> bool {
        !self.cmd(&["has-session", "-t", "vigie"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

pub fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// The shell command line running vigie on the plain base `db` as volunteer Lucie, today
/// `JOUR`, NO_COLOR, with HOME and the XDG folders inside `dossier` (never the developer's own
/// files) and no passphrase or database from the environment.
pub fn ligne_vigie(dossier: &Path, db: &Path) -> String {
    let maison = dossier.join("maison");
    std::fs::create_dir_all(maison.join(".config")).expect("maison");
    format!(
        "env -u VIGIE_PASSPHRASE -u VIGIE_DB HOME={m} XDG_CONFIG_HOME={m}/.config \
         XDG_DATA_HOME={m}/.local/share XDG_STATE_HOME={m}/.local/state XDG_CACHE_HOME={m}/.cache \
         VIGIE_DATE={jour} VIGIE_BENEVOLE=Lucie NO_COLOR=1 {} --sans-chiffrement --db {}",
        shell_quote(Path::new(env!("CARGO_BIN_EXE_vigie"))),
        shell_quote(db),
        m = shell_quote(&maison),
        jour = super::JOUR,
    )
}
