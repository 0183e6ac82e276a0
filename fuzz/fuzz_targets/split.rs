//! The splitter: sentences are ordered, disjoint, trimmed and on character
//! boundaries, and text fed in pieces through `Stretches` splits exactly as
//! the whole text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tarjama::text::segment::{Stretches, split};

fuzz_target!(|input: (Vec<u16>, String)| {
    let (cuts, text) = input;
    let ranges = split(&text);
    let mut covered = 0;
    for range in &ranges {
        assert!(range.start >= covered && range.start < range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        let sentence = &text[range.clone()];
        assert_eq!(sentence, sentence.trim());
        covered = range.end;
    }

    let mut cuts: Vec<usize> = cuts
        .iter()
        .map(|&cut| text.floor_char_boundary(usize::from(cut) % (text.len() + 1)))
        .collect();
    cuts.sort_unstable();
    let mut pieced = Vec::new();
    let mut done = 0;
    let mut keep = |stretch: &str| -> Result<(), ()> {
        pieced.extend(
            split(stretch)
                .into_iter()
                .map(|r| r.start + done..r.end + done),
        );
        done += stretch.len();
        Ok(())
    };
    let mut stretches = Stretches::new();
    let mut from = 0;
    for cut in cuts {
        stretches.push(&text[from..cut], &mut keep).unwrap();
        from = cut;
    }
    stretches.push(&text[from..], &mut keep).unwrap();
    stretches.finish(&mut keep).unwrap();
    assert_eq!(pieced, ranges);
});
