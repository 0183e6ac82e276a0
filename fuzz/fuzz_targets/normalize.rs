//! Normalization: every normalized offset maps to a character boundary of
//! the original, in order; spans map inside the original; normalizing twice
//! changes nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tarjama::text::{normalize, normalize_str};

fuzz_target!(|text: String| {
    let normalized = normalize(&text);
    let len = normalized.as_str().len();
    let mut previous = 0;
    for at in 0..=len {
        let mapped = normalized.original_offset(at);
        assert!(mapped <= text.len() && text.is_char_boundary(mapped));
        assert!(mapped >= previous, "offsets go backwards at {at}");
        previous = mapped;
    }
    assert_eq!(normalized.original_offset(len), text.len());
    for start in (0..=len).step_by(len / 16 + 1) {
        for end in (start..=len).step_by(len / 16 + 1) {
            let span = normalized.original_span(start..end);
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    let once = normalize_str(&text);
    assert_eq!(normalized.as_str(), once);
    assert_eq!(normalize_str(&once), once);
});
