//! The view layer: one component per part of a page. Components take model
//! values and render them; they never see JSON and touch `window` or `document`
//! only in event handlers and effects (through [`crate::platform`]), so they
//! also render natively. Reader-facing words come from [`crate::i18n`]. An
//! interactive part is declared an [`island::Island`] by the view that
//! renders it.

pub mod article_header;
pub mod blocks;
pub mod card;
pub mod credits;
pub mod embed_action;
pub mod figure;
pub mod icons;
pub mod island;
pub mod listen;
pub mod modal;
pub mod notes;
pub mod pagination;
pub mod qr_code;
pub mod reading_aids;
pub mod related;
pub mod rich_text;
pub mod save_offline;
pub mod settings_panel;
pub mod share_bar;
pub mod share_poster;
pub mod site_footer;
pub mod site_header;
pub mod status;
pub mod tags;
pub mod translations;
