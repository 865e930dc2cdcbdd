//! One stable sort for the whole widget.
//!
//! `slice::sort_by` is generic: every call site with its own element type or
//! comparator gets its own copy of the standard library's sorting code (about
//! 3 KB of wasm each, a dozen call sites). Here the sorting is done once, on
//! indices, through a `dyn` comparator; what is generic per call site is only
//! the few lines that apply the order. The lists sorted are the dataset's
//! items (tens to a few thousand), so a merge sort on indices costs nothing a
//! reader would notice.

use std::cmp::Ordering;

/// The indices `0..n` in the order `cmp` gives, ties kept in index order
/// (a stable merge sort).
pub fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut spare = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut spare[start..end] {
                // Take from the right run only when it is strictly smaller:
                // equal items keep their order.
                let right = j < end && (i >= mid || cmp(order[j], order[i]) == Ordering::Less);
                *slot = if right { order[j] } else { order[i] };
                if right {
                    j += 1;
                } else {
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut spare);
        width *= 2;
    }
    order
}

/// Sorts `v` by `cmp`, stably (what `slice::sort_by` does, without a copy of
/// the sorting code per call site).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    apply(v, &order);
}

/// Sorts `v` in its natural order, stably.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with swaps.
fn apply<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        let mut i = start;
        done[i] = true;
        while order[i] != start {
            v.swap(i, order[i]);
            i = order[i];
            done[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_ties_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<i32> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std_sorted = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
            let order = sorted_order(v.len(), &|a, b| v[b].cmp(&v[a]));
            let mut by_order: Vec<_> = order.iter().map(|&i| v[i]).collect();
            let mut expected = v.clone();
            expected.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(&by_order, &expected);
            by_order.reverse();
            sort(&mut by_order);
            expected.sort();
            prop_assert_eq!(by_order, expected);
        }
    }
}
