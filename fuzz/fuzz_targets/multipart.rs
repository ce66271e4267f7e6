//! The upload body: multer (what axum's `Multipart` wraps) splits arbitrary
//! bytes into fields, fed in two chunks cut where the first byte says, and
//! our [`FormBuilder`] applies the field rules — never a panic, and every
//! kept field within its limit.
#![no_main]
use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use colleckt_extract::form::{FormBuilder, MAX_TEXT_CHARS, MAX_UPLOAD_BYTES};
use libfuzzer_sys::fuzz_target;

const BOUNDARY: &str = "X-COLLECKT-BOUNDARY";

/// The body arrives whole, so every future is ready on its first polls.
fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&cut, body)) = data.split_first() else {
        return;
    };
    let cut = usize::from(cut).min(body.len());
    let chunks = vec![
        Ok::<_, Infallible>(Bytes::copy_from_slice(&body[..cut])),
        Ok(Bytes::copy_from_slice(&body[cut..])),
    ];
    let stream = futures_util::stream::iter(chunks);
    let mut multipart = multer::Multipart::new(stream, BOUNDARY);
    let form = run(async move {
        let mut form = FormBuilder::default();
        while let Ok(Some(mut field)) = multipart.next_field().await {
            form.start(field.name().unwrap_or_default());
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        if form.push(&chunk).is_err() {
                            return None;
                        }
                    }
                    Ok(None) => break,
                    Err(_) => return None,
                }
            }
        }
        Some(form.finish())
    });
    if let Some(form) = form {
        for text in [&form.slot, &form.side].into_iter().flatten() {
            assert!(text.chars().count() <= MAX_TEXT_CHARS);
        }
        for file in [&form.front, &form.back, &form.file].into_iter().flatten() {
            assert!(file.len() <= MAX_UPLOAD_BYTES);
        }
    }
});
