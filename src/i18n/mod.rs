//! The interface's words, in each language it speaks (English, Simplified
//! and Traditional Chinese), and which one a page speaks.
//!
//! Every label, button, message and date format lives in one table per
//! language, [`Strings`] (`en.rs`, `zh_hans.rs`, `zh_hant.rs`); views ask [`use_strings`] and
//! never spell interface text themselves. A page speaks the reader's choice
//! (the settings' language switch), else its article's language, else the
//! publication's first language, else English ([`Interface`]). The article's
//! own text keeps its own `lang`: only the interface around it changes.

mod en;
mod zh_hans;
mod zh_hant;

use leptos::prelude::*;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    En,
    ZhHans,
    ZhHant,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhHans, Locale::ZhHant];

    /// The interface language for a BCP 47 tag (`en-GB`, `zh`, `zh-Hans-CN`,
    /// `zh-HK`), or `None` for one the interface does not speak. Chinese is
    /// Traditional when the tag says so by its script (`Hant`) or, without a
    /// script, by a region that writes it (Hong Kong, Taiwan, Macau).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let mut subtags = tag.trim().split(['-', '_']).map(str::to_ascii_lowercase);
        match subtags.next()?.as_str() {
            "en" => Some(Locale::En),
            "zh" => {
                let mut traditional = false;
                for subtag in subtags {
                    match subtag.as_str() {
                        "hant" => return Some(Locale::ZhHant),
                        "hans" => return Some(Locale::ZhHans),
                        "hk" | "tw" | "mo" => traditional = true,
                        _ => {}
                    }
                }
                Some(if traditional {
                    Locale::ZhHant
                } else {
                    Locale::ZhHans
                })
            }
            _ => None,
        }
    }

    /// The publication's own interface language: the first of `site.json`'s
    /// `languages` that the interface speaks.
    pub fn of_publication(site: &crate::model::Site) -> Option<Locale> {
        site.languages.iter().find_map(|tag| Locale::from_tag(tag))
    }

    /// The tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &en::STRINGS,
            Locale::ZhHans => &zh_hans::STRINGS,
            Locale::ZhHant => &zh_hant::STRINGS,
        }
    }
}

/// Which language the interface speaks, decided per page and live: a view that
/// reads [`use_strings`] inside a reactive closure follows a switch.
#[derive(Clone, Copy)]
pub struct Interface {
    /// The reader's own choice; `None` follows the page.
    chosen: RwSignal<Option<Locale>>,
    /// The language of the page's article, as its document gives it.
    page: RwSignal<Option<String>>,
    /// The publication's first language that the interface speaks.
    publication: Signal<Option<Locale>>,
}

impl Interface {
    pub fn new(
        chosen: Option<Locale>,
        page_language: Option<String>,
        publication: Signal<Option<Locale>>,
    ) -> Self {
        Interface {
            chosen: RwSignal::new(chosen),
            page: RwSignal::new(page_language),
            publication,
        }
    }

    pub fn locale(&self) -> Locale {
        self.chosen
            .get()
            .or_else(|| self.page.get().as_deref().and_then(Locale::from_tag))
            .or_else(|| self.publication.get())
            .unwrap_or_default()
    }

    pub fn chosen(&self) -> Option<Locale> {
        self.chosen.get()
    }

    pub fn choose(&self, locale: Option<Locale>) {
        self.chosen.set(locale);
    }

    /// Called by a page when it knows its article's language (`None` for pages
    /// that are not an article's).
    pub fn set_page_language(&self, language: Option<String>) {
        if self.page.get_untracked() != language {
            self.page.set(language);
        }
    }
}

/// The interface's strings for the page, read when called: call it inside a
/// reactive closure (`text(|t| t.retry)`) to follow a language switch. Without
/// an [`Interface`] (a component mounted alone) it speaks English.
pub fn use_strings() -> impl Fn() -> &'static Strings + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || locale().strings()
}

/// One piece of interface text, read when called, for a view: `{text(|t| t.retry)}`.
/// Every call returns the same closure type, so the wasm carries one copy of
/// the code that renders and updates such text, not one per label.
pub fn text(
    pick: fn(&Strings) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || pick(locale().strings())
}

/// The interface's language for the page, read when called, for `lang` on
/// interface text that sits inside an article in another language.
pub fn use_locale() -> impl Fn() -> Locale + Copy + Send + Sync + 'static {
    let interface = use_context::<Interface>();
    move || interface.map_or(Locale::En, |interface| interface.locale())
}

/// Every piece of interface text, in one language. Words with a value in them
/// are functions.
pub struct Strings {
    pub language_name: &'static str,

    // The page around the content.
    pub skip_to_content: &'static str,
    pub front_page: &'static str,
    pub go_to_front_page: &'static str,
    pub follow_us: &'static str,
    pub follow_on_channels: fn(&str) -> String,
    pub follow_us_on: fn(&str) -> String,
    pub qr_of_account: fn(&str) -> String,
    pub follow_qr_instruction: fn(&str) -> String,
    pub opens_in_new_tab: fn(&str) -> String,
    pub close: &'static str,

    // Loading and failing.
    pub loading_article: &'static str,
    pub loading_front_page: &'static str,
    pub no_articles: &'static str,
    pub sections: &'static str,
    pub more_articles: &'static str,
    pub older_articles: &'static str,
    pub newer_articles: &'static str,
    pub archive_page: fn(u32) -> String,
    pub tag_heading: fn(&str) -> String,
    pub retry: &'static str,
    pub details_for_newsroom: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_not_found: &'static str,
    pub error_offline: &'static str,
    pub error_unreachable: &'static str,
    pub error_server: &'static str,
    pub error_unreadable: &'static str,
    pub advice_not_found: &'static str,
    pub advice_offline: &'static str,
    pub advice_unreachable: &'static str,
    pub advice_server: &'static str,
    pub advice_unreadable: &'static str,
    pub error_withdrawn: &'static str,
    pub advice_withdrawn: &'static str,
    pub error_timed_out: &'static str,
    pub advice_timed_out: &'static str,
    pub error_busy: &'static str,
    pub advice_busy: &'static str,
    pub error_too_large: &'static str,
    pub advice_too_large: &'static str,
    pub http_status: fn(u16) -> String,

    // The article.
    pub long_date: fn(i32, u8, u8) -> String,
    pub updated: &'static str,
    pub reading_time: fn(u32) -> String,
    pub credits: &'static str,
    pub topics: &'static str,
    pub related_news: &'static str,
    pub contents: &'static str,
    pub back_to_top: &'static str,
    pub link_to_section: fn(&str) -> String,
    pub video_unplayable: &'static str,
    pub download_video: &'static str,
    pub view_poster_large: fn(&str) -> String,
    /// A social post's facade: what a tap does, what it tells the platform,
    /// and the title of the platform's frame once loaded.
    pub social_show: fn(&str) -> String,
    pub social_privacy: fn(&str) -> String,
    pub social_frame_title: fn(&str) -> String,
    pub social_open: fn(&str) -> String,
    pub save_poster: &'static str,
    pub share_poster: &'static str,

    // Sharing.
    pub share_this_article: &'static str,
    pub share: &'static str,
    pub poster: &'static str,
    pub share_on: fn(&str) -> String,
    pub share_on_wechat_qr: &'static str,
    pub share_on_x: &'static str,
    pub share_by_email: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub copy_link_by_hand: &'static str,
    pub sharing_failed: fn(&str) -> String,
    pub share_on_wechat: &'static str,
    pub wechat_in_app: &'static str,
    pub wechat_scan: &'static str,
    pub qr_of_link: &'static str,
    pub qr_too_long: &'static str,
    pub poster_alt: fn(&str) -> String,
    pub drawing_poster: &'static str,
    pub poster_failed: fn(&str) -> String,
    pub poster_sharing_failed: fn(&str) -> String,
    pub save_as_png: &'static str,
    /// Beside the QR code on the poster, and under it.
    pub poster_scan_call: &'static str,
    pub poster_scan_hint: &'static str,

    // Embedding.
    pub embed: &'static str,
    pub embed_this_article: &'static str,
    pub embed_with_script: &'static str,
    pub embed_without_script: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_by_hand: &'static str,
    pub read_on: fn(&str) -> String,
    pub read_more: &'static str,

    // Installed and offline.
    pub offline_banner: &'static str,
    pub update_ready: &'static str,
    pub reload: &'static str,
    pub install_pitch: &'static str,
    pub install_app: &'static str,
    pub not_now: &'static str,
    pub save_for_offline: &'static str,
    pub saved_for_offline: &'static str,
    pub saving_for_offline: &'static str,
    pub saved_message: &'static str,
    pub listen: &'static str,
    pub listen_continue: &'static str,
    pub listen_pause: &'static str,
    pub listen_resume: &'static str,
    pub listen_stop: &'static str,
    pub listen_previous: &'static str,
    pub listen_next: &'static str,
    pub listen_speed: &'static str,
    pub listen_captions: &'static str,
    pub listen_controls: &'static str,
    pub listen_no_voice: &'static str,
    /// A link to the article in this table's language, in it.
    pub read_this_version: &'static str,
    /// Saved, but pictures on a host that refuses them to the page were left out.
    pub saved_without_some_pictures: &'static str,
    pub save_unsupported: &'static str,
    pub save_storage_full: &'static str,
    pub save_download_failed: &'static str,
    pub available_offline: &'static str,

    // Reading settings.
    pub reading_settings: &'static str,
    pub text_size: &'static str,
    pub smaller_text: &'static str,
    pub larger_text: &'static str,
    pub text_size_step: fn(u8) -> String,
    pub theme: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_system: &'static str,
    pub typeface: &'static str,
    pub typeface_serif: &'static str,
    pub typeface_sans: &'static str,
    /// The data saver setting: its legend and its three choices.
    pub pictures: &'static str,
    pub pictures_automatic: &'static str,
    pub pictures_on_tap: &'static str,
    pub pictures_always: &'static str,
    /// A picture's placeholder while the reader saves data.
    pub show_picture: &'static str,
    pub interface_language: &'static str,
    pub language_automatic: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_interface_by_language_script_and_region() {
        assert_eq!(Locale::from_tag("zh-Hans"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh_CN"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh-Hant"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-hant-CN"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-HK"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh_TW"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-MO"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-Hans-HK"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("ar"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn dates_and_reading_time_read_as_each_language_writes_them() {
        let en = Locale::En.strings();
        let zh = Locale::ZhHans.strings();
        assert_eq!((en.long_date)(2026, 2, 10), "10 February 2026");
        assert_eq!((zh.long_date)(2026, 2, 10), "2026年2月10日");
        assert_eq!((en.reading_time)(1), "1 min read");
        assert_eq!((zh.reading_time)(7), "阅读约7分钟");
        let traditional = Locale::ZhHant.strings();
        assert_eq!((traditional.long_date)(2026, 2, 10), "2026年2月10日");
        assert_eq!((traditional.reading_time)(7), "閱讀約7分鐘");
    }
}
