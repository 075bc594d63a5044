//! Whole pages: the front page, an article, not found, and the embed page a
//! partner frames. Each route view fetches through [`crate::content`] and
//! renders with the components; the `*View` components render a page whose
//! documents are in hand, for the app and the prerenderer alike.

pub mod article;
pub mod embed;
pub mod front;
pub mod not_found;
