//! The cap on glibc's malloc arenas (`memory::limit_malloc_arenas`): many
//! threads allocating at once share at most two arenas, where glibc alone
//! gives each contending thread one of its own (up to eight per core), which
//! is what had pushed two workers' peak RSS past 400 MB.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

/// The number of arenas malloc has, from `malloc_info`'s `<heap nr=…>`.
fn arenas() -> usize {
    let mut buf: *mut libc::c_char = std::ptr::null_mut();
    let mut len: libc::size_t = 0;
    // SAFETY: open_memstream owns `buf` until fclose, after which it is a
    // NUL-terminated string of `len` bytes that we free.
    unsafe {
        let f = libc::open_memstream(&mut buf, &mut len);
        assert!(!f.is_null(), "open_memstream");
        assert_eq!(libc::malloc_info(0, f), 0, "malloc_info");
        libc::fclose(f);
        let xml = std::ffi::CStr::from_ptr(buf).to_string_lossy().into_owned();
        libc::free(buf.cast());
        xml.matches("<heap nr=").count()
    }
}

#[test]
fn contending_threads_share_at_most_two_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        eprintln!("skipped: MALLOC_ARENA_MAX is set, so the binary leaves the cap to it");
        return;
    }
    colleckt::memory::limit_malloc_arenas();
    let threads: Vec<_> = (0..16)
        .map(|t| {
            std::thread::spawn(move || {
                let mut kept = Vec::new();
                for i in 0..400usize {
                    let v = vec![(t + i) as u8; 256 * 1024];
                    kept.push(std::hint::black_box(v));
                    if kept.len() > 4 {
                        kept.remove(0);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let n = arenas();
    assert!((1..=2).contains(&n), "{n} arenas");
}
