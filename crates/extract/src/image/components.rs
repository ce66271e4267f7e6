//! 4-connected components of a mask, as the locators (MRZ lines, PDF417
//! symbols, address pages) find their candidates on a small view.

/// Calls `visit` once per 4-connected component of `mask` (`w × h`, row
/// major) with the indices of its pixels. One pixel list is reused, so the
/// work and memory are linear in the mask whatever its shape.
pub fn for_each_component(mask: &[bool], w: usize, h: usize, mut visit: impl FnMut(&[usize])) {
    let n = (w * h).min(mask.len());
    let mut seen = vec![false; n];
    let mut stack = Vec::new();
    let mut pixels = Vec::new();
    for start in 0..n {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        pixels.clear();
        while let Some(q) = stack.pop() {
            pixels.push(q);
            let (x, y) = (q % w, q / w);
            for (ok, r) in [
                (x > 0, q.wrapping_sub(1)),
                (x + 1 < w, q + 1),
                (y > 0, q.wrapping_sub(w)),
                (y + 1 < h, q + w),
            ] {
                if ok && r < n && mask[r] && !seen[r] {
                    seen[r] = true;
                    stack.push(r);
                }
            }
        }
        visit(&pixels);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_four_connected_region_once() {
        // Two blocks, and two pixels touching only diagonally (two regions).
        let rows = ["##..#", "##...", ".....", "#....", ".#..."];
        let mask: Vec<bool> = rows
            .iter()
            .flat_map(|r| r.chars().map(|c| c == '#'))
            .collect();
        let mut sizes = vec![];
        for_each_component(&mask, 5, 5, |p| sizes.push(p.len()));
        sizes.sort_unstable();
        assert_eq!(sizes, vec![1, 1, 1, 4]);
        let mut none = 0;
        for_each_component(&[false; 9], 3, 3, |_| none += 1);
        assert_eq!(none, 0);
    }
}
