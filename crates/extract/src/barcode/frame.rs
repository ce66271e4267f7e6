//! The first pass: the whole frame handed to rxing (ZXing's PDF417 reader)
//! as it is, the way a well-kept decoder reads any picture; the locator and
//! the straightening in [`super`] only see what it misses.
//!
//! rxing's detector already tries the frame at 0, 180, 270 and 90 degrees.
//! What it does not do, and this pass adds: a quiet zone around a tightly
//! cropped symbol (its start pattern at the very edge of the picture is not
//! found otherwise), and a smaller scale, since the detector wants modules
//! of a few pixels and a 12 MP photo has ten times that.

use image::GrayImage;

use super::{accept, decode_raw, BarcodeRead};
use crate::image::ops::downscale_to;

/// Long sides the frame is read at in the first pass. A picture smaller
/// is read at its own size. (Other sizes come last, in [`super`].)
const SIDES: &[u32] = &[1600];
/// A picture whose long side is at most this is taken for a crop that may
/// hold the symbol edge to edge, and gets a quiet zone.
pub(super) const CROP_SIDE: u32 = 1600;

/// The views of the frame to decode, in order: each is a picture rxing
/// reads as a whole.
pub(super) fn views(img: &GrayImage) -> Vec<GrayImage> {
    let longest = img.width().max(img.height());
    let mut out = Vec::new();
    if longest == 0 {
        return out;
    }
    if longest <= CROP_SIDE {
        out.push(with_quiet_zone(img));
    }
    for &side in SIDES {
        if side < longest {
            out.push(downscale_to(img, side));
        }
    }
    out
}

/// The picture on a white margin a few modules wide (a tenth of the short
/// side, at least 8 px): PDF417 asks for two modules of quiet zone, and a
/// scanner's or a user's crop often leaves none.
pub(super) fn with_quiet_zone(img: &GrayImage) -> GrayImage {
    let (w, h) = img.dimensions();
    let m = (w.min(h) / 10).max(8);
    let mut out = GrayImage::from_pixel(w + 2 * m, h + 2 * m, image::Luma([255]));
    image::imageops::replace(&mut out, img, i64::from(m), i64::from(m));
    out
}

/// The first view whose payload decodes and parses as AAMVA.
pub(super) fn read_frame(img: &GrayImage) -> Option<BarcodeRead> {
    views(img)
        .iter()
        .find_map(|v| decode_raw(v, false).and_then(|t| accept(t, "frame")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crop_gets_a_white_margin_and_a_photo_is_scaled_down() {
        let crop = GrayImage::from_pixel(400, 100, image::Luma([0]));
        let v = views(&crop);
        assert_eq!(v.len(), 1);
        // A tenth of the short side on every edge.
        assert_eq!(v[0].dimensions(), (420, 120));
        assert_eq!(v[0].get_pixel(9, 9).0[0], 255);
        assert_eq!(v[0].get_pixel(10, 10).0[0], 0);
        assert_eq!(
            with_quiet_zone(&GrayImage::new(30, 20)).dimensions(),
            (46, 36)
        );

        let photo = GrayImage::new(4000, 3000);
        let sides: Vec<u32> = views(&photo)
            .iter()
            .map(|v| v.width().max(v.height()))
            .collect();
        // An integer box filter: 4000 / 3.
        assert_eq!(sides, vec![1333]);
        assert!(views(&GrayImage::new(0, 0)).is_empty());
    }
}
