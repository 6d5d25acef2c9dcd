//! The folders of each crate form layers too: Cargo refuses a cycle between crates, and this test
//! refuses one between the top-level modules of a crate (`repo` using `auth` using `repo`), read
//! from the source's `crate::` and `super::` paths.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

/// Top-level module → the top-level modules it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file below `src`: `repo/mod.rs` is `[repo]`, `repo/areas.rs` is
/// `[repo, areas]`, `lib.rs` is `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The first names of the paths a `use` group opens with: `{a::b, c}` → `a`, `c`.
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let (mut depth, mut current) = (0, String::new());
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => heads.push(std::mem::take(&mut current)),
            _ if depth == 0 => current.push(c),
            _ => {}
        }
    }
    heads.push(current);
    heads
        .iter()
        .filter_map(|h| {
            h.trim()
                .split("::")
                .next()
                .map(str::trim)
                .map(str::to_owned)
        })
        .filter(|h| !h.is_empty())
        .collect()
}

/// The names that follow `prefix` in `code`, group heads included.
fn named_after(code: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, _) in code.match_indices(prefix) {
        // `super::` inside `super::super::` is counted from its first occurrence only.
        if prefix == "super::" && code[..i].ends_with("super::") {
            continue;
        }
        let rest = &code[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(group_heads(group));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
        }
    }
    names
}

fn graph(crate_dir: &str) -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(crate_dir)
        .join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let module = module_path(&src, &file);
        let Some(top) = module.first().cloned() else {
            continue;
        };
        let code: String = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        let mut names = named_after(&code, "crate::");
        // `super::` from a file one level down (`src/x.rs`, `src/x/mod.rs`) is the crate root;
        // from `src/x/y.rs` it is `x` itself, and `super::super::` the root.
        let ups = if module.len() == 1 {
            "super::"
        } else {
            "super::super::"
        };
        if module.len() <= 2 {
            names.extend(named_after(&code, ups));
        }
        let edges = graph.entry(top.clone()).or_default();
        edges.extend(names.into_iter().filter(|n| *n != top && !n.is_empty()));
    }
    graph
}

/// A cycle of the graph, if it has one, as the modules along it.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if !done.insert(node.to_owned()) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_folders_of_each_crate_form_no_cycle() {
    for crate_dir in ["model", "store", "app"] {
        let graph = graph(crate_dir);
        assert!(graph.len() >= 5, "{crate_dir}: {graph:?}");
        assert_eq!(cycle(&graph), None, "{crate_dir}: {graph:#?}");
    }
}

#[test]
fn a_cycle_is_found() {
    let edge = |a: &str, b: &str| (a.to_owned(), BTreeSet::from([b.to_owned()]));
    let looped = Graph::from([edge("repo", "auth"), edge("auth", "db"), edge("db", "repo")]);
    assert_eq!(
        cycle(&looped),
        Some(vec![
            "auth".into(),
            "db".into(),
            "repo".into(),
            "auth".into()
        ])
    );
    let layered = Graph::from([edge("repo", "auth"), edge("auth", "db")]);
    assert_eq!(cycle(&layered), None);
    assert_eq!(
        named_after(
            "use crate::{a::b, c::{d, e}, f};\nlet x = crate::g::h;",
            "crate::"
        ),
        ["a", "c", "f", "g"]
    );
}
