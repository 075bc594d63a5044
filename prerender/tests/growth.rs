//! No per-document step grows faster than the document: decoding an article
//! and rendering it (as the prerenderer and the app do, with the same
//! components) costs about twice as much for a document twice as long. A
//! quadratic step costs four times as much, a cubic one eight.
//!
//! Cost is counted, not timed: the heap allocations each step makes on this
//! thread, and the bytes they ask for, which are the same on a busy machine as
//! on a quiet one. Each
//! shape of document is tried at two sizes, and the step's cost at the larger
//! must stay within [`MOST_GROWTH`] of its cost at the smaller.

use broadsheet::content::ContentBase;
use broadsheet::model;
use broadsheet::pages::article::ArticleView;
use serde_json::{json, Value};

/// What a step cost: its allocations on this thread, and their bytes.
#[derive(Clone, Copy)]
struct Cost {
    allocations: u64,
    bytes: u64,
}

/// What `step` costs, and its result.
fn cost<T>(step: impl FnOnce() -> T) -> (Cost, T) {
    let mut result = None;
    let counted = allocation_counter::measure(|| result = Some(step()));
    let cost = Cost {
        allocations: counted.count_total,
        bytes: counted.bytes_total,
    };
    (cost, result.expect("the step ran"))
}

/// How much more a step may cost for a document twice as long: 2 for a
/// linear step, about 2.2 for n log n, with room for rounding in growable
/// buffers; a quadratic step (4) cannot pass.
const MOST_GROWTH: f64 = 2.6;

/// A valid article with `blocks`, `related` and `tags` as given.
fn article(blocks: Vec<Value>, related: Vec<Value>, tags: Vec<Value>) -> String {
    json!({
        "format": 1,
        "id": "growth",
        "title": "A live page",
        "summary": "Updates through the day.",
        "published": "2026-01-20T10:00:00+08:00",
        "blocks": blocks,
        "credits": [{"role": "Reporter", "names": ["A. Reporter"]}],
        "tags": tags,
        "related": related,
    })
    .to_string()
}

/// A document of one shape, made at length `n`.
type Shape = fn(usize) -> String;

/// The shapes of long documents a newsroom makes, at length `n`.
fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        ("headings with one text", |n| {
            let heading = json!({"type": "heading", "level": 2, "text": "Update"});
            article(vec![heading; n], vec![], vec![])
        }),
        ("headings that look like suffixed ones", |n| {
            let blocks = (0..n)
                .map(|i| {
                    let text = if i % 2 == 0 {
                        "Update".to_owned()
                    } else {
                        format!("Update {}", i / 2 + 2)
                    };
                    json!({"type": "heading", "level": 3, "text": text})
                })
                .collect();
            article(blocks, vec![], vec![])
        }),
        ("paragraphs of rich text", |n| {
            let paragraph = json!({"type": "paragraph", "text": [
                "Plain, then ", {"text": "bold", "bold": true},
                " and ", {"text": "a link", "href": "https://example.com/a"}, "."
            ]});
            article(vec![paragraph; n], vec![], vec![])
        }),
        ("one very long paragraph", |n| {
            let text = "word ".repeat(n * 20);
            article(
                vec![json!({"type": "paragraph", "text": text})],
                vec![],
                vec![],
            )
        }),
        ("lists, quotes and images", |n| {
            let blocks = (0..n)
                .map(|i| match i % 3 {
                    0 => json!({"type": "list", "items": ["one", "two", "three"]}),
                    1 => json!({"type": "quote", "text": "Said.", "attribution": "Someone"}),
                    _ => json!({"type": "image", "src": format!("img/{i}.jpg"),
                                "alt": "A picture", "width": 1200, "height": 800}),
                })
                .collect();
            article(blocks, vec![], vec![])
        }),
        ("related news and tags", |n| {
            let related = (0..n)
                .map(|i| json!({"id": format!("story-{i}"), "title": "Another story"}))
                .collect();
            let tags = (0..n).map(|i| json!(format!("tag {i}"))).collect();
            article(
                vec![json!({"type": "paragraph", "text": "Text."})],
                related,
                tags,
            )
        }),
    ]
}

fn render(article: model::Article) -> String {
    broadsheet::app::native::render_natively(
        &ContentBase::default(),
        None,
        "/articles/growth",
        article.language.clone(),
        move || leptos::prelude::view! { <ArticleView article/> },
    )
    .html
}

/// The cost of decoding and of rendering a document of this shape at length `n`.
fn costs(document: Shape, n: usize) -> (Cost, Cost) {
    let text = document(n);
    let (decoding, article) = cost(|| model::decode_article(&text));
    let article = article.unwrap_or_else(|error| panic!("the document reads: {error}"));
    let (rendering, html) = cost(|| render(article));
    assert!(html.contains("<article"), "the article renders");
    (decoding, rendering)
}

#[test]
fn decoding_and_rendering_grow_no_faster_than_the_document() {
    const SMALLER: usize = 400;
    let mut too_fast = Vec::new();
    for (shape, document) in shapes() {
        let small = costs(document, SMALLER);
        let large = costs(document, SMALLER * 2);
        for (step, small, large) in [
            ("decoding", small.0, large.0),
            ("rendering", small.1, large.1),
        ] {
            for (measure, small, large) in [
                ("allocations", small.allocations, large.allocations),
                ("bytes", small.bytes, large.bytes),
            ] {
                let growth = large as f64 / small as f64;
                println!(
                    "growth: {shape}, {step}: {small} {measure} at {SMALLER}, \
                     {large} at {} ({growth:.2}x)",
                    SMALLER * 2
                );
                if growth > MOST_GROWTH {
                    too_fast.push(format!("{shape}, {step}, {measure}: {growth:.2}x"));
                }
            }
        }
    }
    assert!(
        too_fast.is_empty(),
        "steps that cost more than {MOST_GROWTH}x for twice the document: {too_fast:?}"
    );
}
