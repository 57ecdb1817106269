//! Exact arithmetic of the figures: percentages in tenths, medians in half-units.

/// `100 × valeur / base` in tenths of a percent, rounded half up, exactly (integers only).
/// `base` must be non-zero.
pub fn pourcentage_dixiemes(valeur: u64, base: u64) -> u64 {
    let v = u128::from(valeur);
    let b = u128::from(base.max(1));
    // floor(1000 v / b + 1/2) = floor((2000 v + b) / (2 b))
    ((2000 * v + b) / (2 * b)) as u64
}

/// `123` tenths → `12.3`.
pub fn formater_dixiemes(d: u64) -> String {
    format!("{}.{}", d / 10, d % 10)
}

/// The median in half-units (twice the median), or `None` for no values. Sorts `v`.
pub fn mediane_demis(v: &mut [i64]) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2].saturating_mul(2)
    } else {
        v[n / 2 - 1].saturating_add(v[n / 2])
    })
}

/// Half-units to text with at most one decimal: `24` → `12`, `25` → `12.5`, `-3` → `-1.5`.
pub fn formater_demis(h: i64) -> String {
    let signe = if h < 0 { "-" } else { "" };
    let a = h.unsigned_abs();
    if a.is_multiple_of(2) {
        format!("{signe}{}", a / 2)
    } else {
        format!("{signe}{}.5", a / 2)
    }
}

/// The median of a distribution (value → occurrences) in half-units, or `None` when empty.
pub fn mediane_distribution(d: &std::collections::BTreeMap<i64, u64>) -> Option<i64> {
    let n: u64 = d.values().sum();
    if n == 0 {
        return None;
    }
    // The values of 0-based ranks (n − 1) / 2 and n / 2 (the same one when n is odd).
    let rang = |k: u64| {
        let mut vus = 0u64;
        for (v, c) in d {
            vus += c;
            if vus > k {
                return Some(*v);
            }
        }
        None
    };
    let bas = rang((n - 1) / 2)?;
    let haut = rang(n / 2)?;
    Some(bas.saturating_add(haut))
}
