//! Developer probe for the PDF417 reader: `cargo run --release --example
//! barcode_probe -- FILE...` prints, per file, the decode time (thread CPU), what the
//! locator found, and the reader's result and time, so a slow or failing
//! variant can be taken apart stage by stage.

use colleckt_extract::barcode;

/// CPU time of this thread in ms, so figures hold on a shared machine.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e6)
}

fn main() {
    // `--save DIR` writes each straightened crop there, to look at.
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let save = args.iter().position(|a| a == "--save").map(|i| {
        let dir = args.get(i + 1).cloned().unwrap_or_else(|| ".".into());
        args.drain(i..(i + 2).min(args.len()));
        dir
    });
    for path in args {
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{path}: unreadable");
            continue;
        };
        let t0 = cpu_ms();
        let Ok(img) = colleckt_extract::image::decode(&bytes) else {
            println!("{path}: undecodable");
            continue;
        };
        let t_decode = cpu_ms() - t0;
        let t1 = cpu_ms();
        let found = barcode::locate(&img.gray);
        let t_locate = cpu_ms() - t1;
        if let Some(dir) = &save {
            for (k, r) in found.iter().enumerate() {
                let (crop, _) = barcode::straighten(&img.gray, r, 1400.0);
                let name = std::path::Path::new(&path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                let _ = crop.save(format!("{dir}/{name}-{k}.png"));
            }
        }
        let t2 = cpu_ms();
        let read = barcode::read_pdf417(&img.gray);
        let t_read = cpu_ms() - t2;
        println!(
            "{path}: decode {:.0}ms locate {:.0}ms {:?} read {:.0}ms {:?}",
            t_decode,
            t_locate,
            found,
            t_read,
            read.as_ref().map(|r| r.attempt)
        );
    }
}
