//! tarjama: Arabic→English translation memory, terminology and briefings.
//!
//! The library holds every stage of the pipeline as plain functions over
//! typed data:
//!
//! ```text
//! text ─► decode ─► segment ─► normalize ─► glossary ─► tm ─► Segment[] ─► summary ─► output
//! ```
//!
//! Nothing in it prints, reads environment variables or exits: that is the
//! binary's job.

#![deny(missing_docs)]

pub mod align;
pub mod brief;
pub mod formats;
pub mod glossary;
mod located;
pub mod lookup;
pub mod mt;
pub mod output;
pub mod qa;
pub mod summary;
pub mod text;
pub mod tm;
