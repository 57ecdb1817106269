//! The audit journal (who did what, when) and the time stamps of attribution columns.

use super::{Ecriture, ResultatStore};
use rusqlite::params;

/// Now, as stored in attribution columns: local date and time, to the second.
pub fn horodatage() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Writes one line of the audit journal (who did what, when).
pub fn journaliser(
    tx: &Ecriture,
    benevole: &str,
    action: &str,
    reference: Option<&str>,
    detail: &str,
) -> ResultatStore<()> {
    // Cached: an import writes one line per person.
    tx.tx()
        .prepare_cached(
            "INSERT INTO journal (quand, benevole, action, reference, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![horodatage(), benevole, action, reference, detail])?;
    Ok(())
}
