//! What goes in a prerendered page's `<head>` for crawlers, which run no
//! JavaScript: description, canonical link, Open Graph and Twitter card tags,
//! and JSON-LD `NewsArticle`; and the text work of putting a page together.

use broadsheet::api::{ContentBase, EMBEDDED_DOCUMENT_ATTRIBUTE};
use broadsheet::model::{Article, Hero, Site};
use serde_json::json;

pub use broadsheet::format::escape_html as escape;

/// JSON made safe inside `<script>`: no `</script>` or `<!--` can end or bend
/// it, whatever the newsroom wrote. `\u003c` means `<` to any JSON reader.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The `content` of `<meta name="{name}" content="…">` in a page.
pub fn meta_content(page: &str, name: &str) -> Option<String> {
    let start = page.find(&format!("name=\"{name}\""))?;
    let rest = &page[start..];
    let value = rest.split("content=\"").nth(1)?;
    Some(value[..value.find('"')?].to_owned())
}

/// `url` made absolute against the publication's address, for crawlers that
/// read tags out of context.
pub fn absolute(url: &str, site: Option<&Site>) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        return url.to_owned();
    }
    let base = site
        .and_then(|site| site.base_url.as_ref())
        .map(|base| base.as_str().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    format!("{base}/{}", url.trim_start_matches('/'))
}

/// Roles whose people wrote the story: the authors a search engine wants.
fn is_author_role(role: &str) -> bool {
    let role = role.to_lowercase();
    ["report", "writ", "author", "script", "correspondent"]
        .iter()
        .any(|word| role.contains(word))
}

/// The people who wrote the story, or everyone credited when no role says so.
pub fn authors(article: &Article) -> Vec<&str> {
    let names = |author_only: bool| -> Vec<&str> {
        article
            .credits
            .iter()
            .filter(|credit| !author_only || is_author_role(&credit.role))
            .flat_map(|credit| credit.names.iter().map(String::as_str))
            .collect()
    };
    let authors = names(true);
    if authors.is_empty() {
        names(false)
    } else {
        authors
    }
}

/// The head tags of an article page.
pub fn article_tags(site: Option<&Site>, article: &Article, content: &ContentBase) -> String {
    let canonical = article
        .canonical_url
        .as_ref()
        .map(|url| url.as_str().to_owned())
        .unwrap_or_else(|| absolute(&broadsheet::app::article_route(&article.id), site));
    let image = article.hero().and_then(|hero| match hero {
        Hero::Image(image) => Some((
            content.media(&image.src),
            Some((image.width.get(), image.height.get())),
            image.alt,
        )),
        Hero::Video(video) => video
            .poster
            .as_ref()
            .map(|poster| (content.media(poster), None, String::new())),
    });
    let image_url = image.as_ref().map(|(url, _, _)| absolute(url, site));
    let site_name = site.map(|site| site.name.clone());
    let mut tags = vec![format!("<title>{}</title>", escape(&article.title))];
    let mut meta = |attribute: &str, key: &str, value: &str| {
        tags.push(format!(
            "<meta {attribute}=\"{key}\" content=\"{}\">",
            escape(value)
        ));
    };
    if let Some(summary) = &article.summary {
        meta("name", "description", summary);
    }
    meta("property", "og:type", "article");
    meta("property", "og:title", &article.title);
    if let Some(summary) = &article.summary {
        meta("property", "og:description", summary);
    }
    meta("property", "og:url", &canonical);
    if let Some(name) = &site_name {
        meta("property", "og:site_name", name);
    }
    if let Some((_, size, alt)) = &image {
        let url = image_url.as_deref().unwrap_or_default();
        meta("property", "og:image", url);
        if let Some((width, height)) = size {
            meta("property", "og:image:width", &width.to_string());
            meta("property", "og:image:height", &height.to_string());
        }
        if !alt.is_empty() {
            meta("property", "og:image:alt", alt);
        }
    }
    if let Some(published) = &article.published {
        meta("property", "article:published_time", published.as_str());
    }
    if let Some(updated) = &article.updated {
        meta("property", "article:modified_time", updated.as_str());
    }
    if let Some(section) = &article.section {
        meta("property", "article:section", section);
    }
    meta(
        "name",
        "twitter:card",
        if image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
    );
    meta("name", "twitter:title", &article.title);
    if let Some(summary) = &article.summary {
        meta("name", "twitter:description", summary);
    }
    if let Some(url) = &image_url {
        meta("name", "twitter:image", url);
    }
    tags.push(format!(
        "<link rel=\"canonical\" href=\"{}\">",
        escape(&canonical)
    ));
    tags.extend(crate::embed::discovery_link(site, article));

    let authors = authors(article);
    let mut linked_data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "mainEntityOfPage": canonical,
        "author": authors.iter().map(|name| json!({"@type": "Person", "name": name})).collect::<Vec<_>>(),
    });
    let fields = linked_data.as_object_mut().expect("an object");
    if let Some(summary) = &article.summary {
        fields.insert("description".into(), json!(summary));
    }
    if let Some(published) = &article.published {
        fields.insert("datePublished".into(), json!(published.as_str()));
    }
    if let Some(updated) = article.updated.as_ref().or(article.published.as_ref()) {
        fields.insert("dateModified".into(), json!(updated.as_str()));
    }
    if let Some(url) = &image_url {
        fields.insert("image".into(), json!([url]));
    }
    if let Some(language) = &article.language {
        fields.insert("inLanguage".into(), json!(language));
    }
    if let Some(site) = site {
        let mut publisher = json!({"@type": "NewsMediaOrganization", "name": site.name});
        if let Some(logo) = &site.logo {
            publisher["logo"] =
                json!({"@type": "ImageObject", "url": absolute(&content.media(logo), Some(site))});
        }
        fields.insert("publisher".into(), publisher);
    }
    tags.push(format!(
        "<script type=\"application/ld+json\">{}</script>",
        script_safe(&linked_data.to_string())
    ));
    tags.join("\n    ")
}

/// The front page's head tags: the publication, for links to the site itself.
pub fn front_page_tags(site: Option<&Site>, content: &ContentBase) -> String {
    let name = site.map_or("Broadsheet", |site| site.name.as_str());
    let mut tags = vec![
        format!("<title>{}</title>", escape(name)),
        format!("<meta property=\"og:type\" content=\"website\">"),
        format!("<meta property=\"og:title\" content=\"{}\">", escape(name)),
        format!(
            "<meta property=\"og:site_name\" content=\"{}\">",
            escape(name)
        ),
        "<meta name=\"twitter:card\" content=\"summary\">".to_owned(),
    ];
    if let Some(base) = site.and_then(|site| site.base_url.as_ref()) {
        tags.push(format!(
            "<meta property=\"og:url\" content=\"{}\">",
            escape(base.as_str())
        ));
        tags.push(format!(
            "<link rel=\"canonical\" href=\"{}\">",
            escape(base.as_str())
        ));
    }
    if let Some(logo) = site.and_then(|site| site.logo.as_ref()) {
        tags.push(format!(
            "<meta property=\"og:image\" content=\"{}\">",
            escape(&absolute(&content.media(logo), site))
        ));
    }
    tags.join("\n    ")
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
    load_app_after_page(&fill_template(template, head_tags, &content, language))
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
fn fill_template(template: &str, head_tags: &str, body: &str, language: &str) -> String {
    let mut page = template.to_owned();
    if let Some(start) = page.find("<html") {
        let end = page[start..]
            .find('>')
            .map_or(page.len(), |end| start + end);
        let tag = &page[start..end];
        let without_lang = match tag.find(" lang=\"") {
            Some(at) => {
                let value_end = tag[at + 7..]
                    .find('"')
                    .map_or(tag.len(), |end| at + 7 + end + 1);
                format!("{}{}", &tag[..at], &tag[value_end..])
            }
            None => tag.to_owned(),
        };
        page.replace_range(
            start..end,
            &format!("{without_lang} lang=\"{}\"", escape(language)),
        );
    }
    if let (Some(start), Some(end)) = (page.find("<title>"), page.find("</title>")) {
        page.replace_range(start..end + "</title>".len(), head_tags);
    }
    if let (Some(start), Some(end)) = (page.find("<noscript>"), page.find("</noscript>")) {
        page.replace_range(start..end + "</noscript>".len(), body);
    } else if let Some(start) = page.find("<body>") {
        page.insert_str(start + "<body>".len(), body);
    }
    page
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

    #[test]
    fn the_app_loads_after_the_page_and_preloads_nothing() {
        let template = r#"<html lang="en"><head><title>x</title><link rel="stylesheet" href="/a.css"/>
<script type="module">
import init, * as bindings from '/broadsheet-1.js';
const wasm = await init({ module_or_path: '/broadsheet-1_bg.wasm' });
</script>
  <link rel="modulepreload" href="/broadsheet-1.js"><link rel="preload" href="/broadsheet-1_bg.wasm" as="fetch" type="application/wasm"></head><body><noscript>x</noscript></body>"#;
        let page = page(template, "<title>T</title>", "<p>Text</p>", "zh-Hans", &[]).unwrap();
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

    #[test]
    fn a_loader_of_another_shape_is_refused() {
        assert!(page("<head></head><script>boot()</script>", "", "", "en", &[]).is_err());
    }
}
