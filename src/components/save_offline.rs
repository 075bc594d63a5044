//! "Save for offline" under an article: keeps its page, its document and every
//! picture in it on the device, for reading with no network. The caching is
//! [`crate::pwa`]'s; this is the button and what it says back.

use crate::api::ContentBase;
use crate::components::figure::media_url;
use crate::components::icons::download_icon;
use crate::model::Article;
use crate::pwa::save_for_offline;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Saving {
    Not,
    Busy,
    Done,
}

#[component]
pub fn SaveOffline(article: Article) -> impl IntoView {
    let content = use_context::<ContentBase>().unwrap_or_default();
    let pages = vec![
        crate::app::article_route(&article.id),
        content.article(&article.id),
        content.site(),
    ];
    let pictures: Vec<String> = article.pictures().into_iter().map(media_url).collect();
    let state = RwSignal::new(Saving::Not);
    let message = RwSignal::new(String::new());
    let save = move |_| {
        let (pages, pictures) = (pages.clone(), pictures.clone());
        state.set(Saving::Busy);
        message.set("Saving for offline…".to_owned());
        spawn_local(async move {
            match save_for_offline(pages, pictures).await {
                Ok(()) => {
                    state.set(Saving::Done);
                    message.set("Saved. This article opens without a connection.".to_owned());
                }
                Err(failure) => {
                    state.set(Saving::Not);
                    message.set(failure.message().to_owned());
                }
            }
        });
    };
    view! {
        <div class="save-offline">
            <button type="button" class="share-action save-offline-button"
                disabled=move || state.get() != Saving::Not
                on:click=save>
                {download_icon()}
                <span>{move || if state.get() == Saving::Done { "Saved for offline" } else { "Save for offline" }}</span>
            </button>
            <p class="save-offline-status" role="status" aria-live="polite">{move || message.get()}</p>
        </div>
    }
}
