//! OCR with Tesseract 5, loaded at run time (see [`ffi`]). One thread per call,
//! on cropped regions; results carry Tesseract's confidence.

mod ffi;

use image::GrayImage;
use serde::Serialize;

/// Whether Tesseract (with English data) could be loaded on this machine.
pub fn available() -> bool {
    ffi::api().is_some()
}

/// Tesseract's version string, if it is available.
pub fn version() -> Option<String> {
    ffi::api().map(|a| a.version().to_string())
}

/// Free the pooled Tesseract engines (call before a short-lived process
/// exits, so Tesseract does not report its caches as leaked).
pub fn release() {
    if let Some(api) = ffi::api() {
        api.drain();
    }
}

/// How Tesseract should segment the region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A uniform block of text (PSM 6).
    Block,
    /// Automatic page segmentation (PSM 3).
    Page,
    /// Sparse text (PSM 11).
    Sparse,
    /// A single line (PSM 7).
    Line,
}

impl Layout {
    fn psm(self) -> i32 {
        match self {
            Layout::Block => 6,
            Layout::Page => 3,
            Layout::Sparse => 11,
            Layout::Line => 7,
        }
    }
}

/// One line of recognised text.
#[derive(Debug, Clone, Serialize)]
pub struct OcrLine {
    /// The text, without its trailing newline.
    pub text: String,
    /// Tesseract's confidence, 0..1.
    pub confidence: f32,
    /// Bounding box (left, top, right, bottom) in region pixels.
    pub bbox: (i32, i32, i32, i32),
    /// Its characters, spaces left out; empty unless asked for (see
    /// [`recognize_symbols`]).
    #[serde(skip)]
    pub symbols: Vec<Glyph>,
}

/// One recognised character: Tesseract's confidence in it and where its
/// box starts and ends along the line (region pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub ch: char,
    /// 0..1.
    pub confidence: f32,
    pub left: i32,
    pub right: i32,
}

/// The result of one OCR call.
#[derive(Debug, Clone, Serialize)]
pub struct OcrText {
    /// Lines, top to bottom.
    pub lines: Vec<OcrLine>,
}

impl OcrText {
    /// All lines joined with newlines.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
    /// Mean line confidence (0 when empty).
    pub fn mean_confidence(&self) -> f32 {
        if self.lines.is_empty() {
            return 0.0;
        }
        self.lines.iter().map(|l| l.confidence).sum::<f32>() / self.lines.len() as f32
    }
}

/// Why OCR gave nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcrError {
    /// Tesseract is not installed / could not be loaded.
    #[error("OCR is not available (Tesseract 5 not found)")]
    Unavailable,
    /// Tesseract failed on this image.
    #[error("OCR failed")]
    Failed,
}

/// Recognise text lines in a grey region. `whitelist` restricts characters
/// (empty: no restriction).
pub fn recognize(img: &GrayImage, layout: Layout, whitelist: &str) -> Result<OcrText, OcrError> {
    run(img, layout, whitelist, false, Threshold::Global)
}

/// [`recognize`] with the given binarisation.
pub fn recognize_with(
    img: &GrayImage,
    layout: Layout,
    whitelist: &str,
    threshold: Threshold,
) -> Result<OcrText, OcrError> {
    run(img, layout, whitelist, false, threshold)
}

/// How Tesseract binarises the image before it reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// One threshold for the whole image (Otsu, Tesseract's default).
    Global,
    /// A threshold per neighbourhood (Sauvola): it follows the light across
    /// a page under a glare spot and a cast shadow on a dark table, where
    /// one global threshold blackens the shadow or bleaches the text and
    /// Tesseract finds nothing.
    Local,
}

/// [`recognize`], with each line's characters and Tesseract's confidence in
/// each. A line's confidence is its least certain character's: one unsure
/// filler in a run of `<` makes it 0 whatever the rest, where the
/// characters of one field tell how sure that field is.
pub fn recognize_symbols(
    img: &GrayImage,
    layout: Layout,
    whitelist: &str,
) -> Result<OcrText, OcrError> {
    run(img, layout, whitelist, true, Threshold::Global)
}

fn run(
    img: &GrayImage,
    layout: Layout,
    whitelist: &str,
    symbols: bool,
    threshold: Threshold,
) -> Result<OcrText, OcrError> {
    let api = ffi::api().ok_or(OcrError::Unavailable)?;
    let mut engine = api.take().ok_or(OcrError::Failed)?;
    let (w, h) = img.dimensions();
    let items = api.run(
        &mut engine,
        img.as_raw(),
        w,
        h,
        layout.psm(),
        whitelist,
        2,
        symbols,
        threshold,
    );
    api.give_back(engine);
    let (items, syms) = items.ok_or(OcrError::Failed)?;
    let conf = |c: f32| (c / 100.0).clamp(0.0, 1.0);
    let mut lines: Vec<OcrLine> = items
        .into_iter()
        .map(|i| OcrLine {
            text: i.text.trim_end().to_string(),
            confidence: conf(i.conf),
            bbox: i.bbox,
            symbols: Vec::new(),
        })
        .collect();
    // Symbols come in reading order; each goes to the line whose box holds
    // its centre.
    for s in syms {
        let (cx, cy) = ((s.bbox.0 + s.bbox.2) / 2, (s.bbox.1 + s.bbox.3) / 2);
        let line = lines.iter_mut().find(|l| {
            let (x0, y0, x1, y1) = l.bbox;
            (x0..=x1).contains(&cx) && (y0..=y1).contains(&cy)
        });
        if let (Some(line), Some(c)) = (line, s.text.chars().find(|c| !c.is_whitespace())) {
            line.symbols.push(Glyph {
                ch: c,
                confidence: conf(s.conf),
                left: s.bbox.0,
                right: s.bbox.2,
            });
        }
    }
    lines.retain(|l| !l.text.trim().is_empty());
    Ok(OcrText { lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_availability_without_panicking() {
        let a = available();
        assert_eq!(a, version().is_some());
        let blank = GrayImage::from_pixel(200, 60, image::Luma([255]));
        match recognize(&blank, Layout::Block, "") {
            Ok(t) => assert!(t.text().trim().is_empty()),
            Err(e) => assert!(!a || e == OcrError::Failed, "{e}"),
        }
    }
}
