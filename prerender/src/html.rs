//! The text work of putting a page together: escaping, JSON made safe inside
//! `<script>`, reading and picking tags of trunk's template, moving trunk's
//! inline loader into a file, filling the template with a page's head tags,
//! body and documents, and making the app load after the page. Everything
//! above (`seo`, `embed`, `main`) writes HTML through here.

use broadsheet::components::blocks::{PARAGRAPH_ID_PREFIX, SOCIAL_FACADE_CLASS};
use broadsheet::components::figure::{
    PICTURE_FRAME_CLASS, PICTURE_SHOWN_ATTRIBUTE, WAITING_POSTER_ATTRIBUTE,
};
use broadsheet::components::island::{ISLAND_ALIVE_ATTRIBUTE, ISLAND_ATTRIBUTE};
use broadsheet::components::translations::KEEPS_PLACE_ATTRIBUTE;
use broadsheet::content::embedded::{EMBEDDED_DOCUMENT_ATTRIBUTE, FOLLOWED_DOCUMENT_ATTRIBUTE};
use broadsheet::context::settings::{SAVE_DATA_ATTRIBUTE, STORAGE_KEY as SETTINGS_KEY};
use broadsheet::islands::{CURRENT_ATTRIBUTE, PRERENDERED_ID};
use broadsheet::platform::offline_cache::KEEP_MESSAGE;
use broadsheet::platform::trusted_types::APP_POLICY;
use broadsheet::platform::READY_ATTRIBUTE;
use broadsheet::pwa::{INSTALL_DISMISSED_KEY, INSTALL_OFFER_GLOBAL};
use broadsheet::routes::SERVICE_WORKER;
use sha2::{Digest, Sha256};

pub use broadsheet::format::escape_html as escape;

/// JSON made safe inside `<script>`: no `</script>` or `<!--` can end or bend
/// it, and no quote can be taken for the end of a script's string, whatever
/// the newsroom wrote. `\u003c` and `\u0027` mean `<` and `'` to any JSON
/// reader; both occur only inside JSON strings.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('\'', "\\u0027")
}

/// The `content` of `<meta name="{name}" content="…">` in a page.
pub fn meta_content(page: &str, name: &str) -> Option<String> {
    let start = page.find(&format!("name=\"{name}\""))?;
    let rest = &page[start..];
    let value = rest.split("content=\"").nth(1)?;
    Some(value[..value.find('"')?].to_owned())
}

/// A whole page: trunk's template, the head tags, the rendered body marked for
/// the app to take over, and the documents it was rendered from. Fails when
/// the template's loader is not the one [`loader_moved_out`] writes. The
/// document at `followed`, if any, is the one the loader asks the host about
/// (an article's own: corrected or withdrawn since?).
pub fn page(
    template: &str,
    head_tags: &str,
    body: &str,
    language: &str,
    documents: &[(String, String)],
    followed: Option<&str>,
) -> Result<String, String> {
    let mut content = format!("<div id=\"{PRERENDERED_ID}\">{body}</div>");
    for (url, text) in documents {
        let follow = if followed == Some(url.as_str()) {
            format!(" {FOLLOWED_DOCUMENT_ATTRIBUTE}")
        } else {
            String::new()
        };
        content.push_str(&format!(
            "<script type=\"application/json\" {EMBEDDED_DOCUMENT_ATTRIBUTE}=\"{}\"{follow}>{}</script>",
            escape(url),
            script_safe(text)
        ));
    }
    // The template is checked and stripped of preloads before anything of a
    // document is in it, so no document's words can be taken for the loader.
    let template = load_app_after_page(template)?;
    Ok(fill_template(&template, head_tags, &content, language))
}

/// How the page names the loader file [`loader_moved_out`] writes.
const LOADER_TAG_START: &str = "<script type=\"module\" src=\"";
const LOADER_NAME_START: &str = "loader-";

/// Moves the reading progress bar (`components/reading_aids.rs` renders it),
/// with or without the app.
const READING_PROGRESS_JS: &str = include_str!("../../src/components/reading-progress.js");
/// Following a link to a translation to the paragraph being read.
const TRANSLATION_SWITCH_JS: &str = include_str!("../../src/components/translation-switch.js");
/// A social post's facade replaced by the platform's frame at a tap.
const SOCIAL_FACADE_JS: &str = include_str!("../../src/components/blocks/social-facade.js");
/// Pictures and video posters that wait for the reader's tap to save data.
const DATA_SAVER_JS: &str = include_str!("../../src/components/data-saver.js");

/// Registers the service worker, and keeps a prerendered page's app asleep
/// until it is needed (`appNeeded()`).
const LOADER_JS: &str = include_str!("../../src/islands/loader.js");

/// [`LOADER_JS`] with its names filled in from the Rust that owns each.
fn loader_start() -> String {
    [
        ("__ISLAND_ALIVE_ATTRIBUTE__", ISLAND_ALIVE_ATTRIBUTE),
        ("__ISLAND_ATTRIBUTE__", ISLAND_ATTRIBUTE),
        ("__READY_ATTRIBUTE__", READY_ATTRIBUTE),
        ("__SETTINGS_KEY__", SETTINGS_KEY),
        ("__POLICY__", APP_POLICY),
        ("__PRERENDERED_ID__", PRERENDERED_ID),
        ("__CURRENT_ATTRIBUTE__", CURRENT_ATTRIBUTE),
        ("__KEEP_MESSAGE__", KEEP_MESSAGE),
        ("__SERVICE_WORKER__", SERVICE_WORKER),
        ("__INSTALL_OFFER__", INSTALL_OFFER_GLOBAL),
        ("__INSTALL_DISMISSED_KEY__", INSTALL_DISMISSED_KEY),
        (
            "__FOLLOWED_DOCUMENT_ATTRIBUTE__",
            FOLLOWED_DOCUMENT_ATTRIBUTE,
        ),
        (
            "__EMBEDDED_DOCUMENT_ATTRIBUTE__",
            EMBEDDED_DOCUMENT_ATTRIBUTE,
        ),
    ]
    .into_iter()
    .fold(LOADER_JS.to_owned(), |text, (name, value)| {
        text.replace(name, value)
    })
}

/// Trunk's page with its inline loader moved out into a file of its own,
/// `loader-HASH.js` beside the app's JS (`None` when the page names one
/// already: a build prerendered twice), and the file's name and text.
///
/// No page then runs an inline script, so the Content Security Policy names
/// no script hash and is the same for every build ([`crate::csp`]). The name
/// carries a hash of the text, like trunk's files: a page always gets the
/// loader of its own build, which is kept a year and precached by the
/// service worker with trunk's files. In front of trunk's lines it carries
/// the reading progress bar's motion and `islands/loader.js`: on a
/// prerendered page the app is imported only once it is needed.
pub fn loader_moved_out(page: &str) -> Result<(String, Option<(String, String)>), String> {
    if loader_named(page).is_some() {
        return Ok((page.to_owned(), None));
    }
    let import_start = page
        .find("import init, * as bindings from '")
        .ok_or("trunk's page has neither its loader script with an `import init, * as bindings` line nor a loader file")?;
    let script_start = page[..import_start]
        .rfind("<script")
        .ok_or("trunk's loader import is in no <script>")?;
    let content_start = script_start
        + page[script_start..]
            .find('>')
            .ok_or("trunk's loader <script> has no end")?
        + 1;
    if !page[script_start..content_start].contains("type=\"module\"") {
        return Err("trunk's loader is not a module script".to_owned());
    }
    let content_end = import_start
        + page[import_start..]
            .find("</script>")
            .ok_or("trunk's loader script is not closed")?;
    let import_end = import_start
        + page[import_start..content_end]
            .find(';')
            .ok_or("trunk's loader import has no end")?
        + 1;
    let module = page[import_start..import_end]
        .split('\'')
        .nth(1)
        .ok_or("trunk's loader import names no module")?;
    let folder = &module[..module.rfind('/').map_or(0, |at| at + 1)];
    // wasm-bindgen's name for the module's wasm, which trunk's lines load:
    // through `appCode`, which may have fetched it ahead.
    let wasm = format!("{}_bg.wasm", module.strip_suffix(".js").unwrap_or(module));
    let loads_wasm = format!("module_or_path: '{wasm}'");
    if !page[import_end..content_end].contains(&loads_wasm) {
        return Err(format!("trunk's loader does not load {wasm}"));
    }
    let rest = page[import_end..content_end]
        .trim_end()
        .replace(&loads_wasm, &format!("module_or_path: appCode('{wasm}')"));
    let loader = format!(
        "{progress}\n{switch}\n{saver}\n{social}\n{start}\n\
         // Trunk's loader, moved out of the page by broadsheet-prerender\n\
         // (prerender/src/html.rs): no page runs an inline script.\n\
         if (document.getElementById(\"{PRERENDERED_ID}\")) await appNeeded(['{module}', '{wasm}']);\n\
         const bindings = await import('{module}').catch(appUnavailable);\n\
         const init = bindings.default;{rest}\n\
         keepForOffline([], ['{module}', '{wasm}']);",
        progress = READING_PROGRESS_JS.trim_end(),
        switch = TRANSLATION_SWITCH_JS
            .replace("__KEEPS_PLACE_ATTRIBUTE__", KEEPS_PLACE_ATTRIBUTE)
            .replace("__PARAGRAPH_ID_PREFIX__", PARAGRAPH_ID_PREFIX)
            .trim_end(),
        saver = DATA_SAVER_JS
            .replace("__SAVE_DATA_ATTRIBUTE__", SAVE_DATA_ATTRIBUTE)
            .replace("__PICTURE_FRAME_CLASS__", PICTURE_FRAME_CLASS)
            .replace("__PICTURE_SHOWN_ATTRIBUTE__", PICTURE_SHOWN_ATTRIBUTE)
            .replace("__WAITING_POSTER_ATTRIBUTE__", WAITING_POSTER_ATTRIBUTE)
            .trim_end(),
        social = SOCIAL_FACADE_JS
            .replace("__SOCIAL_FACADE_CLASS__", SOCIAL_FACADE_CLASS)
            .trim_end(),
        start = loader_start().trim_end(),
    ) + "\n";
    let digest = Sha256::digest(loader.as_bytes());
    let hash: String = digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let name = format!("{folder}{LOADER_NAME_START}{hash}.js");
    let mut moved = page.to_owned();
    moved.replace_range(
        script_start..content_end + "</script>".len(),
        &format!("{LOADER_TAG_START}{}\"></script>", escape(&name)),
    );
    Ok((moved, Some((name, loader))))
}

/// The address of the loader file a page names, if it names one.
fn loader_named(page: &str) -> Option<&str> {
    let mut rest = page;
    while let Some(at) = rest.find(LOADER_TAG_START) {
        rest = &rest[at + LOADER_TAG_START.len()..];
        let address = &rest[..rest.find('"')?];
        let name = &address[address.rfind('/').map_or(0, |at| at + 1)..];
        if name.starts_with(LOADER_NAME_START) {
            return Some(address);
        }
    }
    None
}

/// A prerendered page is complete without the app, so the app must not compete
/// with it: trunk's preloads of the JS and wasm are dropped, and the loader
/// imports the app only once the page needs it (`islands/loader.js`). The
/// reader's text, fonts and images get the whole connection.
fn load_app_after_page(page: &str) -> Result<String, String> {
    if loader_named(page).is_none() {
        return Err(
            "the template names no loader file (html::loader_moved_out writes it)".to_owned(),
        );
    }
    Ok(without_link_tags(page, |tag| {
        tag.contains("rel=\"modulepreload\"")
            || (tag.contains("rel=\"preload\"") && tag.contains("application/wasm"))
    }))
}

/// `page` without the `<link>` tags that `unwanted` picks.
fn without_link_tags(page: &str, unwanted: impl Fn(&str) -> bool) -> String {
    split_link_tags(page, unwanted).0
}

/// The `<link>` tags of `page` that `wanted` picks.
pub fn link_tags(page: &str, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    split_link_tags(page, wanted).1
}

/// `page` without the `<link>` tags that `pick` picks, and those tags.
fn split_link_tags(page: &str, pick: impl Fn(&str) -> bool) -> (String, Vec<String>) {
    let mut kept = String::with_capacity(page.len());
    let mut picked = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<link ") {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |end| start + end + 1);
        kept.push_str(&rest[..start]);
        let tag = &rest[start..end];
        if pick(tag) {
            picked.push(tag.to_owned());
        } else {
            kept.push_str(tag);
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    (kept, picked)
}

/// Trunk's `index.html` with its `<title>` replaced by `head_tags`, `body` in
/// place of the "needs JavaScript" notice, and `<html lang>` the interface's.
/// Every marker is found in the template alone, before anything of a
/// document is in it, so no words a newsroom writes can be taken for one.
fn fill_template(template: &str, head_tags: &str, body: &str, language: &str) -> String {
    let mut shell = template.to_owned();
    if let Some(start) = shell.find("<html") {
        let end = shell[start..]
            .find('>')
            .map_or(shell.len(), |end| start + end);
        let tag = &shell[start..end];
        let without_lang = match tag.find(" lang=\"") {
            Some(at) => {
                let value_end = tag[at + 7..]
                    .find('"')
                    .map_or(tag.len(), |end| at + 7 + end + 1);
                format!("{}{}", &tag[..at], &tag[value_end..])
            }
            None => tag.to_owned(),
        };
        shell.replace_range(
            start..end,
            &format!("{without_lang} lang=\"{}\"", escape(language)),
        );
    }
    let title = match (shell.find("<title>"), shell.find("</title>")) {
        (Some(start), Some(end)) if start < end => Some(start..end + "</title>".len()),
        _ => None,
    };
    let notice = match (shell.find("<noscript>"), shell.find("</noscript>")) {
        (Some(start), Some(end)) if start < end => Some(start..end + "</noscript>".len()),
        _ => shell
            .find("<body>")
            .map(|start| start + "<body>".len())
            .map(|at| at..at),
    };
    // Spliced from the end, so that each place found in the shell still holds.
    let mut splices: Vec<(std::ops::Range<usize>, &str)> = title
        .map(|range| (range, head_tags))
        .into_iter()
        .chain(notice.map(|range| (range, body)))
        .collect();
    splices.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, text) in splices {
        shell.replace_range(range, text);
    }
    shell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_content_cannot_close_its_script() {
        let safe = script_safe(r#"{"title":"</script><script>alert(1)</script><!--"}"#);
        assert!(!safe.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["title"], "</script><script>alert(1)</script><!--");
    }

    /// Trunk's page, as its loader and links are shaped.
    const TRUNK_PAGE: &str = r#"<html lang="en"><head><title>x</title><link rel="stylesheet" href="/a.css"/>
<script type="module">
import init, * as bindings from '/broadsheet-1.js';
const wasm = await init({ module_or_path: '/broadsheet-1_bg.wasm' });
window.wasmBindings = bindings;
</script>
  <link rel="modulepreload" href="/broadsheet-1.js"><link rel="preload" href="/broadsheet-1_bg.wasm" as="fetch" type="application/wasm"></head><body><noscript>x</noscript></body>"#;

    /// Trunk's page with its loader moved out, as every page is made from.
    fn template() -> String {
        loader_moved_out(TRUNK_PAGE).unwrap().0
    }

    #[test]
    fn the_loader_moves_to_a_file_named_by_its_content() {
        let (page, loader) = loader_moved_out(TRUNK_PAGE).unwrap();
        let (name, text) = loader.unwrap();
        assert!(
            name.starts_with("/loader-") && name.ends_with(".js"),
            "{name}"
        );
        assert_eq!(name.len(), "/loader-.js".len() + 16, "{name}");
        assert!(
            page.contains(&format!("<script type=\"module\" src=\"{name}\"></script>")),
            "{page}"
        );
        assert!(!page.contains("import"), "no loader is left inline: {page}");
        let wait = text
            .find("await appNeeded(['/broadsheet-1.js', '/broadsheet-1_bg.wasm'])")
            .unwrap();
        assert!(!text.contains("__"), "every name is filled in: {text}");
        assert!(
            text.contains("'/sw.js'") && text.contains("'broadsheet'"),
            "{text}"
        );
        let import = text
            .find("await import('/broadsheet-1.js').catch(appUnavailable)")
            .unwrap();
        let init = text.find("await init(").unwrap();
        assert!(wait < import && import < init, "{text}");
        assert!(text.contains("window.wasmBindings = bindings;"), "{text}");
        assert!(
            !text.contains("import init") && !text.contains("<"),
            "{text}"
        );
        // Another build's app, another loader; the same build, the same one.
        let other = TRUNK_PAGE.replace("broadsheet-1", "broadsheet-2");
        assert_ne!(loader_moved_out(&other).unwrap().1.unwrap().0, name);
        assert_eq!(loader_moved_out(TRUNK_PAGE).unwrap().1.unwrap().0, name);
        // Prerendered twice: the page already names its loader.
        assert_eq!(loader_moved_out(&page).unwrap(), (page.clone(), None));
    }

    #[test]
    fn the_app_loads_after_the_page_and_preloads_nothing() {
        let page = page(
            &template(),
            "<title>T</title>",
            "<p>Text</p>",
            "zh-Hans",
            &[],
            None,
        )
        .unwrap();
        assert!(page.contains(r#"<link rel="stylesheet" href="/a.css"/>"#));
        assert!(!page.contains("preload"), "{page}");
        assert!(page.contains("</head>"), "{page}");
        assert!(
            page.contains("<script type=\"module\" src=\"/loader-"),
            "{page}"
        );
        assert!(
            page.contains("<div id=\"prerendered\"><p>Text</p></div>"),
            "{page}"
        );
        assert!(page.starts_with("<html lang=\"zh-Hans\"><head>"), "{page}");
    }

    /// What a newsroom writes lands in the title, the JSON-LD, the body and
    /// the embedded documents; none of it is taken for trunk's loader, a
    /// link tag or the template's markers, whatever words it uses.
    #[test]
    fn a_document_that_quotes_the_template_cannot_bend_the_page() {
        let words = "import init, * as bindings from '/evil.js'; <link rel=\"modulepreload\"> \
                     <title></title> <noscript></noscript> <body> <html lang=\"xx\">";
        let linked_data = serde_json::json!({ "headline": words }).to_string();
        let head = format!(
            "<title>{}</title><script type=\"application/ld+json\">{}</script>",
            escape(words),
            script_safe(&linked_data)
        );
        let body = format!("<h1>{}</h1>", escape(words));
        let document = serde_json::json!({ "title": words }).to_string();
        let page = page(
            &template(),
            &head,
            &body,
            "en",
            &[("/a.json".to_owned(), document)],
            Some("/a.json"),
        )
        .unwrap();
        assert_eq!(
            page.matches("<script type=\"module\" src=\"/loader-")
                .count(),
            1,
            "{page}"
        );
        assert!(!page.contains("src=\"/evil.js\""), "{page}");
        assert!(
            page.contains(r#"<link rel="stylesheet" href="/a.css"/>"#),
            "{page}"
        );
        assert!(page.starts_with("<html lang=\"en\"><head>"), "{page}");
        let data_blocks: Vec<&str> = page
            .split("<script type=\"application/")
            .skip(1)
            .map(|block| {
                let start = block.find('>').unwrap() + 1;
                &block[start..block.find("</script>").unwrap()]
            })
            .collect();
        assert_eq!(data_blocks.len(), 2, "{page}");
        for block in data_blocks {
            assert!(!block.contains('\''), "data blocks escape ': {block}");
            let value: serde_json::Value = serde_json::from_str(block).unwrap();
            assert!(value.to_string().contains("import init"), "{value}");
        }
    }

    #[test]
    fn a_loader_of_another_shape_is_refused() {
        assert!(loader_moved_out("<head></head><script>boot()</script>").is_err());
        assert!(page(
            "<head></head><script>boot()</script>",
            "",
            "",
            "en",
            &[],
            None
        )
        .is_err());
    }
}
