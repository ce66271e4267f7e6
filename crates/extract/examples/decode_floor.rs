//! The decode floor for `bench/pipeline/run`: the time just to decode the
//! images of one verification with the extractor's own intake
//! (`colleckt_extract::image::decode`: zune-jpeg straight to grey for JPEG, the
//! `image` crate for PNG/WebP, EXIF orientation), nothing read from them.
//!
//! Usage: decode_floor [--reps N] SET [SET …], where a SET is a comma-separated
//! list of image files (the files of one verification, decoded one after the
//! other as the pipeline does). Prints one JSON line per set and repetition
//! `{"set": i, "rep": r, "wall_s": …, "cpu_s": …}`; CPU time is this thread's
//! (from /proc/thread-self/schedstat), so it holds on a shared machine.

use std::time::Instant;

fn thread_cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut reps = 5usize;
    let mut sets: Vec<Vec<Vec<u8>>> = vec![];
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| {
                eprintln!("--reps needs a number");
                std::process::exit(2)
            });
            continue;
        }
        let files = a
            .split(',')
            .map(|f| {
                std::fs::read(f).unwrap_or_else(|e| {
                    eprintln!("{f}: {e}");
                    std::process::exit(2)
                })
            })
            .collect();
        sets.push(files);
    }
    if sets.is_empty() {
        eprintln!("usage: decode_floor [--reps N] FILE[,FILE…] …");
        std::process::exit(2);
    }
    for rep in 0..reps {
        for (i, set) in sets.iter().enumerate() {
            let (t, c) = (Instant::now(), thread_cpu_s());
            let mut pixels = 0u64;
            for bytes in set {
                let img = colleckt_extract::image::decode(bytes).unwrap_or_else(|e| {
                    eprintln!("set {i}: {e}");
                    std::process::exit(1)
                });
                pixels += u64::from(img.width()) * u64::from(img.height());
            }
            let wall = t.elapsed().as_secs_f64();
            let cpu = match (c, thread_cpu_s()) {
                (Some(a), Some(b)) => b - a,
                _ => wall,
            };
            println!(
                "{}",
                serde_json::json!({"set": i, "rep": rep, "files": set.len(),
                    "megapixels": pixels as f64 / 1e6, "wall_s": wall, "cpu_s": cpu})
            );
        }
    }
}
