//! Sharing: how an article leaves the app. Network share links, the QR code for
//! WeChat, the generated share poster and the embed snippets. The browser's
//! own share sheet and clipboard are [`crate::platform::share`].
//!
//! - [`links`]: share endpoints and their URLs; pure, tested natively.
//! - [`qr`]: QR codes as module grids and SVG paths; pure.
//! - [`wrap`]: line breaking for the poster's English and Chinese text; pure.
//! - [`embed`]: the snippets partners paste; pure.
//! - [`poster`]: the share poster drawn on a canvas; the DOM.

pub mod embed;
pub mod links;
pub mod poster;
pub mod qr;
pub mod wrap;

pub use links::{ShareAction, ShareTarget};
