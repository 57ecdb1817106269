//! Bulk writes into an empty base (an import into a new base): the secondary indexes of the
//! people and the events are dropped, the rows inserted, then each index is built again from
//! its own stored definition — one sort of the rows instead of a random index page touched
//! per row. All of it inside the caller's one write transaction: a failure rolls the drop
//! back with the rows, and no other connection ever sees the base without its indexes.

use super::{Ecriture, ResultatStore, Store};

/// The definitions (name, SQL text) of the indexes of `tables`, as SQLite keeps them (the
/// automatic indexes of UNIQUE constraints, which have no text, are not among them).
fn definitions(
    conn: &rusqlite::Connection,
    tables: &[&str],
) -> ResultatStore<Vec<(String, String)>> {
    let mut st = conn.prepare(
        "SELECT name, sql FROM sqlite_master \
         WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?1 ORDER BY name",
    )?;
    let mut v = Vec::new();
    for table in tables {
        let lignes = st.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for l in lignes {
            v.push(l?);
        }
    }
    Ok(v)
}

/// The tables whose secondary indexes a bulk write into an empty base builds after the rows.
const TABLES_EN_MASSE: [&str; 2] = ["personnes", "evenements"];

/// The page cache while the rows go in without their indexes (KiB, negative as SQLite wants
/// it): the table pages are appended, only the index of the references' uniqueness is
/// written at random, so a big cache buys nothing (measured: the same time as 64 MB).
const CACHE_SANS_INDEX: i64 = -8_192;

/// The page cache while each index is built: its pages are written in order from one sort,
/// which SQLCipher holds in memory (its temporary files stay in memory, unencrypted files
/// never reach the disk): the room is left to the sort.
const CACHE_CONSTRUCTION: i64 = -2_048;

impl Ecriture<'_> {
    /// Whether the base holds no person and no event.
    pub fn ni_personne_ni_evenement(&self) -> ResultatStore<bool> {
        Ok(self.tx().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM personnes) AND NOT EXISTS (SELECT 1 FROM evenements)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Runs `f` (which inserts rows) with the secondary indexes of the people and the events
    /// dropped, then creates them again from their stored SQL text, unchanged. For a base
    /// with no person and no event (`ni_personne_ni_evenement`): `f` must not read those
    /// tables by an index it would then scan for every row.
    pub fn index_apres_les_lignes<T>(
        &self,
        f: impl FnOnce() -> ResultatStore<T>,
    ) -> ResultatStore<T> {
        let tx = self.tx();
        let index = definitions(tx, &TABLES_EN_MASSE)?;
        for (nom, _) in &index {
            tx.execute_batch(&format!("DROP INDEX \"{}\"", nom.replace('"', "\"\"")))?;
        }
        let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        tx.pragma_update(None, "cache_size", CACHE_SANS_INDEX)?;
        let r = f().and_then(|v| {
            tx.pragma_update(None, "cache_size", CACHE_CONSTRUCTION)?;
            for (_, sql) in &index {
                tx.execute_batch(sql)?;
            }
            Ok(v)
        });
        let _ = tx.pragma_update(None, "cache_size", cache);
        r
    }
}

impl Store {
    /// Every index of the base with its SQL text (name order, table by table): what a check
    /// of the schema compares.
    pub fn definitions_des_index(&self) -> ResultatStore<Vec<(String, String)>> {
        let tables: Vec<String> = {
            let mut st = self
                .connexion()
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
            st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
        definitions(self.connexion(), &tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Ouverture;

    fn base(dir: &std::path::Path) -> Store {
        Store::ouvrir(&Ouverture {
            chemin: dir.join("b.db"),
            phrase: None,
            sans_chiffrement: true,
            benevole: "test".into(),
        })
        .unwrap()
    }

    #[test]
    fn indexes_come_back_identical_and_a_failure_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = base(dir.path());
        let avant = s.definitions_des_index().unwrap();
        let noms: Vec<&str> = avant.iter().map(|(n, _)| n.as_str()).collect();
        for n in [
            "evenements_personne_couvrant",
            "evenements_stats",
            "personnes_nom",
        ] {
            assert!(noms.contains(&n), "{noms:?}");
        }
        let vus = s
            .ecrire(|tx, _| {
                assert!(tx.ni_personne_ni_evenement()?);
                tx.index_apres_les_lignes(|| {
                    let n: i64 = tx.tx().query_row(
                        "SELECT count(*) FROM sqlite_master WHERE name = 'evenements_stats'",
                        [],
                        |r| r.get(0),
                    )?;
                    Ok(n)
                })
            })
            .unwrap();
        assert_eq!(vus, 0, "dropped while the rows are written");
        assert_eq!(s.definitions_des_index().unwrap(), avant);
        // A failure inside: everything rolled back, the indexes there.
        let r: ResultatStore<()> = s.ecrire(|tx, _| {
            tx.index_apres_les_lignes(|| Err(crate::store::ErreurStore::Introuvable))
        });
        assert!(r.is_err());
        assert_eq!(s.definitions_des_index().unwrap(), avant);
    }
}
