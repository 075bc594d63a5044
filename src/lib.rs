//! Broadsheet reads a publication's articles as JSON and renders them: the front
//! page, article pages with every block of the format, credits, notes and related
//! news, and the publication's own channels.
//!
//! The map of the house, its floors and what must not depend on what, is
//! `docs/ARCHITECTURE.md`. From the bottom up (a module imports only from
//! floors below it, which `tests/layers.rs` checks):
//!
//! - [`model`]: the article format, decoded and checked; no DOM.
//! - [`routes`]: every address the product owns.
//! - [`i18n`] and [`format`]: the interface's words in English and Chinese;
//!   dates, reading time, names.
//! - [`platform`]: browser glue without views: DOM, storage, the Cache API,
//!   Web Share and clipboard, Trusted Types.
//! - [`content`]: the one place that fetches.
//! - [`context`]: what every view reads: the site, the interface, the
//!   presentation, the reader's settings.
//! - [`share`]: how an article leaves the app: share links, QR codes,
//!   posters, embed snippets.
//! - [`components`]: the views, one per part; interactive parts are declared
//!   islands where they render.
//! - [`pages`]: whole pages.
//! - [`app`], [`islands`], [`pwa`]: the top, started by `main.rs`: the router,
//!   a prerendered page brought to life in place, the installed app.

// Whole pages are deep view types; rendering them natively needs room.
#![recursion_limit = "256"]

pub mod model;

pub mod routes;

pub mod format;
pub mod i18n;

pub mod platform;

pub mod content;

pub mod context;

pub mod share;

pub mod components;

pub mod pages;

pub mod app;
pub mod islands;
pub mod pwa;
