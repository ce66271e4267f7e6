//! `cargo run --example extract -- FRONT [--back BACK] [--type TYPE]`: prints
//! the `extracted_data` JSON, as `colleckt extract` will.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut front, mut back, mut kind) = (None, None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--back" => back = args.next().map(PathBuf::from),
            "--type" => kind = args.next(),
            "--version" => {
                println!(
                    "ocr: {}",
                    colleckt_extract::ocr_version().unwrap_or_else(|| "unavailable".into())
                );
                return;
            }
            _ => front = Some(PathBuf::from(a)),
        }
    }
    let Some(front) = front else {
        eprintln!("usage: extract FRONT [--back BACK] [--type TYPE]");
        std::process::exit(2);
    };
    match colleckt_extract::extract_files(&front, back.as_deref(), kind.as_deref()) {
        Ok(v) => println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
