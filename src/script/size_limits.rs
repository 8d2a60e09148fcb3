//! Size limits per value: each array, map and string is held to its own limit, checked in O(1)
//! where it grows. (Rhai's own checks add up everything nested in a value and walk the whole
//! value after every call that changes it, which made `push` quadratic and counted the members
//! of every row of a CSV file against one map limit.)
//!
//! Covered: `push`, `insert`, `pad`, `append`, `+=` and `+` on arrays and BLOBs (held to the
//! array limit); `+=`, `+`, `mixin` and `fill_with` on maps; `+=`, `+`, `append` and `pad` on
//! strings. Setting one map member at a time (`m.x = 1`, `m[k] = v`) is not checked: it grows
//! by one member per operation, so the operations limit bounds it. Not covered: string
//! interpolation (`\`${s}${s}\``), which Rhai checks only together with its whole-value walks.

use rhai::{Array, Blob, Dynamic, Engine, EvalAltResult, INT, ImmutableString, Map, Position};

use crate::cli::LimitArgs;

type Result<T> = std::result::Result<T, Box<EvalAltResult>>;

/// The three limits; 0 means none.
#[derive(Clone, Copy)]
struct Sizes {
    array: usize,
    map: usize,
    string: usize,
}

fn over(what: &str) -> Box<EvalAltResult> {
    EvalAltResult::ErrorDataTooLarge(what.to_string(), Position::NONE).into()
}

impl Sizes {
    fn array(self, len: usize) -> Result<()> {
        match self.array {
            0 => Ok(()),
            max if len > max => Err(over("Size of array")),
            _ => Ok(()),
        }
    }

    fn map(self, len: usize) -> Result<()> {
        match self.map {
            0 => Ok(()),
            max if len > max => Err(over("Size of object map")),
            _ => Ok(()),
        }
    }

    fn string(self, len: usize) -> Result<()> {
        match self.string {
            0 => Ok(()),
            max if len > max => Err(over("Length of string")),
            _ => Ok(()),
        }
    }
}

/// A count from a script: negative is 0.
fn count(n: INT) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Turns off Rhai's whole-value checks and registers the per-value ones.
pub fn apply(engine: &mut Engine, limits: &LimitArgs) {
    engine.set_max_string_size(0);
    engine.set_max_array_size(0);
    engine.set_max_map_size(0);
    // Operators on built-in types skip registered functions unless this is off.
    engine.set_fast_operators(false);
    let s = Sizes {
        array: limits.max_array_size,
        map: limits.max_map_size,
        string: limits.max_string_size,
    };
    register_arrays(engine, s);
    register_blobs(engine, s);
    register_maps(engine, s);
    register_strings(engine, s);
}

fn register_arrays(engine: &mut Engine, s: Sizes) {
    engine.register_fn("push", move |a: &mut Array, v: Dynamic| -> Result<()> {
        s.array(a.len() + 1)?;
        a.push(v);
        Ok(())
    });
    engine.register_fn("+=", move |a: &mut Array, v: Array| -> Result<()> {
        s.array(a.len() + v.len())?;
        a.extend(v);
        Ok(())
    });
    engine.register_fn("+=", move |a: &mut Array, v: Dynamic| -> Result<()> {
        s.array(a.len() + 1)?;
        a.push(v);
        Ok(())
    });
    engine.register_fn("append", move |a: &mut Array, v: Array| -> Result<()> {
        s.array(a.len() + v.len())?;
        a.extend(v);
        Ok(())
    });
    engine.register_fn("+", move |a: Array, v: Array| -> Result<Array> {
        s.array(a.len() + v.len())?;
        let mut a = a;
        a.extend(v);
        Ok(a)
    });
    engine.register_fn(
        "insert",
        move |a: &mut Array, at: INT, v: Dynamic| -> Result<()> {
            s.array(a.len() + 1)?;
            let len = a.len() as INT;
            let at = if at < 0 {
                (len + at).max(0)
            } else {
                at.min(len)
            };
            a.insert(count(at), v);
            Ok(())
        },
    );
    engine.register_fn(
        "pad",
        move |a: &mut Array, len: INT, v: Dynamic| -> Result<()> {
            let len = count(len);
            s.array(len)?;
            if len > a.len() {
                a.resize(len, v);
            }
            Ok(())
        },
    );
}

fn register_blobs(engine: &mut Engine, s: Sizes) {
    let extend = move |b: &mut Blob, v: Blob| -> Result<()> {
        s.array(b.len() + v.len())?;
        b.extend(v);
        Ok(())
    };
    engine.register_fn("+=", extend);
    engine.register_fn("append", extend);
    engine.register_fn("+", move |b: Blob, v: Blob| -> Result<Blob> {
        s.array(b.len() + v.len())?;
        let mut b = b;
        b.extend(v);
        Ok(b)
    });
    engine.register_fn("push", move |b: &mut Blob, v: INT| -> Result<()> {
        s.array(b.len() + 1)?;
        b.push((v & 0xff) as u8);
        Ok(())
    });
    engine.register_fn("+=", move |b: &mut Blob, v: INT| -> Result<()> {
        s.array(b.len() + 1)?;
        b.push((v & 0xff) as u8);
        Ok(())
    });
    engine.register_fn("pad", move |b: &mut Blob, len: INT, v: INT| -> Result<()> {
        let len = count(len);
        s.array(len)?;
        if len > b.len() {
            b.resize(len, (v & 0xff) as u8);
        }
        Ok(())
    });
}

fn register_maps(engine: &mut Engine, s: Sizes) {
    let merge = move |m: &mut Map, other: Map| -> Result<()> {
        let new = other.keys().filter(|k| !m.contains_key(*k)).count();
        s.map(m.len() + new)?;
        m.extend(other);
        Ok(())
    };
    engine.register_fn("+=", merge);
    engine.register_fn("mixin", merge);
    engine.register_fn("+", move |m: Map, other: Map| -> Result<Map> {
        let mut m = m;
        merge(&mut m, other)?;
        Ok(m)
    });
    engine.register_fn("fill_with", move |m: &mut Map, other: Map| -> Result<()> {
        let new = other.keys().filter(|k| !m.contains_key(*k)).count();
        s.map(m.len() + new)?;
        for (k, v) in other {
            m.entry(k).or_insert(v);
        }
        Ok(())
    });
}

fn register_strings(engine: &mut Engine, s: Sizes) {
    let concat = move |a: &mut ImmutableString, b: ImmutableString| -> Result<()> {
        s.string(a.len() + b.len())?;
        if a.is_empty() {
            *a = b;
        } else {
            a.make_mut().push_str(&b);
        }
        Ok(())
    };
    engine.register_fn("+=", concat);
    engine.register_fn("append", concat);
    engine.register_fn(
        "+=",
        move |a: &mut ImmutableString, c: char| -> Result<()> {
            s.string(a.len() + c.len_utf8())?;
            a.make_mut().push(c);
            Ok(())
        },
    );
    engine.register_fn(
        "+",
        move |a: ImmutableString, b: ImmutableString| -> Result<ImmutableString> {
            s.string(a.len() + b.len())?;
            if a.is_empty() {
                return Ok(b);
            }
            let mut out = String::with_capacity(a.len() + b.len());
            out.push_str(&a);
            out.push_str(&b);
            Ok(out.into())
        },
    );
    engine.register_fn(
        "pad",
        move |a: &mut ImmutableString, len: INT, c: char| -> Result<()> {
            let len = count(len);
            let chars = a.chars().count();
            if len > chars {
                s.string(a.len() + (len - chars) * c.len_utf8())?;
                let text = a.make_mut();
                text.extend(std::iter::repeat_n(c, len - chars));
            }
            Ok(())
        },
    );
}
