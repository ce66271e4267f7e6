//! Photographed licence backs: a symbol tilted by a few degrees, seen in
//! perspective and blurred must still decode. Before the reader straightened
//! the located symbol along its rows, both of these failed (a tilted scan
//! line crosses the three-module-high rows), although every retry ran.

mod common;
use colleckt_extract::barcode::read_pdf417;
use colleckt_extract::image::decode;
use common::{corpus, manifest_entry};

#[test]
fn tilted_and_blurred_backs_decode_to_their_payload() {
    for name in ["licence-000-photo.jpg", "licence-001-hard.jpg"] {
        let img = decode(&corpus(name)).expect("decode");
        let read = read_pdf417(&img.gray).unwrap_or_else(|| panic!("{name}: not read"));
        let want = manifest_entry(name);
        assert_eq!(
            Some(read.payload.as_str()),
            want["payload"].as_str(),
            "{name}"
        );
        assert_eq!(
            read.record.last_name.as_deref(),
            want["expected"]["last_name"].as_str(),
            "{name}"
        );
    }
}
