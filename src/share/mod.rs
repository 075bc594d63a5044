//! Sharing: how an article leaves the app. Network share links, the QR code for
//! WeChat, the generated share poster, and the browser's own share, clipboard
//! and download facilities.
//!
//! - [`links`]: share endpoints and their URLs; pure, tested natively.
//! - [`qr`]: QR codes as module grids and SVG paths; pure.
//! - [`wrap`]: line breaking for the poster's English and Chinese text; pure.
//! - [`browser`]: Web Share, Clipboard, WeChat's browser, downloads; the DOM.
//! - [`poster`]: the share poster drawn on a canvas; the DOM.

pub mod browser;
pub mod links;
pub mod poster;
pub mod qr;
pub mod wrap;

pub use links::{ShareAction, ShareTarget};
