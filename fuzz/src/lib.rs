//! Checks shared by the fuzz targets.

use tarjama::glossary::Glossary;
use tarjama::glossary::load::{GlossaryFormat, parse};

/// Reads `text` as a glossary file of `format`: an error must name a line
/// of the file, and the entries read must compile and match in any text.
pub fn glossary_file(text: &str, format: GlossaryFormat) {
    match parse("fuzz", text, format) {
        Ok(entries) => {
            let mut glossary = Glossary::new();
            glossary.add(entries);
            for hit in glossary.find(text) {
                assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
            }
        }
        Err(err) => {
            let lines = line_count(text);
            if let Some(line) = err.line {
                assert!(
                    line >= 1 && line <= lines + 1,
                    "line {line} of {lines}: {err}"
                );
            }
            let _ = err.to_string();
        }
    }
}

/// Lines of `text`, counting `\r\n`, `\n` and a lone `\r` (YAML's line
/// breaks) each as one break.
fn line_count(text: &str) -> usize {
    text.replace("\r\n", "\n").split(['\n', '\r']).count()
}

/// Decodes `bytes` as an exchange file (UTF-8, or UTF-16 behind a byte-order
/// mark) and reads every unit as `format`: reading stops at the first error,
/// which names a line of the file.
pub fn exchange_file(bytes: &[u8], format: tarjama::exchange::ExchangeFormat) {
    use tarjama::exchange::{LanguagePair, Units, decode};
    let Ok(text) = decode("fuzz", bytes.to_vec()) else {
        return;
    };
    let _ = tarjama::exchange::ExchangeFormat::detect(None, &text);
    let mut units = Units::new("fuzz", &text, format, &LanguagePair::default());
    let mut position = 0;
    while let Some(unit) = units.next() {
        assert!(units.position() >= position);
        position = units.position();
        if let Err(err) = unit {
            let lines = line_count(&text);
            if let Some(line) = err.line {
                assert!(line >= 1 && line <= lines, "line {line} of {lines}: {err}");
            }
            let _ = err.to_string();
        }
    }
}
