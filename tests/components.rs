//! Each component mounted in a real browser (wasm-bindgen-test): what a reader
//! would find in the DOM for every block type and the parts around the body.
#![cfg(target_arch = "wasm32")]

use broadsheet::components::blocks::BlockView;
use broadsheet::components::credits::Credits;
use broadsheet::components::notes::Notes;
use broadsheet::components::related::RelatedNews;
use broadsheet::components::status::LoadFailure;
use broadsheet::content::{ContentBase, LoadError};
use broadsheet::model::{self, Block, Credit};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const CDN: &str = "https://cdn.example.com/news/";

/// Mounts a view in a fresh container, with content served from [`CDN`].
fn mount<N: IntoView + 'static>(view: impl FnOnce() -> N + 'static) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), move || {
        provide_context(ContentBase::new(CDN));
        view()
    })
    .forget();
    container
}

fn block(json: &str) -> Block {
    serde_json::from_str(json).expect("a block")
}

fn mount_block(json: &str) -> HtmlElement {
    let block = block(json);
    mount(move || view! { <BlockView block at=0 paragraph=1/> })
}

fn find(root: &HtmlElement, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

fn count(root: &HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn paragraph_renders_rich_text_and_never_markup() {
    let root = mount_block(
        r#"{"type":"paragraph","text":["Plain <img src=x onerror=alert(1)> ",{"text":"bold","bold":true}," ",{"text":"italic","italic":true}," ",{"text":"link","href":"https://example.com/"}," ",{"text":"bad","href":"javascript:alert(1)"}]}"#,
    );
    let paragraph = find(&root, "p");
    assert_eq!(
        text(&paragraph),
        "Plain <img src=x onerror=alert(1)> bold italic link bad"
    );
    assert_eq!(text(&find(&root, "p strong")), "bold");
    assert_eq!(text(&find(&root, "p em")), "italic");
    assert_eq!(count(&root, "img"), 0, "markup in text is never an element");
    assert_eq!(count(&root, "a"), 1, "only the safe link is a link");
    assert_eq!(
        find(&root, "a").get_attribute("href").unwrap(),
        "https://example.com/"
    );
}

#[wasm_bindgen_test]
fn heading_renders_at_its_level_with_an_anchor() {
    let article = model::decode_article(
        r#"{"format":1,"id":"a","title":"t","blocks":[{"type":"heading","text":"New Collaboration to Emerge"},{"type":"heading","text":"Details","level":3}]}"#,
    )
    .unwrap();
    let blocks = article.blocks.clone();
    let root = mount(move || {
        blocks
            .into_iter()
            .enumerate()
            .map(|(at, block)| view! { <BlockView block at paragraph=at + 1/> })
            .collect_view()
    });
    let h2 = find(&root, "h2");
    assert_eq!(h2.id(), "new-collaboration-to-emerge");
    assert!(text(&h2).starts_with("New Collaboration to Emerge"));
    assert_eq!(
        find(&root, "h2 a.heading-anchor")
            .get_attribute("href")
            .unwrap(),
        "#new-collaboration-to-emerge"
    );
    assert_eq!(find(&root, "h3").id(), "details");
}

#[wasm_bindgen_test]
fn quote_renders_as_a_pull_quote_with_attribution() {
    let root = mount_block(
        r#"{"type":"quote","text":"A brand-new starting point.","attribution":"Kim Mun-hwan"}"#,
    );
    assert_eq!(
        text(&find(&root, "figure.pull-quote blockquote p")),
        "A brand-new starting point."
    );
    assert_eq!(
        text(&find(&root, "figure.pull-quote figcaption")),
        "Kim Mun-hwan"
    );
}

#[wasm_bindgen_test]
fn image_reserves_its_box_and_resolves_against_the_content_base() {
    let root = mount_block(
        r#"{"type":"image","src":"img/a.svg","alt":"Delegates","width":1200,"height":800,"caption":"At the meeting.","credit":"Photo: A. Lee","srcset":"img/a-600.svg 600w, img/a.svg 1200w",
            "sources":[{"type":"image/avif","srcset":"renditions/img/a.svg-0123456789ab-640.avif 640w"},{"type":"text/html","srcset":"evil.html 1w"}]}"#,
    );
    let image = find(&root, "figure.figure picture img");
    let source = find(&root, "figure.figure picture source");
    assert_eq!(source.get_attribute("type").unwrap(), "image/avif");
    assert_eq!(
        source.get_attribute("srcset").unwrap(),
        format!("{CDN}renditions/img/a.svg-0123456789ab-640.avif 640w")
    );
    assert_eq!(
        source.get_attribute("sizes"),
        image.get_attribute("sizes"),
        "the rendition is chosen for the width the picture is laid out at"
    );
    assert_eq!(
        root.query_selector_all("picture source").unwrap().length(),
        1,
        "a source that is not a picture is left out"
    );
    assert_eq!(
        image.get_attribute("src").unwrap(),
        format!("{CDN}img/a.svg")
    );
    assert_eq!(
        image.get_attribute("srcset").unwrap(),
        format!("{CDN}img/a-600.svg 600w, {CDN}img/a.svg 1200w")
    );
    assert_eq!(image.get_attribute("alt").unwrap(), "Delegates");
    assert_eq!(image.get_attribute("width").unwrap(), "1200");
    assert_eq!(image.get_attribute("height").unwrap(), "800");
    assert_eq!(text(&find(&root, "figcaption .caption")), "At the meeting.");
    assert_eq!(text(&find(&root, "figcaption .credit")), "Photo: A. Lee");
    let box_height = image.get_bounding_client_rect().height();
    assert!(
        box_height > 0.0,
        "the image's box is reserved before it loads (height {box_height})"
    );
}

#[wasm_bindgen_test]
fn video_has_controls_captions_and_never_autoplays() {
    let root = mount_block(
        r#"{"type":"video","src":"media/v.mp4","poster":"img/v.svg","width":640,"height":360,"caption":"An interview.","credit":"Video: Liang Zijian","tracks":[{"src":"media/v.vtt","srclang":"en","label":"English","default":true}]}"#,
    );
    let video = find(&root, "figure video");
    assert!(video.has_attribute("controls"));
    assert!(!video.has_attribute("autoplay"));
    assert_eq!(
        video.get_attribute("src").unwrap(),
        format!("{CDN}media/v.mp4")
    );
    // Nothing is fetched until the page's data saver finds the reader is
    // not saving data (src/components/data-saver.js, not run here).
    assert_eq!(
        video.get_attribute("data-poster").unwrap(),
        format!("{CDN}img/v.svg")
    );
    assert!(!video.has_attribute("poster"));
    assert_eq!(video.get_attribute("preload").unwrap(), "none");
    let track = find(&root, "video track");
    assert_eq!(track.get_attribute("kind").unwrap(), "captions");
    assert_eq!(track.get_attribute("srclang").unwrap(), "en");
    assert!(track.has_attribute("default"));
    assert_eq!(
        text(&find(&root, "figcaption .credit")),
        "Video: Liang Zijian"
    );
}

#[wasm_bindgen_test]
fn a_social_post_is_a_link_to_it_until_tapped() {
    let root = mount_block(
        r#"{"type":"social","platform":"youtube","url":"https://youtu.be/dQw4w9WgXcQ","author":"APEC","text":"Highlights",
            "thumbnail":{"src":"img/t.svg","alt":"The opening frame","width":1280,"height":720}}"#,
    );
    let facade = find(&root, "figure.social a.social-facade");
    assert_eq!(
        facade.get_attribute("href").unwrap(),
        "https://youtu.be/dQw4w9WgXcQ"
    );
    assert_eq!(
        facade.get_attribute("data-frame").unwrap(),
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    );
    assert_eq!(text(&find(&root, ".social-platform")), "YouTube");
    assert_eq!(text(&find(&root, ".social-author")), "APEC");
    assert_eq!(
        find(&root, ".social-facade img")
            .get_attribute("src")
            .unwrap(),
        format!("{CDN}img/t.svg")
    );
    assert!(root.query_selector("iframe").unwrap().is_none());
}

#[wasm_bindgen_test]
fn poster_is_shown_full_width_with_title_credit_and_a_large_view() {
    let root = mount_block(
        r#"{"type":"poster","src":"img/p.svg","alt":"Guangdong in numbers","width":1080,"height":1920,"title":"In numbers","credit":"Poster: Lai Meiya"}"#,
    );
    let image = find(&root, "figure.poster img");
    assert_eq!(image.get_attribute("alt").unwrap(), "Guangdong in numbers");
    assert_eq!(
        image.get_attribute("src").unwrap(),
        format!("{CDN}img/p.svg")
    );
    assert_eq!(
        find(&root, "figure.poster button.poster-open")
            .get_attribute("aria-label")
            .unwrap(),
        "View the poster large: In numbers"
    );
    assert_eq!(
        count(&root, "dialog"),
        0,
        "the viewer opens only when asked"
    );
    assert_eq!(text(&find(&root, "figure.poster .caption")), "In numbers");
    assert_eq!(
        text(&find(&root, "figure.poster .credit")),
        "Poster: Lai Meiya"
    );
}

#[wasm_bindgen_test]
fn lists_are_ordered_or_not() {
    let root = mount_block(
        r#"{"type":"list","ordered":true,"items":["one",[{"text":"two","bold":true}]]}"#,
    );
    assert_eq!(count(&root, "ol li"), 2);
    assert_eq!(text(&find(&root, "ol li strong")), "two");
    let root = mount_block(r#"{"type":"list","items":["a","b","c"]}"#);
    assert_eq!(count(&root, "ul li"), 3);
}

#[wasm_bindgen_test]
fn divider_is_a_section_break() {
    let root = mount_block(r#"{"type":"divider"}"#);
    assert_eq!(count(&root, "hr.divider"), 1);
}

#[wasm_bindgen_test]
fn unsupported_blocks_render_nothing() {
    for json in [
        r#"{"type":"hologram"}"#,
        r#"{"type":"paragraph","text":42}"#,
        r#"{"type":"image","src":"javascript:x","alt":"","width":1,"height":1}"#,
    ] {
        let root = mount_block(json);
        assert_eq!(
            root.child_element_count(),
            0,
            "{json} rendered {}",
            root.inner_html()
        );
    }
}

#[wasm_bindgen_test]
fn credits_and_notes_read_like_the_seed() {
    let credits = vec![
        Credit {
            role: "Reporter/Script".into(),
            names: vec!["Huang Xinyi".into()],
        },
        Credit {
            role: "Editor".into(),
            names: vec!["Ouyang Yan".into(), "Hu Nan".into()],
        },
    ];
    let root = mount(
        move || view! { <Credits credits/> <Notes notes=vec!["Yang Ling (intern) also contributed to the story.".into()]/> },
    );
    assert_eq!(count(&root, "dl.credits .credit-line"), 2);
    assert_eq!(text(&find(&root, ".credit-line:nth-child(2) dt")), "Editor");
    assert_eq!(
        text(&find(&root, ".credit-line:nth-child(2) dd")),
        "Ouyang Yan, Hu Nan"
    );
    assert_eq!(
        text(&find(&root, ".notes .note")),
        "Yang Ling (intern) also contributed to the story."
    );
}

#[wasm_bindgen_test]
fn related_news_links_to_each_article() {
    let article = model::decode_article(
        r#"{"format":1,"id":"a","title":"t","blocks":[],"related":[{"id":"shenzhen-prepares","title":"Shenzhen prepares","published":"2026-02-08T18:00:00+08:00"},{"id":"bad id","title":"x"}]}"#,
    )
    .unwrap();
    let related: Vec<_> = article.related_articles().cloned().collect();
    let root = mount(
        move || view! { <leptos_router::components::Router><RelatedNews related/></leptos_router::components::Router> },
    );
    assert_eq!(text(&find(&root, ".related h2")), "Related News");
    assert_eq!(count(&root, ".related .card"), 1);
    assert_eq!(
        find(&root, ".related .card-title a")
            .get_attribute("href")
            .unwrap(),
        "/articles/shenzhen-prepares"
    );
    assert_eq!(text(&find(&root, ".related time")), "8 February 2026");
}

#[wasm_bindgen_test]
fn a_failure_says_what_went_wrong_and_retry_retries() {
    let retries = RwSignal::new(0);
    let root = mount(
        move || view! { <LoadFailure error=LoadError::Server(503) on_retry=move || retries.update(|n| *n += 1)/> },
    );
    assert_eq!(
        text(&find(&root, "h1")),
        "The newsroom's server had a problem"
    );
    let retry: HtmlElement = find(&root, "button.retry").unchecked_into();
    retry.click();
    retry.click();
    assert_eq!(retries.get_untracked(), 2);

    let root = mount(|| view! { <LoadFailure error=LoadError::NotFound on_retry=|| ()/> });
    assert_eq!(
        count(&root, "button.retry"),
        0,
        "retrying cannot make a missing article appear"
    );
}
