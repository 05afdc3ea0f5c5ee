//! Sorting with one copy of the sort code in the web app's bundle.
//!
//! Each `sort_by` of the standard library is compiled again for every element type and comparison, a few kilobytes
//! each. These helpers sort the positions `0..n` (always `usize`, through one non-generic function) and then move the
//! items into that order, so a call site costs only its comparison. The result is exactly a stable sort's: items
//! that compare equal keep their order.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// The positions `0..len` in stable sorted order by `compare`. Not generic, so the sort is compiled once.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|a, b| compare(*a, *b));
    positions
}

/// Stable sort by `compare`, as `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => compare(a, b),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Stable sort by a key, as `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Stable sort, as `slice::sort`.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The items as a set, built by insertion: collecting into a `BTreeSet` sorts first, with its own copy of the sort.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// A map kept as a vector sorted by key: for the few entries the diagrams group, far less code in the bundle than a
/// `BTreeMap` (whose node handling is compiled again for every key and value type). Iterates in key order.
#[derive(Debug)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// The value at `key`, inserted by `make` if the key is new. (Always `Some`: the entry was found or just put
    /// there; the `Option` only spares an index.)
    pub fn entry_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> Option<&mut V> {
        let at = match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (key, make()));
                at
            }
        };
        self.0.get_mut(at).map(|(_, v)| v)
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        let at = self.0.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn into_vec(self) -> Vec<(K, V)> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_exactly_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            // Sorting by the first field only leaves ties, which must keep their order.
            let mut ours = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            let mut theirs = items.clone();
            theirs.sort_by_key(|item| item.0);
            prop_assert_eq!(&ours, &theirs);
            let mut ours = items.clone();
            let descending_then_mod_7 = |a: &(u8, u16), b: &(u8, u16)| b.0.cmp(&a.0).then_with(|| (a.1 % 7).cmp(&(b.1 % 7)));
            sort_by(&mut ours, descending_then_mod_7);
            let mut theirs = items.clone();
            theirs.sort_by(descending_then_mod_7);
            prop_assert_eq!(&ours, &theirs);
            let mut ours = items.clone();
            sort(&mut ours);
            let mut theirs = items.clone();
            theirs.sort();
            prop_assert_eq!(ours, theirs);
            prop_assert_eq!(set_of(items.iter().copied()), items.iter().copied().collect::<BTreeSet<_>>());
        }

        #[test]
        fn sorted_map_is_a_btree_map(items in proptest::collection::vec((0u8..16, any::<u16>()), 0..100)) {
            let mut ours = SortedMap::default();
            let mut theirs = std::collections::BTreeMap::new();
            for (key, value) in &items {
                if let Some(v) = ours.entry_or_insert_with(*key, Vec::new) {
                    v.push(*value);
                }
                theirs.entry(*key).or_insert_with(Vec::new).push(*value);
            }
            prop_assert_eq!(ours.iter().collect::<Vec<_>>(), theirs.iter().collect::<Vec<_>>());
            for key in 0u8..16 {
                prop_assert_eq!(ours.get(&key), theirs.get(&key));
            }
            prop_assert_eq!(ours.into_vec(), theirs.into_iter().collect::<Vec<_>>());
        }
    }
}
