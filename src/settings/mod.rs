//! Reader settings: text size, light or dark, serif or sans, and the
//! interface's language. Kept across visits in localStorage and applied as
//! attributes on `<html>` (`data-text-size`, `data-theme`, `data-face`) that the
//! stylesheet reads. The inline script in `index.html` applies the same
//! stored settings before the first paint, so a page never flashes in the
//! wrong size or colours; this module writes them and applies changes live.
//! [`panel`] is the settings panel behind the header's button.

pub mod panel;

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// Where the settings live in localStorage. `index.html`'s script reads it too.
pub const STORAGE_KEY: &str = "broadsheet:settings";

/// The text size steps: 1 smallest, [`DEFAULT_TEXT_SIZE`] the browser's own.
pub const TEXT_SIZES: std::ops::RangeInclusive<u8> = 1..=5;
pub const DEFAULT_TEXT_SIZE: u8 = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    /// Follows the reader's system, light or dark.
    #[default]
    #[serde(other)]
    Auto,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Auto];

    /// The value of `<html data-theme>`.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Face {
    Sans,
    #[default]
    #[serde(other)]
    Serif,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Serif, Face::Sans];

    /// The value of `<html data-face>`.
    pub fn key(self) -> &'static str {
        match self {
            Face::Serif => "serif",
            Face::Sans => "sans",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderSettings {
    #[serde(default = "default_text_size", deserialize_with = "text_size")]
    pub size: u8,
    #[serde(default)]
    pub theme: Theme,
    #[serde(default)]
    pub face: Face,
    /// The interface's language tag; absent follows the page.
    #[serde(
        default,
        with = "language_tag",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<Locale>,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        ReaderSettings {
            size: DEFAULT_TEXT_SIZE,
            theme: Theme::default(),
            face: Face::default(),
            lang: None,
        }
    }
}

fn default_text_size() -> u8 {
    DEFAULT_TEXT_SIZE
}

/// A size out of range, or not a number, is the default: stored settings may
/// come from an older version or from a reader's own fiddling.
fn text_size<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    let size = serde_json::Value::deserialize(deserializer)?;
    Ok(size
        .as_u64()
        .and_then(|size| u8::try_from(size).ok())
        .filter(|size| TEXT_SIZES.contains(size))
        .unwrap_or(DEFAULT_TEXT_SIZE))
}

mod language_tag {
    use crate::i18n::Locale;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        locale: &Option<Locale>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match locale {
            Some(locale) => serializer.serialize_str(locale.tag()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Locale>, D::Error> {
        let tag = Option::<serde_json::Value>::deserialize(deserializer)?;
        Ok(tag
            .as_ref()
            .and_then(|tag| tag.as_str())
            .and_then(Locale::from_tag))
    }
}

impl ReaderSettings {
    /// Settings as stored; anything unreadable is the default.
    pub fn parse(stored: &str) -> ReaderSettings {
        serde_json::from_str(stored).unwrap_or_default()
    }

    pub fn to_json(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }

    /// The settings kept on this device.
    pub fn load() -> ReaderSettings {
        storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .map(|stored| ReaderSettings::parse(&stored))
            .unwrap_or_default()
    }

    /// Keeps the settings and applies them to the page at once. A browser that
    /// refuses storage (private mode, full) still gets them for this page.
    pub fn save_and_apply(self) {
        if let Some(storage) = storage() {
            _ = storage.set_item(STORAGE_KEY, &self.to_json());
        }
        self.apply();
    }

    /// Sets the page's attributes as `index.html`'s script does before paint.
    pub fn apply(self) {
        let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        else {
            return;
        };
        _ = root.set_attribute("data-theme", self.theme.key());
        _ = root.set_attribute("data-text-size", &self.size.to_string());
        _ = root.set_attribute("data-face", self.face.key());
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_settings_round_trip() {
        let settings = ReaderSettings {
            size: 4,
            theme: Theme::Dark,
            face: Face::Sans,
            lang: Some(Locale::ZhHans),
        };
        assert_eq!(
            settings.to_json(),
            r#"{"size":4,"theme":"dark","face":"sans","lang":"zh-Hans"}"#
        );
        assert_eq!(ReaderSettings::parse(&settings.to_json()), settings);
    }

    #[test]
    fn anything_unreadable_is_the_default() {
        for stored in [
            "",
            "null",
            "[]",
            "{\"size\":\"huge\"}",
            "{\"size\":99}",
            "not json",
        ] {
            assert_eq!(
                ReaderSettings::parse(stored).size,
                DEFAULT_TEXT_SIZE,
                "{stored}"
            );
        }
        let odd = ReaderSettings::parse(r#"{"theme":"sepia","face":"comic","lang":"ar"}"#);
        assert_eq!(odd, ReaderSettings::default());
    }
}
