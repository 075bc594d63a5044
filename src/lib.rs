//! Broadsheet reads a publication's articles as JSON and renders them: the front
//! page, article pages with every block of the format, credits, notes and related
//! news, and the publication's own channels.
//!
//! - [`model`]: the article format, decoded and checked; no DOM.
//! - [`api`]: the one place that fetches.
//! - [`components`] and [`pages`]: the views.
//! - [`share`]: how an article leaves the app: share links, QR codes, posters.
//! - [`app`]: routes and shared state.
//! - [`i18n`]: the interface's words in English and Chinese, and which a page speaks.
//! - [`pwa`]: installed and offline: the service worker, the status line.
//! - [`settings`]: the reader's text size, theme, typeface and language.
//! - [`embed`]: partner sites' embeds: the embed page, the loader, the snippets.
//! - [`islands`]: how the app starts: a prerendered page is enhanced in place.
//! - [`trusted_types`]: the policies the Content Security Policy requires.

// Whole pages are deep view types; rendering them natively needs room.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod embed;
pub mod format;
pub mod i18n;
pub mod islands;
pub mod js;
pub mod model;
pub mod pages;
pub mod pwa;
pub mod settings;
pub mod share;
pub mod trusted_types;

pub use app::App;
