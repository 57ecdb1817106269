//! Statistics screen (issue 7).
