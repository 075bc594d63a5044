//! The site header: the publication's name and logo, and its channel row
//! (WeChat, Facebook, Twitter, Instagram, YouTube, App) as the seed page has it.
//! The channel row is for following the publication, never for sharing an
//! article: its entries are "Follow us" links, and WeChat's shows the
//! publication's own QR code. The reading settings' button sits at its end.

use super::figure::media_url;
use super::icons::network_icon;
use super::island::{Island, IslandKind};
use super::modal::Modal;
use super::settings_panel::ReadingSettings;
use crate::context::use_site;
use crate::i18n::{text, use_strings};
use crate::model::{publication_name, FollowLink, Site};
use crate::routes::FRONT_PAGE;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_site();
    view! {
        <header class="site-header" id=crate::components::reading_aids::TOP_ID>
            <div class="site-header-inner">
                {move || {
                    let site = site.get();
                    view! {
                        <Brand site=site.clone()/>
                        {site.map(|site| view! { <ChannelRow site/> })}
                    }
                }}
                <div class="reading-settings">
                    <Island kind=IslandKind::ReadingSettings><ReadingSettings/></Island>
                </div>
            </div>
        </header>
    }
}

#[component]
fn Brand(site: Option<Site>) -> impl IntoView {
    let name = publication_name(site.as_ref()).to_owned();
    let logo = site.and_then(|site| site.logo).map(|logo| media_url(&logo));
    view! {
        <A href=FRONT_PAGE attr:class="brand">
            {logo.map(|logo| view! { <img class="brand-logo" src=logo alt="" width="40" height="40"/> })}
            <span class="brand-name">{name}</span>
        </A>
    }
}

#[component]
fn ChannelRow(site: Site) -> impl IntoView {
    let t = use_strings();
    let links: Vec<FollowLink> = site.channel_row().cloned().collect();
    let name = site.name.clone();
    view! {
        <nav class="channels" aria-label=move || (t().follow_on_channels)(&name)>
            <span class="channels-label" aria-hidden="true">{text(|t| t.follow_us)}</span>
            <ul>{links.into_iter().enumerate().map(|(at, link)| view! { <li><ChannelEntry link at/></li> }).collect_view()}</ul>
        </nav>
    }
}

/// A channel of the row, `at` its place there: an island when it opens a
/// QR code, a plain link otherwise.
#[component]
fn ChannelEntry(link: FollowLink, at: usize) -> impl IntoView {
    if link.qr.is_some() {
        view! { <Island kind=IslandKind::Channel at><Channel link/></Island> }.into_any()
    } else {
        view! { <Channel link/> }.into_any()
    }
}

/// One channel: a QR code to scan (WeChat) or a link that opens in a new tab.
#[component]
pub fn Channel(link: FollowLink) -> impl IntoView {
    let t = use_strings();
    let label = link.label().to_owned();
    let key = link.network.key().to_owned();
    let icon = network_icon(&link.network);
    match (link.qr, link.url) {
        (Some(qr), _) => {
            let open = RwSignal::new(false);
            let qr = media_url(&qr);
            let title = (t().follow_us_on)(&label);
            let (alt, instruction) = (
                (t().qr_of_account)(&label),
                (t().follow_qr_instruction)(&label),
            );
            view! {
                <button type="button" class="channel channel-qr" data-network=key aria-haspopup="dialog"
                    on:click=move |_| open.set(true)>
                    {icon}<span>{label.clone()}</span>
                </button>
                <Modal open label=title class="channel-dialog">
                    <img class="channel-qr-image" src=qr.clone() alt=alt.clone() width="240" height="240"/>
                    <p class="wechat-instruction">{instruction.clone()}</p>
                </Modal>
            }
            .into_any()
        }
        (None, Some(url)) => {
            let name = {
                let label = label.clone();
                move || (t().opens_in_new_tab)(&(t().follow_us_on)(&label))
            };
            view! {
                <a class="channel" data-network=key href=url.as_str().to_owned() target="_blank" rel="noopener"
                    aria-label=name>
                    {icon}<span>{label}</span>
                </a>
            }
            .into_any()
        }
        (None, None) => ().into_any(),
    }
}
