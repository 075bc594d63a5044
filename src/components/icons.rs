//! Icons for share networks, channels and actions. Each is one empty `<span>`
//! whose glyph `style/icons.css` draws as a mask over the text colour: no icon
//! font, no request, no path data in the page or the wasm, and one element to
//! create per icon. Each is decorative (aria-hidden) because the button or link
//! around it carries the accessible name.

use crate::model::Network;
use leptos::prelude::*;

/// The glyph classes `style/icons.css` defines, `icon-{name}`: one per
/// network, named by its key, then `other` networks' globe and the actions.
pub const ICON_NAMES: [&str; 20] = [
    "wechat",
    "weibo",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "telegram",
    "instagram",
    "youtube",
    "email",
    "copy",
    "app",
    "mobile",
    "globe",
    "share",
    "poster",
    "close",
    "download",
    "embed",
    "listen",
];

fn icon(name: &str) -> impl IntoView {
    view! { <span class=format!("icon icon-{name}") aria-hidden="true"></span> }
}

/// The glyph of a network: its own, by its key; a globe for any other.
fn network_glyph(network: &Network) -> &str {
    match network {
        Network::Other(_) => "globe",
        network => network.key(),
    }
}

/// The icon for a network (share bar and channel row). Twitter is drawn as
/// X, copy as a link, mobile as a phone, app as app tiles.
pub fn network_icon(network: &Network) -> impl IntoView {
    icon(network_glyph(network))
}

/// The system share action: a box with an arrow leaving it.
pub fn share_icon() -> impl IntoView {
    icon("share")
}

/// The share poster action: a tall picture card.
pub fn poster_icon() -> impl IntoView {
    icon("poster")
}

/// Close a dialog: an X.
pub fn close_icon() -> impl IntoView {
    icon("close")
}

/// Save a file: an arrow down into a tray.
pub fn download_icon() -> impl IntoView {
    icon("download")
}

/// Listen: a speaker sending out sound.
pub fn listen_icon() -> impl IntoView {
    icon("listen")
}

/// Embed on another site: angle brackets, as in markup.
pub fn embed_icon() -> impl IntoView {
    icon("embed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_network_has_a_glyph_the_stylesheet_draws() {
        let stylesheet = include_str!("../../style/icons.css");
        for name in ICON_NAMES {
            assert!(
                stylesheet.contains(&format!(
                    ".icon-{name} {{ --icon: url(\"data:image/svg+xml,"
                )),
                "style/icons.css draws no {name}"
            );
        }
        let networks = [
            Network::WeChat,
            Network::Weibo,
            Network::Facebook,
            Network::Twitter,
            Network::LinkedIn,
            Network::WhatsApp,
            Network::Telegram,
            Network::Instagram,
            Network::YouTube,
            Network::Email,
            Network::Copy,
            Network::App,
            Network::Mobile,
            Network::Other("Mastodon".to_owned()),
        ];
        for network in &networks {
            assert!(
                ICON_NAMES.contains(&network_glyph(network)),
                "{network:?} has no glyph"
            );
        }
    }
}
