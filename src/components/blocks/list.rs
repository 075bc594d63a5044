//! The `list` block: an ordered or unordered list of rich text.

use crate::components::rich_text::RichTextView;
use crate::model::List;
use leptos::prelude::*;

#[component]
pub fn ListBlock(list: List) -> impl IntoView {
    let items = list
        .items
        .into_iter()
        .map(|text| view! { <li><RichTextView text/></li> })
        .collect_view();
    if list.ordered {
        view! { <ol class="list">{items}</ol> }.into_any()
    } else {
        view! { <ul class="list">{items}</ul> }.into_any()
    }
}
