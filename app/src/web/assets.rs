//! The built site's file names, resolved once at start.
//!
//! With `hash-files` the build names the stylesheet after its content and writes the hash to
//! `hash.txt` beside the server binary. Leptos's `HashedStylesheet` reads that file on every
//! render (a readlink, a stat and a read per page, ~4% of a session page's CPU under load); the
//! name cannot change while the binary runs, so it is read here once.

use std::sync::Arc;

use leptos::config::LeptosOptions;

/// Addresses of the built assets a page links.
#[derive(Clone, Debug)]
pub struct Assets {
    /// `/pkg/yishitong.<hash>.css`, or `/pkg/yishitong.css` for a build without hashes.
    pub stylesheet: Arc<str>,
    /// The wasm bundle's JavaScript glue, loaded only by a page with an island.
    pub script: Arc<str>,
    /// The wasm bundle itself.
    pub wasm: Arc<str>,
}

impl Assets {
    /// Resolves the names the way Leptos does: from the hash file beside the running binary
    /// when the options say files are hashed.
    pub fn resolve(options: &LeptosOptions) -> Self {
        let hashes = options
            .hash_files
            .then(|| {
                let exe = std::env::current_exe().ok()?;
                let dir = exe.parent()?;
                std::fs::read_to_string(dir.join(options.hash_file.as_ref())).ok()
            })
            .flatten()
            .unwrap_or_default();
        Self::from_hashes(options, &hashes)
    }

    /// The names given the hash file's contents (`css: <hash>` lines; empty when unhashed).
    fn from_hashes(options: &LeptosOptions, hashes: &str) -> Self {
        let name = |kind: &str, extension: &str| {
            let hash = hashes.lines().find_map(|line| {
                let (file, hash) = line.trim().split_once(':')?;
                (file.trim() == kind).then(|| hash.trim())
            });
            // Unhashed, the wasm keeps the output name too: `.cargo/config.toml` pins
            // LEPTOS_OUTPUT_NAME, which drops wasm-bindgen's `_bg`.
            let file = match hash {
                Some(hash) => format!("{}.{hash}.{extension}", options.output_name),
                None => format!("{}.{extension}", options.output_name),
            };
            Arc::from(format!("/{}/{file}", options.site_pkg_dir))
        };
        Self {
            stylesheet: name("css", "css"),
            script: name("js", "js"),
            wasm: name("wasm", "wasm"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("yishitong")
            .site_pkg_dir("pkg")
            .build()
    }

    #[test]
    fn a_hashed_build_links_its_hashed_stylesheet() {
        let hashes = "js: 0iNw\nwasm: VCil\ncss: IdKI1_Ml7uZywf\n";
        assert_eq!(
            &*Assets::from_hashes(&options(), hashes).stylesheet,
            "/pkg/yishitong.IdKI1_Ml7uZywf.css"
        );
        let assets = Assets::from_hashes(&options(), hashes);
        assert_eq!(&*assets.script, "/pkg/yishitong.0iNw.js");
        assert_eq!(&*assets.wasm, "/pkg/yishitong.VCil.wasm");
    }

    #[test]
    fn a_build_without_hashes_links_the_plain_name() {
        assert_eq!(
            &*Assets::from_hashes(&options(), "").stylesheet,
            "/pkg/yishitong.css"
        );
        assert_eq!(
            &*Assets::resolve(&options()).stylesheet,
            "/pkg/yishitong.css"
        );
    }
}
