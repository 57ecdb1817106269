//! vigie: follow-up of people blocked by the ANEF, for legal-aid desks.
//! See ARCHITECTURE.md for the map of modules and the rules they keep.

#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod csvio;
pub mod demo;
pub mod domain;
pub mod federation;
pub mod fichiers;
pub mod jour;
pub mod lettres;
pub mod mise_en_page;
pub mod prefectures;
pub mod protection;
pub mod stats;
pub mod store;
pub mod tableur;
pub mod textes;
pub mod tui;
