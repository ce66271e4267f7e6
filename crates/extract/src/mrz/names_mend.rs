//! The names line mended by the visual zone's words, each way in turn while
//! the zone does not print its names (see each function). The zone is read
//! several ways (as one block, as scattered text at two thresholds,
//! levelled, zoomed); a long name one read garbles (`ABERCROMAic
//! MONTGOMERYsHipe`) another prints whole, so the words of every read are
//! offered once the first read's alone did not do.

use super::viz::VizAgreement;
use super::Mrz;

/// Mend `m`'s names with `words` (the zone's, as the MRZ spells them) and
/// `shapes` (the template reads' names fields of the band), while the zone
/// was legible and does not print the names; `agree` says what the zone
/// prints of a read; `witnesses`, every line the picture's reads made.
/// Returns the agreement after.
pub(super) fn mend(
    m: &mut Mrz,
    words: &[String],
    shapes: &[String],
    witnesses: &[String],
    mut a: VizAgreement,
    agree: &dyn Fn(&Mrz) -> VizAgreement,
) -> VizAgreement {
    let mends: [&dyn Fn(&mut Mrz) -> bool; 9] = [
        &|m| super::state_glyph::mend(m, words),
        &|m| super::names_filler::repair(m, words),
        &|m| super::names_filler::restore_k(m, words),
        &|m| super::names_filler::serif_i(m, words),
        &|m| super::names_filler::drop_glued_filler(m, words),
        &|m| super::names_witness::mend(m, words, witnesses),
        &|m| super::names_shape::mend(m, words, shapes),
        &|m| super::names_vote::mend(m, words, shapes),
        // Last: the loosest, only where every cell-wise mend did not do.
        &|m| super::names_near::mend(m, words),
    ];
    for mend in mends {
        if a.legible() && !a.names() && mend(m) {
            a = agree(m);
        }
    }
    a
}
