//! What one drawing of the explainer reads ([`Frame`]), and the small cache
//! each part of the screen keeps so that a change rebuilds only the parts
//! whose inputs changed ([`Cache`]). Pure: no Leptos, no DOM.

use crate::context::{id_of, DataState, WidgetState};
use crate::model::Dataset;
use crate::state::{ReaderState, View};
use std::sync::Arc;

/// Everything one drawing of the explainer reads, taken from its signals at
/// once.
pub struct Frame<'a> {
    /// The reader's state.
    pub state: &'a ReaderState,
    /// Where the data came from.
    pub source: &'a DataState,
    /// The dataset shown.
    pub data: &'a Arc<Dataset>,
    /// What the widget remembers besides the reader's state.
    pub widget: &'a WidgetState,
    /// The width of the view panel in pixels.
    pub width: i32,
    /// Whether the controls are shown (`controls="none"` hides them).
    pub show_controls: bool,
    /// Whether the reader asked for reduced motion (play is off then).
    pub reduced_motion: bool,
    /// The prefix that makes element ids unique to the instance.
    pub id_prefix: &'a str,
    /// Whether "Copy link" has a link to copy.
    pub has_link: bool,
}

impl Frame<'_> {
    /// An element id unique to the instance.
    pub fn id(&self, local: &str) -> String {
        id_of(self.id_prefix, local)
    }

    /// The dataset as a cache key.
    pub fn data_key(&self) -> Same<Dataset> {
        Same(self.data.clone())
    }

    /// Whether `view` is the one shown.
    pub fn shows(&self, view: View) -> bool {
        self.state.view == view
    }
}

/// A shared value compared by identity, as a cache key: a new dataset or
/// scene is a new `Arc`, and comparing two field by field would cost more
/// than building again. Holding the `Arc` keeps its address from being
/// reused by another value.
#[derive(Debug)]
pub struct Same<T>(pub Arc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The last value built and what it was built from: a part of the screen
/// whose inputs did not change is not built again (and, being the same
/// `Arc`, is skipped by the renderer at once).
pub struct Cache<K, V> {
    built: Option<(K, V)>,
}

impl<K, V> Default for Cache<K, V> {
    fn default() -> Self {
        Cache { built: None }
    }
}

impl<K: PartialEq, V: Clone> Cache<K, V> {
    /// The value for `key`: the last one if it was built from an equal key,
    /// else `build(&key)`, kept for next time.
    pub fn get(&mut self, key: K, build: impl FnOnce(&K) -> V) -> V {
        match &self.built {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                let v = build(&key);
                self.built = Some((key, v.clone()));
                v
            }
        }
    }

    /// The last value built, whatever it was built from.
    pub fn last(&self) -> Option<&V> {
        self.built.as_ref().map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_builds_once_per_key() {
        let mut c: Cache<i32, Arc<String>> = Cache::default();
        let builds = std::cell::Cell::new(0);
        let get = |c: &mut Cache<i32, Arc<String>>, k: i32| {
            c.get(k, |k| {
                builds.set(builds.get() + 1);
                Arc::new(k.to_string())
            })
        };
        let a = get(&mut c, 1);
        let b = get(&mut c, 1);
        assert!(Arc::ptr_eq(&a, &b), "the same value, not a copy");
        let d = get(&mut c, 2);
        assert_eq!(*d, "2");
        assert_eq!(builds.get(), 2);
        assert_eq!(c.last().map(|s| s.as_str()), Some("2"));
    }

    #[test]
    fn datasets_are_the_same_key_only_when_they_are_the_same_dataset() {
        let a = Arc::new(Dataset::built_in());
        let b = Arc::new(Dataset::built_in());
        assert!(Same(a.clone()) == Same(a.clone()));
        assert!(Same(a) != Same(b), "equal content, another dataset");
    }
}
