//! The `paragraph` block.

use crate::components::rich_text::RichTextView;
use crate::model::Paragraph;
use leptos::prelude::*;

#[component]
pub fn ParagraphBlock(paragraph: Paragraph) -> impl IntoView {
    view! { <p><RichTextView text=paragraph.text/></p> }
}
