//! "Save for offline" under an article: keeps its page, its document and every
//! picture in it on the device, for reading with no network. The caching is
//! [`crate::platform::offline_cache`]'s; this is the button and what it says
//! back, including which part could not be kept.

use crate::components::figure::media_url;
use crate::components::icons::download_icon;
use crate::content::ContentBase;
use crate::i18n::{use_strings, Strings};
use crate::model::Article;
use crate::platform::offline_cache::{save_for_offline, SaveFailure, Saved};
use crate::routes::article_route;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Saving {
    Not,
    Busy,
    Done,
}

/// What the status line says: kept as what happened rather than as words, so
/// that it follows a switch of the interface's language.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Message {
    Saving,
    Saved(Saved),
    Failed(SaveFailure),
}

impl Message {
    fn text(self, t: &Strings) -> &'static str {
        match self {
            Message::Saving => t.saving_for_offline,
            // The reader would otherwise find blank pictures on the underground.
            Message::Saved(Saved {
                pictures_left_out: 1..,
            }) => t.saved_without_some_pictures,
            Message::Saved(_) => t.saved_message,
            Message::Failed(failure) => failure_message(failure, t),
        }
    }
}

/// What the reader is told when saving failed, in the interface's language.
fn failure_message(failure: SaveFailure, t: &Strings) -> &'static str {
    match failure {
        SaveFailure::Unsupported => t.save_unsupported,
        SaveFailure::StorageFull => t.save_storage_full,
        SaveFailure::Download => t.save_download_failed,
    }
}

#[component]
pub fn SaveOffline(article: Article) -> impl IntoView {
    let t = use_strings();
    let content = use_context::<ContentBase>().unwrap_or_default();
    let pages = vec![
        article_route(&article.id),
        content.article(&article.id),
        content.site(),
    ];
    let pictures: Vec<String> = article.pictures().into_iter().map(media_url).collect();
    let state = RwSignal::new(Saving::Not);
    let message = RwSignal::new(None::<Message>);
    let save = move |_| {
        let (pages, pictures) = (pages.clone(), pictures.clone());
        state.set(Saving::Busy);
        message.set(Some(Message::Saving));
        spawn_local(async move {
            match save_for_offline(pages, pictures).await {
                Ok(saved) => {
                    state.set(Saving::Done);
                    message.set(Some(Message::Saved(saved)));
                }
                Err(failure) => {
                    state.set(Saving::Not);
                    message.set(Some(Message::Failed(failure)));
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
                <span>{move || if state.get() == Saving::Done { t().saved_for_offline } else { t().save_for_offline }}</span>
            </button>
            <p class="save-offline-status" role="status" aria-live="polite">
                {move || message.get().map_or("", |message| message.text(t()))}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn save_failures_speak_the_interface_language() {
        let en = Locale::En.strings();
        assert_eq!(
            failure_message(SaveFailure::StorageFull, en),
            "There is no room left on this device to save it."
        );
        let zh = Locale::ZhHans.strings();
        assert_eq!(
            failure_message(SaveFailure::Unsupported, zh),
            zh.save_unsupported
        );
        let partly = Message::Saved(Saved {
            pictures_left_out: 2,
        });
        assert_eq!(partly.text(en), en.saved_without_some_pictures);
        let whole = Message::Saved(Saved {
            pictures_left_out: 0,
        });
        assert_eq!(whole.text(en), en.saved_message);
    }
}
