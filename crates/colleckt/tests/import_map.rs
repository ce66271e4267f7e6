//! The import map of `src` has no circles: a module that the application
//! state, the settings or the command line depend on never depends back on
//! them (issue 14 §1). Each `.rs` file is a node; an edge is a `crate::` path
//! in its code (comments and `#[cfg(test)] mod tests` left out), resolved to
//! the longest module prefix that is a file. A circle found is printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            modules(&path, &p, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let mut p = prefix.to_vec();
            if !matches!(stem, "mod" | "lib" | "main") || prefix.is_empty() {
                p.push(stem.to_string());
            }
            out.insert(p.join("::"), std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The code without comments and without the unit-test module at the end.
fn code(src: &str) -> String {
    let src = src
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    src.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `crate::a::b::{c, d::e}` → `a::b::c`, `a::b::d`.
fn paths(code: &str) -> Vec<String> {
    let mut out = vec![];
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let base = rest[..end].trim_end_matches(':').to_string();
        if rest[end..].starts_with('{') && rest[..end].ends_with("::") {
            let group = &rest[end + 1..rest[end..].find('}').map_or(end, |j| end + j)];
            for item in group.split(',') {
                let first = item.trim().split([' ', ':']).next().unwrap_or_default();
                if !first.is_empty() {
                    out.push(format!("{base}::{first}"));
                }
            }
        } else {
            out.push(base);
        }
    }
    out
}

fn resolve<'a>(mods: &'a BTreeMap<String, String>, path: &str) -> Option<&'a String> {
    let segs: Vec<&str> = path.split("::").collect();
    (1..=segs.len())
        .rev()
        .find_map(|n| mods.get_key_value(&segs[..n].join("::")).map(|(k, _)| k))
}

#[test]
fn the_import_map_has_no_circles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut mods = BTreeMap::new();
    modules(&src, &[], &mut mods);
    let mut edges: BTreeMap<&String, BTreeSet<&String>> = BTreeMap::new();
    for (m, text) in &mods {
        let targets = edges.entry(m).or_default();
        for p in paths(&code(text)) {
            if let Some(t) = resolve(&mods, &p) {
                // A parent module's own re-exports are not a dependency.
                if t != m && !m.starts_with(&format!("{t}::")) && t != "lib" {
                    targets.insert(t);
                }
            }
        }
    }
    // A module is in a circle when it reaches itself.
    let mut circles = vec![];
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = edges[start].iter().copied().collect();
        while let Some(m) = stack.pop() {
            if m == *start {
                circles.push((*start).clone());
                break;
            }
            if seen.insert(m) {
                stack.extend(edges.get(m).into_iter().flatten().copied());
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules in an import circle: {circles:?}"
    );
    assert!(mods.len() > 50, "only {} modules found", mods.len());
}
