//! Address-document text parser: any text, never a panic. The same text is
//! also laid out as OCR lines whose glyph positions come from the input's
//! bytes (wide gaps, overlaps, a glyph short of the text), and taken apart
//! into columns.
#![no_main]
use colleckt_extract::ocr::{Glyph, OcrLine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = colleckt_extract::address::parse_text(&text);
    let mut steps = data.iter().cycle();
    let lines: Vec<OcrLine> = text
        .lines()
        .take(64)
        .enumerate()
        .map(|(i, line)| {
            let mut x = 0i32;
            let mut symbols: Vec<Glyph> = line
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|ch| {
                    let step = i32::from(*steps.next().unwrap_or(&0));
                    x += step * 4 - 200;
                    Glyph {
                        ch,
                        confidence: 0.9,
                        left: x,
                        right: x + 10,
                    }
                })
                .collect();
            if steps.next().is_some_and(|b| b % 7 == 0) {
                symbols.pop();
            }
            let top = i as i32 * 30;
            let height = i32::from(*steps.next().unwrap_or(&20)) - 40;
            OcrLine {
                text: line.to_string(),
                confidence: 0.9,
                bbox: (0, top, x, top + height),
                symbols,
            }
        })
        .collect();
    if let Some(columns) = colleckt_extract::address::by_columns(&lines) {
        let _ = colleckt_extract::address::parse_text(&columns);
    }
});
