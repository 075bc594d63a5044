//! The share bar under every headline: the site's share networks in its order,
//! the system share sheet where the browser has one, and the generated poster.
//! What each button does is decided in [`crate::share::links`]; this is how it
//! looks and what it says back.

use super::embed_action::EmbedAction;
use super::icons::{network_icon, poster_icon, share_icon};
use super::modal::Modal;
use super::qr_code::QrCode;
use super::share_poster::SharePosterDialog;
use crate::context::use_site;
use crate::i18n::{text, use_strings};
use crate::model::{Article, Network};
use crate::platform::share::{self as browser, ShareOutcome};
use crate::share::links::{share_action, share_label, ShareAction, ShareTarget};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The networks offered when site.json names none: every one this app shares to.
const DEFAULT_SHARE: [Network; 9] = [
    Network::WeChat,
    Network::Weibo,
    Network::Facebook,
    Network::Twitter,
    Network::LinkedIn,
    Network::WhatsApp,
    Network::Telegram,
    Network::Email,
    Network::Copy,
];

#[component]
pub fn ShareBar(article: Article) -> impl IntoView {
    let t = use_strings();
    let site = use_site();
    let target = ShareTarget::for_article(&article, &browser::page_origin());
    let status = RwSignal::new(String::new());
    let manual_copy = RwSignal::new(None::<String>);
    let poster_open = RwSignal::new(false);
    // Known only in the browser, after mounting: a prerendered page never
    // promises a share sheet it may not have.

    let buttons = {
        let target = target.clone();
        move || {
            let networks: Vec<Network> = site
                .get()
                .map(|site| site.share)
                .filter(|share| !share.is_empty())
                .unwrap_or_else(|| DEFAULT_SHARE.to_vec());
            networks
                .into_iter()
                .filter_map(|network| {
                    let action = share_action(&network, &target)?;
                    Some(view! {
                        <li>
                            <ShareButton network action status manual_copy/>
                        </li>
                    })
                })
                .collect_view()
        }
    };

    let share_natively = {
        let target = target.clone();
        move |_| {
            let target = target.clone();
            spawn_local(async move {
                let mut fields = vec![
                    ("title", target.title.clone().into()),
                    ("url", target.url_from("share").into()),
                ];
                if let Some(summary) = &target.summary {
                    fields.push(("text", summary.clone().into()));
                }
                match browser::share(&fields).await {
                    ShareOutcome::Shared | ShareOutcome::Cancelled => {}
                    ShareOutcome::Failed(reason) => {
                        status.set((t().sharing_failed)(&reason));
                    }
                }
            });
        }
    };

    view! {
        <section class="share-bar" aria-label=text(|t| t.share_this_article)>
            <ul class="share-networks">{buttons}</ul>
            <div class="share-actions">
                // Shown where the browser has a system share sheet: the page
                // says so before its first paint (context/reader-settings.js).
                <button type="button" class="share-action share-native" on:click=share_natively.clone()>
                    {share_icon()}<span>{text(|t| t.share)}</span>
                </button>
                <button type="button" class="share-action share-poster" on:click=move |_| poster_open.set(true)>
                    {poster_icon()}<span>{text(|t| t.poster)}</span>
                </button>
                <EmbedAction article=article.clone()/>
            </div>
            <p class="share-status" role="status" aria-live="polite">{move || status.get()}</p>
            {move || manual_copy.get().map(|url| view! {
                <label class="manual-copy">
                    {text(|t| t.copy_link_by_hand)}
                    <input type="text" readonly value=url on:focus=|event| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }/>
                </label>
            })}
            <SharePosterDialog open=poster_open article=article.clone()/>
        </section>
    }
}

#[component]
fn ShareButton(
    network: Network,
    action: ShareAction,
    status: RwSignal<String>,
    manual_copy: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_strings();
    let label = {
        let network = network.clone();
        move || share_label(&network, t())
    };
    let key = network.key().to_owned();
    let icon = network_icon(&network);
    match action {
        ShareAction::Link(href) => {
            // mailto: opens the mail program; a new tab would stay blank.
            let new_tab = !href.starts_with("mailto:");
            view! {
                <a
                    class="share-button"
                    data-network=key
                    href=href
                    target=new_tab.then_some("_blank")
                    rel=new_tab.then_some("noopener noreferrer")
                    aria-label=label.clone()
                    title=label
                >
                    {icon}
                </a>
            }
            .into_any()
        }
        ShareAction::WeChatQr(url) => {
            let open = RwSignal::new(false);
            view! {
                <button type="button" class="share-button" data-network=key aria-label=label.clone() title=label
                    on:click=move |_| open.set(true)>
                    {icon}
                </button>
                <Modal open label=text(|t| t.share_on_wechat) class="wechat-dialog">
                    <WeChatShare url=url.clone()/>
                </Modal>
            }
            .into_any()
        }
        ShareAction::Copy(url) => {
            let copy = move |_| {
                let url = url.clone();
                status.set(String::new());
                spawn_local(async move {
                    if browser::copy_text(&url).await {
                        manual_copy.set(None);
                        status.set(t().link_copied.to_owned());
                    } else {
                        manual_copy.set(Some(url));
                    }
                });
            };
            view! {
                <button type="button" class="share-button" data-network=key aria-label=label.clone() title=label on:click=copy>
                    {icon}
                </button>
            }
            .into_any()
        }
    }
}

/// Inside the WeChat dialog: a QR code to scan, or, when the page is already
/// open in WeChat, the way to share from there.
#[component]
fn WeChatShare(url: String) -> impl IntoView {
    if browser::in_wechat() {
        return view! {
            <p class="wechat-instruction in-wechat">{text(|t| t.wechat_in_app)}</p>
        }
        .into_any();
    }
    view! {
        <QrCode text=url.clone() label=text(|t| t.qr_of_link)/>
        <p class="wechat-instruction">{text(|t| t.wechat_scan)}</p>
        <p class="wechat-url">{url}</p>
    }
    .into_any()
}
