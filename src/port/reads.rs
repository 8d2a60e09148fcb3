//! Response reads: Chilkat paths split into members and indexes, and the loops over arrays
//! that `[i]`/`[j]`/`[k]` imply, rebuilt from the paths themselves (so they do not depend
//! on how each language spells its loops).

/// One index in a path.
#[derive(Debug, Clone, PartialEq)]
pub enum Idx {
    At(i64),
    /// A loop variable (`i`, `j`, `k`) whose value the program set from a variable.
    Loop(char),
}

/// One path step: a member name and the indexes after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    pub name: String,
    pub idx: Vec<Idx>,
}

/// A loop a read needs: its variable and the array's path as the program wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoopSpec {
    pub var: char,
    pub array_path: String,
}

/// `state` holds the literal values of `I`, `J`, `K` (`None`: set from a loop variable).
pub fn parse(
    path: &str,
    delim: char,
    state: [Option<i64>; 3],
) -> Option<(Vec<Seg>, Vec<LoopSpec>)> {
    let mut segs = Vec::new();
    let mut loops = Vec::new();
    let mut offset = 0;
    for part in path.split(delim) {
        let open = part.find('[').unwrap_or(part.len());
        let mut seg = Seg {
            name: part[..open].to_string(),
            idx: Vec::new(),
        };
        let mut rest = &part[open..];
        let mut at = offset + open;
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']')?;
            let token = &inner[..close];
            let idx = match token {
                "i" | "j" | "k" => {
                    let n = (token.as_bytes()[0] - b'i') as usize;
                    match state[n] {
                        Some(v) => Idx::At(v),
                        None => {
                            loops.push(LoopSpec {
                                var: token.chars().next()?,
                                array_path: path[..at].to_string(),
                            });
                            Idx::Loop(token.chars().next()?)
                        }
                    }
                }
                digits => Idx::At(digits.parse().ok()?),
            };
            seg.idx.push(idx);
            at += close + 2;
            rest = &inner[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
        segs.push(seg);
        offset += part.len() + delim.len_utf8();
    }
    Some((segs, loops))
}

/// The loops open at the current point of the output.
#[derive(Default)]
pub struct Loops {
    open: Vec<LoopSpec>,
}

impl Loops {
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Closes the loops `want` does not share and opens the ones it adds, writing each opening
    /// line with `opener(depth, spec)`.
    pub fn enter(
        &mut self,
        want: &[LoopSpec],
        out: &mut String,
        mut opener: impl FnMut(usize, &LoopSpec) -> String,
    ) {
        let keep = self
            .open
            .iter()
            .zip(want)
            .take_while(|(a, b)| a == b)
            .count();
        while self.open.len() > keep {
            self.close_one(out);
        }
        for spec in &want[keep..] {
            let line = opener(self.open.len(), spec);
            out.push_str(&"    ".repeat(self.open.len()));
            out.push_str(&line);
            out.push('\n');
            self.open.push(spec.clone());
        }
    }

    fn close_one(&mut self, out: &mut String) {
        self.open.pop();
        out.push_str(&"    ".repeat(self.open.len()));
        out.push_str("}\n");
    }

    /// Closes loops until at most `depth` are open.
    pub fn close_to(&mut self, depth: usize, out: &mut String) {
        while self.open.len() > depth {
            self.close_one(out);
        }
    }

    pub fn close_all(&mut self, out: &mut String) {
        while !self.open.is_empty() {
            self.close_one(out);
        }
    }
}
