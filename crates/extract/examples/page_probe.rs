//! Developer probe for photographed pages: `page_probe OUT_DIR FILE...`
//! writes the levelled text block of each page to OUT_DIR and prints the
//! skew, the block's size and what Tesseract reads in it.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: page_probe OUT_DIR FILE...");
        std::process::exit(2);
    };
    for path in args {
        let Some(img) = std::fs::read(&path)
            .ok()
            .and_then(|b| colleckt_extract::image::decode(&b).ok())
        else {
            println!("{path}: unreadable");
            continue;
        };
        let Some((block, skew)) = colleckt_extract::address::text_block(&img.gray) else {
            println!("{path}: no text block");
            continue;
        };
        let name = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let _ = block.save(format!("{out}/{name}.png"));
        let text =
            colleckt_extract::ocr::recognize(&block, colleckt_extract::ocr::Layout::Page, "")
                .map(|t| t.text())
                .unwrap_or_default();
        println!(
            "{path}: skew {skew:.1}° block {:?}\n{text}\n",
            block.dimensions()
        );
    }
    colleckt_extract::ocr::release();
}
