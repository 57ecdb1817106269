//! Dates kept in the base in binary form (the day list's rows, `jour/gardees.rs`): days
//! since the Common Era, four bytes at most, where chrono writes and parses a string.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i32(d.num_days_from_ce())
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let jours = i32::deserialize(d)?;
    NaiveDate::from_num_days_from_ce_opt(jours)
        .ok_or_else(|| serde::de::Error::custom("jour hors calendrier"))
}

pub mod option {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.num_days_from_ce()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            None => Ok(None),
            Some(jours) => NaiveDate::from_num_days_from_ce_opt(jours)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("jour hors calendrier")),
        }
    }
}
