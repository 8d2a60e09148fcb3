//! The text of every script and module loaded in a run, by the name diagnostics show for it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Shared between the module resolver (which adds) and the error renderer (which reads).
#[derive(Clone, Default)]
pub struct Sources {
    inner: Rc<RefCell<HashMap<String, Rc<str>>>>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the text shown for `name`.
    pub fn insert(&self, name: &str, text: &str) {
        self.inner
            .borrow_mut()
            .insert(name.to_string(), Rc::from(text));
    }

    /// The text recorded for `name`.
    pub fn get(&self, name: &str) -> Option<Rc<str>> {
        self.inner.borrow().get(name).cloned()
    }
}
