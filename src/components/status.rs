//! What a reader sees while content loads and when it fails: placeholders of the
//! page's shape, and a message that says what went wrong with a Retry button.
//! The words for each [`LoadError`] live here, in the interface's language.

use crate::content::{Freshness, LoadError, FETCH_TIMEOUT_MS};
use crate::i18n::Strings;
use crate::i18n::{text, use_strings};
use leptos::prelude::*;

/// The reader's Retry presses. A resource that reads [`Retries::freshness`]
/// loads again on each press, and every load after the first goes past the
/// browser's cache to the host.
#[derive(Clone, Copy)]
pub struct Retries(RwSignal<u32>);

impl Retries {
    pub fn new() -> Self {
        Retries(RwSignal::new(0))
    }

    pub fn freshness(self) -> Freshness {
        if self.0.get() == 0 {
            Freshness::Usual
        } else {
            Freshness::FromHost
        }
    }

    pub fn retry(self) {
        self.0.update(|presses| *presses += 1);
    }
}

impl Default for Retries {
    fn default() -> Self {
        Self::new()
    }
}

/// The shape of an article page, shown while it loads.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton article-skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{text(|t| t.loading_article)}</p>
            <div class="skeleton-line skeleton-label"></div>
            <div class="skeleton-line skeleton-headline"></div>
            <div class="skeleton-line skeleton-headline short"></div>
            <div class="skeleton-box skeleton-hero"></div>
            {(0..5).map(|_| view! { <div class="skeleton-line"></div> }).collect_view()}
        </div>
    }
}

/// The shape of the front page, shown while it loads.
#[component]
pub fn FrontPageSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton front-skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{text(|t| t.loading_front_page)}</p>
            {(0..4).map(|_| view! {
                <div class="skeleton-card">
                    <div class="skeleton-box"></div>
                    <div class="skeleton-line skeleton-headline"></div>
                    <div class="skeleton-line"></div>
                </div>
            }).collect_view()}
        </div>
    }
}

/// A short headline for the reader, in the interface's language.
pub fn headline(error: &LoadError, t: &Strings) -> &'static str {
    match error {
        LoadError::NotFound => t.error_not_found,
        LoadError::Withdrawn => t.error_withdrawn,
        LoadError::Offline => t.error_offline,
        LoadError::Unreachable(_) => t.error_unreachable,
        LoadError::TimedOut(_) => t.error_timed_out,
        LoadError::Busy => t.error_busy,
        LoadError::Server(_) => t.error_server,
        LoadError::Unreadable(_) => t.error_unreadable,
        LoadError::TooLarge(_) => t.error_too_large,
    }
}

/// What happened and what the reader can do about it.
pub fn advice(error: &LoadError, t: &Strings) -> &'static str {
    match error {
        LoadError::NotFound => t.advice_not_found,
        LoadError::Withdrawn => t.advice_withdrawn,
        LoadError::Offline => t.advice_offline,
        LoadError::Unreachable(_) => t.advice_unreachable,
        LoadError::TimedOut(_) => t.advice_timed_out,
        LoadError::Busy => t.advice_busy,
        LoadError::Server(_) => t.advice_server,
        LoadError::Unreadable(_) => t.advice_unreadable,
        LoadError::TooLarge(_) => t.advice_too_large,
    }
}

/// The technical detail, for the console and the newsroom.
pub fn detail(error: &LoadError, t: &Strings) -> Option<String> {
    match error {
        LoadError::NotFound | LoadError::Withdrawn | LoadError::Offline => None,
        LoadError::TimedOut(None) => {
            Some(format!("no answer within {} s", FETCH_TIMEOUT_MS / 1000))
        }
        LoadError::TimedOut(Some(status)) => Some((t.http_status)(*status)),
        LoadError::Busy => Some((t.http_status)(429)),
        LoadError::Unreachable(reason) => Some(reason.clone()),
        LoadError::Server(status) => Some((t.http_status)(*status)),
        LoadError::Unreadable(error) => Some(error.to_string()),
        LoadError::TooLarge(detail) => Some(detail.clone()),
    }
}

/// A failure: what happened, what the reader can do, and Retry where it helps.
#[component]
pub fn LoadFailure(error: LoadError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let t = use_strings();
    let retryable = error.is_retryable();
    let has_detail = untrack(|| detail(&error, t()).is_some());
    let (headline, advice) = (error.clone(), error.clone());
    view! {
        <section class="load-failure" role="alert">
            <h1 tabindex="-1">{move || self::headline(&headline, t())}</h1>
            <p>{move || self::advice(&advice, t())}</p>
            {retryable.then(|| view! {
                <button type="button" class="retry" on:click=move |_| on_retry.run(())>{text(|t| t.retry)}</button>
            })}
            {has_detail.then(|| view! {
                <details class="failure-detail">
                    <summary>{text(|t| t.details_for_newsroom)}</summary>
                    <code>{move || detail(&error, t())}</code>
                </details>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn load_errors_speak_the_interface_language() {
        let (en, zh) = (Locale::En.strings(), Locale::ZhHans.strings());
        assert_eq!(headline(&LoadError::Offline, en), "You are offline");
        assert_eq!(headline(&LoadError::Offline, zh), zh.error_offline);
        assert_eq!(advice(&LoadError::Server(503), zh), zh.advice_server);
        assert_eq!(
            detail(&LoadError::Server(503), en).as_deref(),
            Some("HTTP status 503")
        );
        assert_eq!(detail(&LoadError::NotFound, zh), None);
        let gateway = LoadError::for_status(504).unwrap();
        assert_eq!(headline(&gateway, en), "The newsroom is taking too long");
        assert_eq!(detail(&gateway, en).as_deref(), Some("HTTP status 504"));
    }
}
