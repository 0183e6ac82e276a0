//! Glossaries: names and terms with their English renderings.

pub mod model;

pub use model::{Entry, Kind};
