//! What reading one verification's documents costs in CPU, beside the decode
//! floor: for `bench/pipeline`'s speed sets, how far a 2-core machine could
//! get even with perfect parallelism (the sum of the reads' CPU / 2).
//!
//! Usage: read_cpu [--reps N] TYPE=FRONT[,BACK] …, e.g.
//! `read_cpu Passport=p.jpg "Driver License=f.jpg,b.jpg"`. Tesseract is
//! loaded before timing (a server keeps its engines); each repetition prints
//! one JSON line per document `{"doc": i, "rep": r, "cpu_s": …}` (this thread's
//! CPU, from /proc/thread-self/schedstat) and a line with their sum.

use colleckt_extract::{extract, DocKind, ExtractInput};

fn thread_cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn fail(msg: String) -> ! {
    eprintln!("{msg}");
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut reps = 5usize;
    let mut docs: Vec<(DocKind, Vec<u8>, Option<Vec<u8>>)> = vec![];
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| fail("--reps needs a number".into()));
            continue;
        }
        let (kind, files) = a
            .split_once('=')
            .unwrap_or_else(|| fail(format!("{a}: expected TYPE=FRONT[,BACK]")));
        let kind =
            DocKind::from_name(kind).unwrap_or_else(|| fail(format!("{kind}: no such type")));
        let read = |f: &str| std::fs::read(f).unwrap_or_else(|e| fail(format!("{f}: {e}")));
        let mut files = files.split(',');
        let front = read(files.next().unwrap_or_default());
        let back = files.next().map(read);
        docs.push((kind, front, back));
    }
    if docs.is_empty() {
        fail("usage: read_cpu [--reps N] TYPE=FRONT[,BACK] …".into());
    }
    let _ = colleckt_extract::ocr::recognize(
        &image::GrayImage::from_pixel(64, 32, image::Luma([255])),
        colleckt_extract::ocr::Layout::Block,
        "",
    );
    for rep in 0..reps {
        let mut sum = 0.0;
        for (i, (kind, front, back)) in docs.iter().enumerate() {
            let c0 = thread_cpu_s();
            let out = extract(&ExtractInput {
                front,
                back: back.as_deref(),
                kind: Some(*kind),
            });
            let cpu = thread_cpu_s().zip(c0).map_or(0.0, |(b, a)| b - a);
            sum += cpu;
            println!(
                "{{\"doc\": {i}, \"rep\": {rep}, \"cpu_s\": {cpu:.4}, \"ok\": {}}}",
                out.is_ok()
            );
        }
        println!("{{\"rep\": {rep}, \"sum_cpu_s\": {sum:.4}}}");
    }
    colleckt_extract::ocr::release();
}
