//! End to end: the interface stops by itself, quickly and without spinning, when its
//! terminal disappears (even with SIGHUP ignored by the shell, as under `nohup`) or on
//! SIGTERM, and leaves the terminal as it found it. The real binary in tmux (private
//! socket); reported as ignored by `cargo test` when tmux is not installed (see build.rs).

mod tui_commun;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use tui_commun::tmux::{Tmux, ligne_vigie};
use tui_commun::*;

fn commande_vigie(dir: &Path) -> String {
    drop(base_exemple(dir));
    ligne_vigie(dir, &dir.join("x.db"))
}

/// user + system time of a process, in clock ticks; `None` once it is gone.
fn temps_cpu(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses: state is field 3, utime 14, stime 15.
    let apres = &stat[stat.rfind(')')? + 2..];
    let champs: Vec<&str> = apres.split_whitespace().collect();
    if champs.first() == Some(&"Z") {
        return None; // exited, not yet reaped
    }
    Some(champs.get(11)?.parse::<u64>().ok()? + champs.get(12)?.parse::<u64>().ok()?)
}

fn nom_du_processus(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Waits (at most `limite`) for the process to be gone; returns the CPU ticks it used in that
/// time, or panics if it is still there.
fn attendre_la_fin(pid: u32, limite: Duration) -> u64 {
    let debut = Instant::now();
    let depart = temps_cpu(pid).unwrap_or(0);
    let mut dernier = depart;
    while let Some(t) = temps_cpu(pid) {
        dernier = t;
        if debut.elapsed() >= limite {
            // Not left spinning after the test.
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(pid.to_string())
                .status();
        }
        assert!(
            debut.elapsed() < limite,
            "vigie (pid {pid}) tourne encore après {limite:?} ; temps CPU consommé : {} tops",
            t - depart
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    dernier - depart
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn a_vanished_terminal_ends_vigie_even_with_sighup_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::nouveau("perte");
    let commande = format!("trap '' HUP; exec {}", commande_vigie(dir.path()));
    tmux.demarrer_session(&commande);
    tmux.attendre("Aujourd'hui");
    let pid: u32 = tmux.afficher("#{pane_pid}").parse().expect("pane_pid");
    assert_eq!(nom_du_processus(pid), "vigie");

    // The window is closed: the terminal disappears.
    let s = tmux.cmd(&["kill-server"]);
    assert!(s.status.success(), "{s:?}");
    let cpu = attendre_la_fin(pid, Duration::from_secs(2));
    // A busy loop would use about one tick per 10 ms.
    assert!(cpu < 25, "vigie a consommé {cpu} tops de CPU en s'arrêtant");
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn a_terminal_lost_without_any_signal_ends_vigie() {
    // In a session of its own, vigie is not told by SIGHUP: only its input shows the loss.
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::nouveau("sans-signal");
    let commande = format!("exec setsid -w {}", commande_vigie(dir.path()));
    tmux.demarrer_session(&commande);
    tmux.attendre("Aujourd'hui");
    let parent: u32 = tmux.afficher("#{pane_pid}").parse().expect("pane_pid");
    let pid = enfant_vigie(parent);

    let s = tmux.cmd(&["kill-server"]);
    assert!(s.status.success(), "{s:?}");
    let cpu = attendre_la_fin(pid, Duration::from_secs(2));
    assert!(cpu < 25, "vigie a consommé {cpu} tops de CPU en s'arrêtant");
}

/// The vigie process under `parent` (itself, or one of its children).
fn enfant_vigie(parent: u32) -> u32 {
    if nom_du_processus(parent) == "vigie" {
        return parent;
    }
    let enfants =
        std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap();
    enfants
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .find(|p| nom_du_processus(*p) == "vigie")
        .unwrap_or_else(|| panic!("pas de processus vigie sous {parent} : {enfants}"))
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn sigterm_ends_vigie_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::nouveau("sigterm");
    // The shell stays after vigie: the pane shows what vigie left behind.
    let commande = format!("{}; echo \"fin $?\"; sleep 60", commande_vigie(dir.path()));
    tmux.demarrer_session(&commande);
    tmux.attendre("Aujourd'hui");
    assert_eq!(tmux.afficher("#{alternate_on}"), "1");
    let pid = enfant_vigie(tmux.afficher("#{pane_pid}").parse().expect("pane_pid"));

    let s = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .output()
        .unwrap();
    assert!(s.status.success(), "{s:?}");
    let cpu = attendre_la_fin(pid, Duration::from_secs(2));
    assert!(cpu < 25, "vigie a consommé {cpu} tops de CPU en s'arrêtant");
    tmux.attendre("fin ");
    assert_eq!(
        tmux.afficher("#{alternate_on}"),
        "0",
        "écran alternatif resté actif"
    );
    // Bracketed paste is off again: a paste reaches the shell as plain text, with no
    // ESC[200~ marker around it (tmux adds the markers only when the pane asked for them).
    tmux.cmd(&["set-buffer", "-b", "essai", "collé"]);
    tmux.cmd(&["paste-buffer", "-b", "essai", "-t", "vigie"]);
    let e = tmux.attendre("collé");
    assert!(!e.contains("[200~"), "collage encadré : {e}");
}

/// Starts vigie (`commande`, SIGHUP ignored as under `nohup`) in a new tmux server.
fn demarrer(tmux: &Tmux, commande: &str) -> u32 {
    let commande = format!("trap '' HUP; exec {commande}");
    tmux.demarrer_session(&commande);
    tmux.attendre("Aujourd'hui");
    tmux.afficher("#{pane_pid}").parse().expect("pane_pid")
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn a_note_typed_when_the_terminal_vanishes_is_offered_again_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let commande = commande_vigie(dir.path());
    let tmux = Tmux::nouveau("brouillon");
    let pid = demarrer(&tmux, &commande);
    // The CCC form of the first row; Shift-Tab from the outcome up to the notes (the last
    // field, reached by wrapping around); a note typed, the window closed at once.
    tmux.cmd(&["send-keys", "-t", "vigie", "c"]);
    tmux.attendre("Notes");
    for _ in 0..3 {
        tmux.cmd(&["send-keys", "-t", "vigie", "BTab"]);
    }
    tmux.cmd(&[
        "send-keys",
        "-t",
        "vigie",
        "-l",
        "Rappeler lundi, a perdu son récépissé",
    ]);
    tmux.attendre("Rappeler lundi, a perdu son récépissé");
    let s = tmux.cmd(&["kill-server"]);
    assert!(s.status.success(), "{s:?}");
    attendre_la_fin(pid, Duration::from_secs(2));
    // Kept in the base, never in a clear-text file beside it.
    let fichiers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        fichiers
            .iter()
            .all(|f| f.starts_with("x.db") || f == "maison"),
        "{fichiers:?}"
    );

    let tmux = Tmux::nouveau("reprise");
    demarrer(&tmux, &commande);
    tmux.attendre("le reprendre ? (o/n)");
    tmux.cmd(&["send-keys", "-t", "vigie", "o"]);
    let e = tmux.attendre("Rappeler lundi, a perdu son récépissé");
    assert!(!e.contains("le reprendre"), "{e}");
}
