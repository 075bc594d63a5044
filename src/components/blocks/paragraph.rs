//! The `paragraph` block.

use crate::components::rich_text::RichTextView;
use crate::model::Paragraph;
use leptos::prelude::*;

/// The start of a paragraph's id, `paragraph-3` for an article's third: a
/// place that the same article in another language shares
/// ([`crate::components::translations`]).
pub const PARAGRAPH_ID_PREFIX: &str = "paragraph-";

/// A paragraph, the `number`th of its article (from 1).
#[component]
pub fn ParagraphBlock(paragraph: Paragraph, number: usize) -> impl IntoView {
    view! { <p id=format!("{PARAGRAPH_ID_PREFIX}{number}")><RichTextView text=paragraph.text/></p> }
}
