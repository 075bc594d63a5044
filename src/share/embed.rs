//! What a partner pastes to embed an article: the two snippets (the loader,
//! `embed.js`, and a plain iframe for pages that allow no script), what the
//! frame may do, and what it is called. Pure string work, shared by the
//! "Embed" action ([`crate::components::embed_action`]) and the prerenderer's
//! oEmbed documents.
//!
//! The embed page itself, `/embed/{id}`, is [`crate::pages::embed`]; the
//! partner's loader and the embed page's script are `src/embed/*.js`.

use crate::format::escape_html as escape;
use crate::model::ArticleId;
use crate::routes::{article_route, embed_route, EMBED_LOADER};

/// The height a plain iframe is given, and the embed's own height limit in that
/// snippet: past it the embed ends with "Read more", so it never scrolls inside.
pub const PLAIN_FRAME_HEIGHT: u32 = 640;

/// The plain iframe's widest, in CSS pixels: a column, not a page.
pub const PLAIN_FRAME_WIDTH: u32 = 640;

/// What the frame may do, and no more: run its own script (sizing), keep its own
/// origin (so the loader can tell its messages from anyone else's; it is still
/// cross-origin to the partner's page, which it cannot reach), and open the full
/// article in a new, unsandboxed tab. No forms, no dialogs, no top navigation.
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// The referrer our embeds send: the partner's origin, never its full URL.
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The two ways a partner embeds an article, as text to paste into a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Snippets {
    /// A placeholder `<div>` (a link to the article until the loader runs) and
    /// the loader script: sizes itself to the article.
    pub script: String,
    /// One `<iframe>` for pages that allow no script: a fixed height, with the
    /// embed's "Read more" past it.
    pub iframe: String,
}

impl Snippets {
    /// The snippets for an article served from `origin` (`https://news.example.com`).
    pub fn new(origin: &str, id: &ArticleId, title: &str, publication: &str) -> Snippets {
        let origin = origin.trim_end_matches('/');
        let article_url = format!("{origin}{}", article_route(id));
        let frame_title = frame_title(title, publication);
        let script = format!(
            "<div data-broadsheet-article=\"{id}\"><a href=\"{article_url}\">{title}</a></div>\n\
             <script async src=\"{origin}{EMBED_LOADER}\"></script>",
            id = id.as_str(),
            article_url = escape(&article_url),
            title = escape(&frame_title),
            origin = escape(origin),
        );
        Snippets {
            script,
            iframe: plain_iframe(origin, id, &frame_title),
        }
    }
}

/// The plain iframe of an article: the no-script snippet and oEmbed's `html`.
pub fn plain_iframe(origin: &str, id: &ArticleId, frame_title: &str) -> String {
    let source = format!(
        "{}{}?max-height={PLAIN_FRAME_HEIGHT}",
        origin.trim_end_matches('/'),
        embed_route(id)
    );
    format!(
        "<iframe src=\"{source}\" title=\"{title}\" width=\"100%\" height=\"{PLAIN_FRAME_HEIGHT}\" \
         style=\"border:0;max-width:{PLAIN_FRAME_WIDTH}px\" loading=\"lazy\" sandbox=\"{SANDBOX}\" \
         referrerpolicy=\"{REFERRER_POLICY}\" allow=\"fullscreen\"></iframe>",
        source = escape(&source),
        title = escape(frame_title),
    )
}

/// What a frame is called for screen readers: the headline and who published it.
pub fn frame_title(title: &str, publication: &str) -> String {
    if publication.is_empty() {
        title.to_owned()
    } else {
        format!("{title} ({publication})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> ArticleId {
        ArticleId::parse("seed-story").unwrap()
    }

    #[test]
    fn the_script_snippet_links_the_article_until_the_loader_runs() {
        let snippets = Snippets::new(
            "https://news.example.com/",
            &id(),
            "A \"quoted\" <story>",
            "Daily",
        );
        assert_eq!(
            snippets.script,
            "<div data-broadsheet-article=\"seed-story\"><a href=\"https://news.example.com/articles/seed-story\">\
             A &quot;quoted&quot; &lt;story&gt; (Daily)</a></div>\n\
             <script async src=\"https://news.example.com/embed.js\"></script>"
        );
    }

    #[test]
    fn the_plain_iframe_is_sandboxed_and_never_scrolls_inside() {
        let iframe = Snippets::new("https://news.example.com", &id(), "Story", "").iframe;
        assert!(iframe.starts_with(
            "<iframe src=\"https://news.example.com/embed/seed-story?max-height=640\" title=\"Story\""
        ));
        assert!(iframe.contains("height=\"640\""));
        assert!(iframe.contains(&format!("sandbox=\"{SANDBOX}\"")));
        assert!(!iframe.contains("allow-top-navigation") && !iframe.contains("allow-forms"));
        assert!(iframe.contains("referrerpolicy=\"strict-origin-when-cross-origin\""));
    }
}
