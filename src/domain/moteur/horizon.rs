//! Today, as the engine sees it: every comparison with today goes through here and narrows
//! the evaluation's horizon, the first day it may differ from the evaluation of today with
//! its day counts shifted (`Evaluation::decaler`). The date itself is private: no part of
//! the engine can compare with it without the horizon knowing.
//!
//! The day list keeps each person's evaluation in the base until its horizon (`jour.rs`);
//! `tests/moteur_proprietes.rs` checks, over random histories, that the evaluation of any day
//! before the horizon is the one of today shifted.

use chrono::NaiveDate;
use std::cell::Cell;

use super::plus_jours;

#[derive(Debug)]
pub(super) struct Aujourdhui {
    date: NaiveDate,
    /// The first day the evaluation may change otherwise than by its day counts.
    horizon: Cell<NaiveDate>,
}

impl Aujourdhui {
    pub(super) fn nouveau(date: NaiveDate) -> Self {
        Aujourdhui {
            date,
            horizon: Cell::new(NaiveDate::MAX),
        }
    }

    fn jusqua(&self, d: NaiveDate) {
        if d < self.horizon.get() {
            self.horizon.set(d);
        }
    }

    /// `d` is before today (it becomes so the day after `d`).
    pub(super) fn passe(&self, d: NaiveDate) -> bool {
        if d >= self.date {
            self.jusqua(plus_jours(d, 1));
        }
        d < self.date
    }

    /// `d` is today or before (it becomes so on `d`).
    pub(super) fn atteint(&self, d: NaiveDate) -> bool {
        if d > self.date {
            self.jusqua(d);
        }
        d <= self.date
    }

    /// `d` is today.
    pub(super) fn est(&self, d: NaiveDate) -> bool {
        if d > self.date {
            self.jusqua(d);
        } else if d == self.date {
            self.jusqua(plus_jours(d, 1));
        }
        d == self.date
    }

    /// `d` is today, for an answer that holds today only and that the evaluation undoes
    /// when shifted (`Evaluation::decaler`: a visit today): a later `d` narrows the horizon,
    /// today's does not.
    pub(super) fn est_ce_jour_seulement(&self, d: NaiveDate) -> bool {
        if d > self.date {
            self.jusqua(d);
        }
        d == self.date
    }

    /// Days from today to `d` (negative when past): shifted, not compared.
    pub(super) fn jours_jusqua(&self, d: NaiveDate) -> i64 {
        (d - self.date).num_days()
    }

    /// Days from `d` to today: shifted, not compared.
    pub(super) fn jours_depuis(&self, d: NaiveDate) -> i64 {
        (self.date - d).num_days()
    }

    /// Today's date itself, kept in the evaluation: valid today only.
    pub(super) fn date(&self) -> NaiveDate {
        self.jusqua(plus_jours(self.date, 1));
        self.date
    }

    pub(super) fn horizon(&self) -> NaiveDate {
        self.horizon.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(n: i64) -> NaiveDate {
        plus_jours(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), n)
    }

    #[test]
    fn each_comparison_narrows_the_horizon_to_the_day_its_answer_changes() {
        let a = Aujourdhui::nouveau(j(10));
        assert_eq!(a.horizon(), NaiveDate::MAX);
        // Past dates never change their answer as days go by.
        assert!(a.passe(j(3)) && a.atteint(j(10)) && !a.est(j(9)));
        assert_eq!(a.horizon(), NaiveDate::MAX);
        assert!(!a.passe(j(40)));
        assert_eq!(a.horizon(), j(41));
        assert!(!a.atteint(j(30)));
        assert_eq!(a.horizon(), j(30));
        assert!(!a.est(j(20)));
        assert_eq!(a.horizon(), j(20));
        assert!(!a.passe(j(10)));
        assert_eq!(a.horizon(), j(11));
        assert_eq!(a.jours_jusqua(j(12)), 2);
        assert_eq!(a.jours_depuis(j(12)), -2);
        assert_eq!(a.horizon(), j(11));
        let b = Aujourdhui::nouveau(j(10));
        assert!(b.est(j(10)));
        assert_eq!(b.horizon(), j(11));
        let c = Aujourdhui::nouveau(j(10));
        assert_eq!(c.date(), j(10));
        assert_eq!(c.horizon(), j(11));
        let v = Aujourdhui::nouveau(j(10));
        assert!(v.est_ce_jour_seulement(j(10)) && !v.est_ce_jour_seulement(j(9)));
        assert_eq!(v.horizon(), NaiveDate::MAX);
        assert!(!v.est_ce_jour_seulement(j(14)));
        assert_eq!(v.horizon(), j(14));
    }
}
