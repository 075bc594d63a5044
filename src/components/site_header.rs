//! The site header: the publication's name and logo, and its channel row
//! (WeChat, Facebook, Twitter, Instagram, YouTube, App) as the seed page has it.

use super::figure::media_url;
use crate::app::use_site;
use crate::model::{FollowLink, Site};
use leptos::prelude::*;
use leptos_router::components::A;

/// The name shown while site.json loads or when it cannot be read.
const FALLBACK_NAME: &str = "Broadsheet";

#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_site();
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                {move || {
                    let site = site.get();
                    view! {
                        <Brand site=site.clone()/>
                        {site.map(|site| view! { <ChannelRow site/> })}
                    }
                }}
            </div>
        </header>
    }
}

#[component]
fn Brand(site: Option<Site>) -> impl IntoView {
    let name = site
        .as_ref()
        .map_or(FALLBACK_NAME.to_owned(), |site| site.name.clone());
    let logo = site.and_then(|site| site.logo).map(|logo| media_url(&logo));
    view! {
        <A href="/" attr:class="brand">
            {logo.map(|logo| view! { <img class="brand-logo" src=logo alt="" width="40" height="40"/> })}
            <span class="brand-name">{name}</span>
        </A>
    }
}

#[component]
fn ChannelRow(site: Site) -> impl IntoView {
    let links: Vec<FollowLink> = site.channel_row().cloned().collect();
    let label = format!("{} on other channels", site.name);
    view! {
        <nav class="channels" aria-label=label>
            <ul>{links.into_iter().map(|link| view! { <li><Channel link/></li> }).collect_view()}</ul>
        </nav>
    }
}

/// One channel: a QR code to scan (WeChat) or a link that opens in a new tab.
#[component]
fn Channel(link: FollowLink) -> impl IntoView {
    let label = link.label().to_owned();
    let key = link.network.key().to_owned();
    match (link.qr, link.url) {
        (Some(qr), _) => view! {
            <details class="channel channel-qr" data-network=key>
                <summary>{label.clone()}</summary>
                <div class="channel-qr-panel">
                    <img src=media_url(&qr) alt=format!("QR code: follow us on {label}") width="160" height="160"/>
                    <p>{format!("Scan with {label} to follow us")}</p>
                </div>
            </details>
        }
        .into_any(),
        (None, Some(url)) => view! {
            <a class="channel" data-network=key href=url.as_str().to_owned() target="_blank" rel="noopener">{label}</a>
        }
        .into_any(),
        (None, None) => ().into_any(),
    }
}
