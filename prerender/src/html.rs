//! The text work of putting a page together: escaping, JSON made safe inside
//! `<script>`, reading and picking tags of trunk's template, filling it with
//! a page's head tags, body and documents, and making the app load after the
//! page. Everything above (`seo`, `embed`, `main`) writes HTML through here.

use broadsheet::content::embedded::EMBEDDED_DOCUMENT_ATTRIBUTE;

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
/// trunk's loader is not shaped as [`load_app_after_page`] expects.
pub fn page(
    template: &str,
    head_tags: &str,
    body: &str,
    language: &str,
    documents: &[(String, String)],
) -> Result<String, String> {
    let mut content = format!("<div id=\"prerendered\">{body}</div>");
    for (url, text) in documents {
        content.push_str(&format!(
            "<script type=\"application/json\" {EMBEDDED_DOCUMENT_ATTRIBUTE}=\"{}\">{}</script>",
            escape(url),
            script_safe(text)
        ));
    }
    // The loader is rewritten in trunk's page before anything of a document
    // is in it, so no document's words can be taken for it.
    let template = load_app_after_page(template)?;
    Ok(fill_template(&template, head_tags, &content, language))
}

/// A prerendered page is complete without the app, so the app must not compete
/// with it: trunk's preloads of the JS and wasm are dropped and its loader waits
/// for the page's `load` event before it imports the app. The reader's text,
/// fonts and images get the whole connection; the app follows.
fn load_app_after_page(page: &str) -> Result<String, String> {
    let mut page = without_link_tags(page, |tag| {
        tag.contains("rel=\"modulepreload\"")
            || (tag.contains("rel=\"preload\"") && tag.contains("application/wasm"))
    });
    let import_start = page
        .find("import init, * as bindings from '")
        .ok_or("trunk's loader script has no `import init, * as bindings` line")?;
    let import_end = import_start
        + page[import_start..]
            .find(';')
            .ok_or("trunk's loader import has no end")?
        + 1;
    let module = page[import_start..import_end]
        .split('\'')
        .nth(1)
        .ok_or("trunk's loader import names no module")?
        .to_owned();
    page.replace_range(
        import_start..import_end,
        &format!(
            "await new Promise((loaded) => document.readyState === \"complete\" \
             ? loaded() : addEventListener(\"load\", () => loaded(), {{ once: true }}));\n\
             const bindings = await import('{module}');\n\
             const init = bindings.default;"
        ),
    );
    Ok(page)
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
    const TEMPLATE: &str = r#"<html lang="en"><head><title>x</title><link rel="stylesheet" href="/a.css"/>
<script type="module">
import init, * as bindings from '/broadsheet-1.js';
const wasm = await init({ module_or_path: '/broadsheet-1_bg.wasm' });
</script>
  <link rel="modulepreload" href="/broadsheet-1.js"><link rel="preload" href="/broadsheet-1_bg.wasm" as="fetch" type="application/wasm"></head><body><noscript>x</noscript></body>"#;

    #[test]
    fn the_app_loads_after_the_page_and_preloads_nothing() {
        let page = page(TEMPLATE, "<title>T</title>", "<p>Text</p>", "zh-Hans", &[]).unwrap();
        assert!(page.contains(r#"<link rel="stylesheet" href="/a.css"/>"#));
        assert!(!page.contains("preload"), "{page}");
        assert!(page.contains("</head>"), "{page}");
        let wait = page.find("addEventListener(\"load\"").unwrap();
        let import = page.find("await import('/broadsheet-1.js')").unwrap();
        let init = page.find("await init(").unwrap();
        assert!(wait < import && import < init, "{page}");
        assert!(!page.contains("import init"), "{page}");
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
            TEMPLATE,
            &head,
            &body,
            "en",
            &[("/a.json".to_owned(), document)],
        )
        .unwrap();
        assert!(page.contains("await import('/broadsheet-1.js')"), "{page}");
        assert!(!page.contains("import('/evil.js')"), "{page}");
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
        assert!(page("<head></head><script>boot()</script>", "", "", "en", &[]).is_err());
    }
}
