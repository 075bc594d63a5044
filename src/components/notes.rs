//! Notes after the story: contributors, thanks, corrections.

use leptos::prelude::*;

#[component]
pub fn Notes(notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <div class="notes">
                {notes.into_iter().map(|note| view! { <p class="note">{note}</p> }).collect_view()}
            </div>
        }
    })
}
