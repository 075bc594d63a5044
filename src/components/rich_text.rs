//! Rich text: spans of text, bold, italic and safe links. Text is always set as
//! text, never as HTML.

use crate::model::{RichText, Span};
use leptos::prelude::*;

#[component]
pub fn RichTextView(text: RichText) -> impl IntoView {
    text.0
        .into_iter()
        .map(|span| view! { <SpanView span/> })
        .collect_view()
}

#[component]
fn SpanView(span: Span) -> impl IntoView {
    let Span {
        text,
        bold,
        italic,
        link,
    } = span;
    let styled = match (bold, italic) {
        (true, true) => view! { <strong><em>{text}</em></strong> }.into_any(),
        (true, false) => view! { <strong>{text}</strong> }.into_any(),
        (false, true) => view! { <em>{text}</em> }.into_any(),
        (false, false) => text.into_any(),
    };
    match link {
        Some(href) => {
            view! { <a href=href.as_str().to_owned() rel="noopener">{styled}</a> }.into_any()
        }
        None => styled,
    }
}
