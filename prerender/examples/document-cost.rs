//! What one long document costs the prerenderer and the app: the time to
//! decode and to render (natively, with the app's own components, as the
//! prerenderer does and as the browser does in wasm) a live page of 3,000
//! updates under one heading, and a document at the model's size limit.
//! `make bench-documents` runs it; `DOCUMENT_RUNS` sets the runs (default 5),
//! of which the median is printed.

use broadsheet::content::ContentBase;
use broadsheet::model;
use broadsheet::pages::article::ArticleView;
use serde_json::json;
use std::time::{Duration, Instant};

fn live_page(updates: usize) -> String {
    let blocks: Vec<_> = (1..=updates)
        .flat_map(|n| {
            [
                json!({"type": "heading", "level": 2, "text": "Update"}),
                json!({"type": "paragraph", "text": format!("Update {n}. {}", "The story moves on. ".repeat(10))}),
            ]
        })
        .collect();
    json!({"format": 1, "id": "live", "title": "A live page", "blocks": blocks}).to_string()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("DOCUMENT_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(5)
        .max(1);
    let text = live_page(3000);
    println!(
        "document-cost: a live page of 3,000 updates ({} bytes), median of {runs} runs",
        text.len()
    );
    let (mut decoding, mut rendering) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let article = model::decode_article(&text).expect("the live page reads");
        decoding.push(start.elapsed());
        let start = Instant::now();
        let html = broadsheet::app::native::render_natively(
            &ContentBase::default(),
            None,
            "/articles/live",
            None,
            move || leptos::prelude::view! { <ArticleView article/> },
        )
        .html;
        rendering.push(start.elapsed());
        assert!(html.contains("update-3000"));
    }
    println!(
        "  decode: {:>8.1} ms",
        median(decoding).as_secs_f64() * 1000.0
    );
    println!(
        "  render: {:>8.1} ms",
        median(rendering).as_secs_f64() * 1000.0
    );

    let over = "x".repeat(model::limits::MOST_DOCUMENT_BYTES + 1);
    let start = Instant::now();
    let refusal = model::decode_article(&over).expect_err("past the limit");
    println!(
        "  a document past the limit ({} bytes): refused in {:.3} ms: {refusal}",
        over.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}
