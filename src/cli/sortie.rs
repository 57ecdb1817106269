//! Standard output for the commands that print a document or a table: a closed pipe
//! (`vigie regles | head -1`) ends the output quietly instead of failing or panicking.

use super::ErreurCli;
use std::io::Write;

/// Writes `texte` to standard output, every control character but LF made visible (stored
/// text must not drive the terminal); a reader gone away is not an error.
pub fn ecrire(texte: &str) -> Result<(), ErreurCli> {
    let texte = crate::textes::visible(texte);
    let mut sortie = std::io::stdout().lock();
    match sortie
        .write_all(texte.as_bytes())
        .and_then(|()| sortie.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(ErreurCli::new(
            crate::textes::moteur::ecriture_impossible(&e),
        )),
        _ => Ok(()),
    }
}
