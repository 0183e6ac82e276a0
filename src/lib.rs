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

pub mod brief;
pub mod document;
pub mod error;
pub mod exchange;
pub mod glossary;
pub mod lookup;
pub mod mt;
pub mod named;
pub mod output;
pub mod pipeline;
pub mod qa;
pub mod summary;
pub mod text;
pub mod tm;
