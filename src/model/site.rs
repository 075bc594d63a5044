//! The publication: its name, logo, own channels (the follow row) and the share
//! networks every article offers, as `site.json` gives them.

use super::tolerant::Tolerant;
use super::values::{LinkUrl, MediaUrl};
use serde::{Deserialize, Deserializer};

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Site {
    pub name: String,
    /// The name under the installed app's icon, where `name` is too long.
    #[serde(default)]
    pub short_name: Option<String>,
    /// The installed app's colours, `#rrggbb`; anything else is ignored.
    #[serde(default, deserialize_with = "hex_color")]
    pub theme_color: Option<String>,
    #[serde(default, deserialize_with = "hex_color")]
    pub background_color: Option<String>,
    #[serde(default)]
    pub logo: Option<MediaUrl>,
    #[serde(default)]
    pub base_url: Option<LinkUrl>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub follow: Vec<Tolerant<FollowLink>>,
    #[serde(default)]
    pub share: Vec<Network>,
    /// How many articles a page of a list shows (the front page, a section,
    /// a tag); [`Site::page_size`] reads it.
    #[serde(default)]
    page_size: Option<serde_json::Value>,
}

/// Articles on a page of a list when site.json does not say.
pub const DEFAULT_PAGE_SIZE: usize = 30;

/// The most articles a page of a list may show.
pub const MOST_PAGE_SIZE: usize = 500;

fn hex_color<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let color = Option::<String>::deserialize(deserializer)?;
    Ok(color.filter(|color| {
        color.len() == 7
            && color.starts_with('#')
            && color[1..].chars().all(|c| c.is_ascii_hexdigit())
    }))
}

/// A network or channel a publication can be followed on or an article shared to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Network {
    WeChat,
    Weibo,
    Facebook,
    Twitter,
    LinkedIn,
    WhatsApp,
    Telegram,
    Instagram,
    YouTube,
    Email,
    Copy,
    App,
    /// The publication's mobile site. This app is itself the mobile version, so it
    /// is read but has no link of its own in the channel row.
    Mobile,
    /// A network this app has no special knowledge of; shown by its label.
    Other(String),
}

impl Network {
    pub fn from_name(name: &str) -> Network {
        match name.trim().to_ascii_lowercase().as_str() {
            "wechat" => Network::WeChat,
            "weibo" => Network::Weibo,
            "facebook" => Network::Facebook,
            "twitter" | "x" => Network::Twitter,
            "linkedin" => Network::LinkedIn,
            "whatsapp" => Network::WhatsApp,
            "telegram" => Network::Telegram,
            "instagram" => Network::Instagram,
            "youtube" => Network::YouTube,
            "email" => Network::Email,
            "copy" => Network::Copy,
            "app" => Network::App,
            "mobile" => Network::Mobile,
            _ => Network::Other(name.to_owned()),
        }
    }

    /// The name a reader knows the network by.
    pub fn display_name(&self) -> &str {
        match self {
            Network::WeChat => "WeChat",
            Network::Weibo => "Weibo",
            Network::Facebook => "Facebook",
            Network::Twitter => "Twitter",
            Network::LinkedIn => "LinkedIn",
            Network::WhatsApp => "WhatsApp",
            Network::Telegram => "Telegram",
            Network::Instagram => "Instagram",
            Network::YouTube => "YouTube",
            Network::Email => "Email",
            Network::Copy => "Copy link",
            Network::App => "App",
            Network::Mobile => "Mobile version",
            Network::Other(name) => name,
        }
    }

    /// A stable lower-case key for CSS classes and test hooks.
    pub fn key(&self) -> &str {
        match self {
            Network::WeChat => "wechat",
            Network::Weibo => "weibo",
            Network::Facebook => "facebook",
            Network::Twitter => "twitter",
            Network::LinkedIn => "linkedin",
            Network::WhatsApp => "whatsapp",
            Network::Telegram => "telegram",
            Network::Instagram => "instagram",
            Network::YouTube => "youtube",
            Network::Email => "email",
            Network::Copy => "copy",
            Network::App => "app",
            Network::Mobile => "mobile",
            Network::Other(_) => "other",
        }
    }
}

impl<'de> Deserialize<'de> for Network {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|name| Network::from_name(&name))
    }
}

/// One of the publication's own channels: a link, or for WeChat a QR code to scan.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FollowLink {
    pub network: Network,
    #[serde(default)]
    pub url: Option<LinkUrl>,
    #[serde(default)]
    pub qr: Option<MediaUrl>,
    #[serde(default)]
    pub label: Option<String>,
}

impl FollowLink {
    pub fn label(&self) -> &str {
        self.label
            .as_deref()
            .filter(|label| !label.trim().is_empty())
            .unwrap_or(self.network.display_name())
    }
}

/// The publication's name where site.json gives none, or cannot be read.
pub const FALLBACK_PUBLICATION_NAME: &str = "Broadsheet";

/// The publication's name: site.json's, else [`FALLBACK_PUBLICATION_NAME`].
pub fn publication_name(site: Option<&Site>) -> &str {
    site.map_or(FALLBACK_PUBLICATION_NAME, |site| site.name.as_str())
}

impl Site {
    /// Articles on a page of a list: site.json's `page_size` when it is a whole
    /// number from 1 (at most [`MOST_PAGE_SIZE`]), else [`DEFAULT_PAGE_SIZE`].
    pub fn page_size(&self) -> usize {
        self.page_size
            .as_ref()
            .and_then(serde_json::Value::as_u64)
            .filter(|&size| size >= 1)
            .map_or(DEFAULT_PAGE_SIZE, |size| {
                size.min(MOST_PAGE_SIZE as u64) as usize
            })
    }

    /// The channel row as a reader sees it: channels that can be reached, in order.
    pub fn channel_row(&self) -> impl Iterator<Item = &FollowLink> {
        self.follow
            .iter()
            .filter_map(Tolerant::accepted)
            .filter(|link| {
                link.network != Network::Mobile && (link.url.is_some() || link.qr.is_some())
            })
    }
}
