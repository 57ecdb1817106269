//! The end of the interface when the volunteer did not ask for it: SIGHUP, SIGTERM or SIGINT
//! (also when the shell ignored SIGHUP: `nohup`, `trap '' HUP`), or the terminal gone (its
//! window closed, the SSH link cut: the input then reports a hang-up, end of file or an error).
//!
//! The loop never hands the input to crossterm before this module has seen it ready and
//! alive: crossterm's reader retries a read that returns 0 forever, which would spin a core.
//! A watchdog thread ends the process anyway (terminal restored) if the loop has not stopped
//! within [`DELAI_SECOURS`] of a signal or a hang-up, so no path can keep running.

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use std::fs::File;
use std::io::{IsTerminal, Read};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The longest wait on the input: a signal's flag is checked at least this often.
pub const ATTENTE_MAX: Duration = Duration::from_millis(500);
/// After a signal or a hang-up, how long the loop has to stop by itself before the watchdog
/// restores the terminal and ends the process.
pub const DELAI_SECOURS: Duration = Duration::from_millis(1500);

/// Why the interface stops without the volunteer asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fin {
    /// SIGHUP, SIGTERM or SIGINT.
    Signal,
    /// The terminal hung up, or reading it failed.
    TerminalPerdu,
}

/// What the input has after a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attente {
    /// Bytes to read: crossterm may read them.
    Pret,
    /// Nothing within the wait.
    Rien,
    /// Stop now.
    Fin(Fin),
}

/// Where crossterm reads keys: standard input when it is a terminal, else `/dev/tty`.
enum Entree {
    Stdin,
    Tty(File),
}

impl Entree {
    fn ouvrir() -> Option<Entree> {
        if std::io::stdin().is_terminal() {
            Some(Entree::Stdin)
        } else {
            File::open("/dev/tty").ok().map(Entree::Tty)
        }
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            Entree::Stdin => rustix::stdio::stdin(),
            Entree::Tty(f) => f.as_fd(),
        }
    }

    /// Waits at most `delai` for the input (or for `reveil`, written to by the signal
    /// handlers); a hang-up or an error is the terminal's loss.
    fn attendre(&self, delai: Duration, reveil: Option<&UnixStream>) -> Attente {
        let mut fds = vec![PollFd::from_borrowed_fd(self.fd(), PollFlags::IN)];
        if let Some(r) = reveil {
            fds.push(PollFd::new(r, PollFlags::IN));
        }
        let delai = Timespec::try_from(delai).unwrap_or(Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        });
        match poll(&mut fds, Some(&delai)) {
            Ok(0) => Attente::Rien,
            Ok(_) => {
                if let Some(mut r) = reveil {
                    // Empties the wake-up pipe (non-blocking): the flags say which signal.
                    let mut tampon = [0u8; 64];
                    while matches!(r.read(&mut tampon), Ok(n) if n > 0) {}
                }
                let r = fds[0].revents();
                if r.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                    Attente::Fin(Fin::TerminalPerdu)
                } else if r.contains(PollFlags::IN) {
                    Attente::Pret
                } else {
                    Attente::Rien
                }
            }
            // A signal arrived: its flag is read by the caller.
            Err(rustix::io::Errno::INTR) => Attente::Rien,
            Err(_) => Attente::Fin(Fin::TerminalPerdu),
        }
    }
}

/// Watches the stop signals and the terminal for the loop (see the module doc).
pub struct Veille {
    arret: Arc<AtomicBool>,
    redimension: Arc<AtomicBool>,
    reveil: Option<UnixStream>,
    fini: Arc<AtomicBool>,
    entree: Option<Entree>,
}

impl Veille {
    /// Installs the signal flags and the watchdog. `restaurer` is what the watchdog runs
    /// before ending the process.
    pub fn installer(restaurer: fn()) -> Result<Veille, String> {
        let arret = Arc::new(AtomicBool::new(false));
        for s in [
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(s, Arc::clone(&arret)).map_err(|e| e.to_string())?;
        }
        // crossterm learns of a resize through its own SIGWINCH pipe, which this wait does
        // not watch: the flag makes the loop hand over to crossterm then.
        let redimension = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&redimension))
            .map_err(|e| e.to_string())?;
        // Every one of these signals also wakes the wait at once.
        let reveil = match UnixStream::pair() {
            Ok((lecture, ecriture)) if lecture.set_nonblocking(true).is_ok() => {
                for s in [
                    signal_hook::consts::SIGHUP,
                    signal_hook::consts::SIGTERM,
                    signal_hook::consts::SIGINT,
                    signal_hook::consts::SIGWINCH,
                ] {
                    let e = ecriture.try_clone().map_err(|e| e.to_string())?;
                    signal_hook::low_level::pipe::register(s, e).map_err(|e| e.to_string())?;
                }
                Some(lecture)
            }
            _ => None,
        };
        let fini = Arc::new(AtomicBool::new(false));
        let (a, f) = (Arc::clone(&arret), Arc::clone(&fini));
        let garde = Entree::ouvrir();
        std::thread::Builder::new()
            .name("vigie-veille".into())
            .spawn(move || surveiller(&a, &f, garde.as_ref(), restaurer))
            .map_err(|e| e.to_string())?;
        Ok(Veille {
            arret,
            redimension,
            reveil,
            fini,
            entree: Entree::ouvrir(),
        })
    }

    /// Whether a stop signal arrived.
    pub fn signal_recu(&self) -> bool {
        self.arret.load(Ordering::SeqCst)
    }

    /// Waits at most `delai` (capped at [`ATTENTE_MAX`]) for a key, a signal or the loss of
    /// the terminal.
    pub fn attendre(&self, delai: Duration) -> Attente {
        if self.signal_recu() {
            return Attente::Fin(Fin::Signal);
        }
        let delai = delai.min(ATTENTE_MAX);
        let r = match &self.entree {
            Some(e) => e.attendre(delai, self.reveil.as_ref()),
            None => Attente::Fin(Fin::TerminalPerdu),
        };
        if self.signal_recu() {
            Attente::Fin(Fin::Signal)
        } else if r == Attente::Rien && self.redimension.swap(false, Ordering::SeqCst) {
            Attente::Pret
        } else {
            r
        }
    }
}

impl Drop for Veille {
    fn drop(&mut self) {
        // The loop has stopped: the watchdog has nothing left to do.
        self.fini.store(true, Ordering::SeqCst);
    }
}

/// The watchdog: every 200 ms, a signal or a hung-up terminal starts the clock; when the loop
/// is still running [`DELAI_SECOURS`] later, the terminal is restored and the process ends.
fn surveiller(arret: &AtomicBool, fini: &AtomicBool, entree: Option<&Entree>, restaurer: fn()) {
    let mut depuis: Option<Instant> = None;
    while !fini.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(200));
        let perdu = entree
            .is_some_and(|e| e.attendre(Duration::ZERO, None) == Attente::Fin(Fin::TerminalPerdu));
        if depuis.is_none() && (arret.load(Ordering::SeqCst) || perdu) {
            depuis = Some(Instant::now());
        }
        if depuis.is_some_and(|t| t.elapsed() >= DELAI_SECOURS) && !fini.load(Ordering::SeqCst) {
            restaurer();
            std::process::exit(1);
        }
    }
}
