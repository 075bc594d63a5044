//! Whole pages: the lists of articles (the front page, sections, tags), an article, not found, and the embed page a
//! partner frames. Each route view fetches through [`crate::content`] and
//! renders with the components; the `*View` components render a page whose
//! documents are in hand, for the app and the prerenderer alike.

pub mod article;
pub mod embed;
pub mod listing;
pub mod not_found;
