//! Statistics (issue 7): FAS-like indicators, suppression, CSV.
