//! The YAML glossary reader: any text is read or refused with an error that
//! points inside the file, and whatever it reads compiles into a matcher.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tarjama::glossary::load::GlossaryFormat;

fuzz_target!(|text: &str| {
    fuzz_common::glossary_file(text, GlossaryFormat::Yaml);
});
