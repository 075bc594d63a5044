//! Reader settings: text size, light or dark, serif or sans, the
//! interface's language, and whether pictures wait for a tap to save data.
//! Kept across visits in localStorage and applied as attributes on `<html>`
//! (`data-text-size`, `data-theme`, `data-face`, `data-save-data`) that the
//! stylesheet reads. `reader-settings.js`, beside this file and loaded by
//! `index.html`, applies the same stored settings before the first paint, so a page never flashes in the
//! wrong size or colours; this module writes them and applies changes live.
//! The panel behind the header's button is
//! [`crate::components::settings_panel`].

use crate::i18n::Locale;
use crate::platform::storage;

/// Where the settings live in localStorage. `reader-settings.js` reads it too.
pub const STORAGE_KEY: &str = "broadsheet:settings";

/// The text size steps: 1 smallest, [`DEFAULT_TEXT_SIZE`] the browser's own.
pub const TEXT_SIZES: std::ops::RangeInclusive<u8> = 1..=5;
pub const DEFAULT_TEXT_SIZE: u8 = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows the reader's system, light or dark.
    #[default]
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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Face {
    #[default]
    Serif,
    Sans,
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

/// Whether pictures other than the article's lead wait for the reader's tap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pictures {
    /// On tap when the browser asks to save data (`Save-Data`, or
    /// `prefers-reduced-data`), else always.
    #[default]
    Auto,
    OnTap,
    Always,
}

impl Pictures {
    pub const ALL: [Pictures; 3] = [Pictures::Auto, Pictures::OnTap, Pictures::Always];

    /// The value kept in localStorage.
    pub fn key(self) -> &'static str {
        match self {
            Pictures::Auto => "auto",
            Pictures::OnTap => "on-tap",
            Pictures::Always => "always",
        }
    }

    /// Whether the page saves data: the reader's choice, or the browser's.
    pub fn saves_data(self) -> bool {
        match self {
            Pictures::Auto => crate::platform::browser_saves_data(),
            Pictures::OnTap => true,
            Pictures::Always => false,
        }
    }
}

/// Set on `<html>` while the page saves data; `reader-settings.js` sets it
/// before the first paint, and the stylesheet and `data-saver.js` read it.
pub const SAVE_DATA_ATTRIBUTE: &str = "data-save-data";

/// The settings, as JSON in localStorage: `{"size":3,"theme":"dark","face":"sans","pictures":"on-tap","lang":"zh-Hans"}`.
/// Read and written by hand, not by serde's derives: four fields do not need
/// the serializer code in the wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderSettings {
    pub size: u8,
    pub theme: Theme,
    pub face: Face,
    pub pictures: Pictures,
    /// The interface's language; `None` follows the page.
    pub lang: Option<Locale>,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        ReaderSettings {
            size: DEFAULT_TEXT_SIZE,
            theme: Theme::default(),
            face: Face::default(),
            pictures: Pictures::default(),
            lang: None,
        }
    }
}

impl ReaderSettings {
    /// Settings as stored. Anything unreadable, or out of range, is the
    /// default: stored settings may come from an older version or from a
    /// reader's own fiddling.
    pub fn parse(stored: &str) -> ReaderSettings {
        let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(stored) else {
            return ReaderSettings::default();
        };
        let text = |name: &str| fields.get(name).and_then(serde_json::Value::as_str);
        ReaderSettings {
            size: fields
                .get("size")
                .and_then(serde_json::Value::as_u64)
                .and_then(|size| u8::try_from(size).ok())
                .filter(|size| TEXT_SIZES.contains(size))
                .unwrap_or(DEFAULT_TEXT_SIZE),
            theme: Theme::ALL
                .into_iter()
                .find(|theme| text("theme") == Some(theme.key()))
                .unwrap_or_default(),
            face: Face::ALL
                .into_iter()
                .find(|face| text("face") == Some(face.key()))
                .unwrap_or_default(),
            pictures: Pictures::ALL
                .into_iter()
                .find(|pictures| text("pictures") == Some(pictures.key()))
                .unwrap_or_default(),
            lang: text("lang").and_then(Locale::from_tag),
        }
    }

    pub fn to_json(self) -> String {
        let lang = self
            .lang
            .map(|locale| format!(",\"lang\":\"{}\"", locale.tag()))
            .unwrap_or_default();
        format!(
            "{{\"size\":{},\"theme\":\"{}\",\"face\":\"{}\",\"pictures\":\"{}\"{lang}}}",
            self.size,
            self.theme.key(),
            self.face.key(),
            self.pictures.key()
        )
    }

    /// The settings kept on this device.
    pub fn load() -> ReaderSettings {
        storage::get(STORAGE_KEY)
            .map(|stored| ReaderSettings::parse(&stored))
            .unwrap_or_default()
    }

    /// Keeps the settings and applies them to the page at once. A browser that
    /// refuses storage (private mode, full) still gets them for this page.
    pub fn save_and_apply(self) {
        storage::set(STORAGE_KEY, &self.to_json());
        self.apply();
    }

    /// Sets the page's attributes as `reader-settings.js` does before paint.
    pub fn apply(self) {
        let Some(root) = crate::platform::root_element() else {
            return;
        };
        _ = root.set_attribute("data-theme", self.theme.key());
        _ = root.set_attribute("data-text-size", &self.size.to_string());
        _ = root.set_attribute("data-face", self.face.key());
        if self.pictures.saves_data() {
            _ = root.set_attribute(SAVE_DATA_ATTRIBUTE, "");
        } else {
            _ = root.remove_attribute(SAVE_DATA_ATTRIBUTE);
        }
    }
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
            pictures: Pictures::OnTap,
            lang: Some(Locale::ZhHans),
        };
        assert_eq!(
            settings.to_json(),
            r#"{"size":4,"theme":"dark","face":"sans","pictures":"on-tap","lang":"zh-Hans"}"#
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
        let odd = ReaderSettings::parse(
            r#"{"theme":"sepia","face":"comic","pictures":"never","lang":"ar"}"#,
        );
        assert_eq!(odd, ReaderSettings::default());
    }
}
