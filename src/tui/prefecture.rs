//! Préfecture lookup screen (issue 6).
