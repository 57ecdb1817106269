//! The trend of the last months for the coordinator: one table per whole month, so each
//! point on screen is exactly what that month's export would publish (masked included).

use super::{Periode, Tableau, calculer};
use crate::store::{ResultatStore, Store};
use chrono::NaiveDate;

/// One month of the trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub periode: Periode,
    pub tableau: Tableau,
}

/// The `mois` whole months ending with the month of `aujourdhui`, oldest first (the
/// `ensemble` block only).
pub fn tendance(
    store: &Store,
    aujourdhui: NaiveDate,
    mois: usize,
    seuil: u64,
) -> ResultatStore<Vec<Point>> {
    let mut out = Vec::with_capacity(mois);
    for decalage in (0..mois as i32).rev() {
        let Some(periode) = Periode::mois_de(aujourdhui, -decalage) else {
            continue;
        };
        out.push(Point {
            periode,
            tableau: calculer(store, periode, false, seuil)?,
        });
    }
    Ok(out)
}
