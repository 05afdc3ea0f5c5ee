//! Sorting, sorted sets and sorted maps with little code in the web app's bundle.
//!
//! Each `sort_by` of the standard library is compiled again for every element type and comparison, a few kilobytes
//! each. These helpers sort the positions `0..n` (always `usize`, through one non-generic function) and then move the
//! items into that order, so a call site costs only its comparison. The result is exactly a stable sort's: items
//! that compare equal keep their order. Likewise `BTreeSet` and `BTreeMap` compile their node handling again for
//! every item type; the engine's and the app's sets and maps hold a handful of entries, which [`SortedSet`] and
//! [`SortedMap`] keep in a sorted vector.

use std::cmp::Ordering;

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

/// The items as a set.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> SortedSet<T> {
    let mut set = SortedSet::default();
    set.extend(items);
    set
}

/// A set kept as a vector in order, without repeats: for the handful of steps, fields and endpoint classes the engine
/// and the app collect, far less code in the bundle than a `BTreeSet` (whose node handling is compiled again for every
/// item type). Iterates in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// Adds the item; false when it was there already.
    pub fn insert(&mut self, item: T) -> bool {
        match self.0.binary_search(&item) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, item);
                true
            }
        }
    }

    pub fn contains(&self, item: &T) -> bool {
        self.0.binary_search(item).is_ok()
    }
}

impl<T> SortedSet<T> {
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        set_of(items)
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(items: [T; N]) -> Self {
        set_of(items)
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
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
            let theirs = items.iter().copied().collect::<std::collections::BTreeSet<_>>();
            let ours = set_of(items.iter().copied());
            prop_assert_eq!(ours.iter().collect::<Vec<_>>(), theirs.iter().collect::<Vec<_>>());
            prop_assert_eq!(ours.len(), theirs.len());
            for item in &items {
                prop_assert!(ours.contains(item));
            }
            prop_assert!(!ours.contains(&(8, 0)));
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
