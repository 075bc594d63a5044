//! Route views: the front page, an article, and not found. Each fetches through
//! [`crate::api`] and renders with the components.

pub mod article;
pub mod front;
pub mod not_found;
