//! The shape of a live value for completion: the keys of a map, the keys of those keys'
//! maps, and for an array the keys of its first items (under `[]`); bounded in depth and
//! width so a large result (thousands of users) stays cheap to walk after every input.

use rhai::Dynamic;
use serde_json::Value;

/// How deep the tree follows nested maps and arrays.
const DEPTH: usize = 6;
/// Most keys kept at one level.
const WIDTH: usize = 200;
/// Items of an array whose keys are merged into `[]`.
const ITEMS: usize = 5;

/// Keys at one level, sorted, each with what lies below it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyTree(pub Vec<(String, KeyTree)>);

impl KeyTree {
    /// The tree of a Rhai value; empty for anything but maps and arrays.
    pub fn from_dynamic(value: &Dynamic) -> KeyTree {
        from_dynamic(value, 0)
    }

    /// The tree of a JSON value.
    pub fn from_json(value: &Value) -> KeyTree {
        from_json(value, 0)
    }

    /// The subtree at `path` (key names, `[]` for an index).
    pub fn at(&self, path: &[String]) -> Option<&KeyTree> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        self.0
            .iter()
            .find(|(k, _)| k == first)
            .and_then(|(_, t)| t.at(rest))
    }

    /// The key names at this level, without the `[]` entry.
    pub fn names(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k != "[]")
            .map(|(k, _)| k.clone())
            .collect()
    }

    fn insert(&mut self, key: &str, sub: KeyTree) {
        if let Some(i) = self.0.iter().position(|(k, _)| k == key) {
            self.0[i].1.merge(sub);
        } else if self.0.len() < WIDTH {
            self.0.push((key.to_string(), sub));
        }
    }

    fn merge(&mut self, other: KeyTree) {
        for (k, t) in other.0 {
            self.insert(&k, t);
        }
    }

    fn sorted(mut self) -> KeyTree {
        self.0.sort_by(|a, b| a.0.cmp(&b.0));
        self
    }
}

fn from_dynamic(value: &Dynamic, depth: usize) -> KeyTree {
    let mut tree = KeyTree::default();
    if depth >= DEPTH {
        return tree;
    }
    if let Some(map) = value.read_lock::<rhai::Map>() {
        for (k, v) in map.iter().take(WIDTH) {
            tree.insert(k, from_dynamic(v, depth + 1));
        }
    } else if let Some(items) = value.read_lock::<rhai::Array>() {
        let mut inner = KeyTree::default();
        for item in items.iter().take(ITEMS) {
            inner.merge(from_dynamic(item, depth + 1));
        }
        if !inner.0.is_empty() {
            tree.insert("[]", inner.sorted());
        }
    }
    tree.sorted()
}

fn from_json(value: &Value, depth: usize) -> KeyTree {
    let mut tree = KeyTree::default();
    if depth >= DEPTH {
        return tree;
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter().take(WIDTH) {
                tree.insert(k, from_json(v, depth + 1));
            }
        }
        Value::Array(items) => {
            let mut inner = KeyTree::default();
            for item in items.iter().take(ITEMS) {
                inner.merge(from_json(item, depth + 1));
            }
            if !inner.0.is_empty() {
                tree.insert("[]", inner.sorted());
            }
        }
        _ => {}
    }
    tree.sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_arrays_of_maps_give_keys_at_each_level() {
        let mut user = rhai::Map::new();
        user.insert("Username".into(), Dynamic::from("ann"));
        let mut other = rhai::Map::new();
        other.insert("Enabled".into(), Dynamic::TRUE);
        let users: rhai::Array = vec![Dynamic::from_map(user), Dynamic::from_map(other)];
        let mut top = rhai::Map::new();
        top.insert("Users".into(), Dynamic::from_array(users));
        top.insert("Count".into(), Dynamic::from_int(2));
        let tree = KeyTree::from_dynamic(&Dynamic::from_map(top));
        assert_eq!(tree.names(), vec!["Count", "Users"]);
        let item = tree.at(&["Users".into(), "[]".into()]).unwrap();
        assert_eq!(item.names(), vec!["Enabled", "Username"]);
        assert!(KeyTree::from_dynamic(&Dynamic::from_int(1)).0.is_empty());
    }
}
