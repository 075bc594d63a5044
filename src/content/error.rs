//! Why content could not be shown, as what happened, in terms a reader can
//! act on. The words for each case are the status view's
//! ([`crate::components::status`]), in the interface's language.

use crate::model::DocumentError;

/// Why content could not be shown, in the terms a reader can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No such article (404, or an id that cannot exist).
    NotFound,
    /// The article was taken down (410).
    Withdrawn,
    /// The reader's device has no network.
    Offline,
    /// The request did not reach the server or got no answer.
    Unreachable(String),
    /// No answer in time: within [`super::FETCH_TIMEOUT_MS`] (no status), or a
    /// gateway in front of the newsroom's server gave up waiting for it (504).
    TimedOut(Option<u16>),
    /// The server asks readers to come back later (429).
    Busy,
    /// The server answered with an error status.
    Server(u16),
    /// The document arrived but cannot be read.
    Unreadable(DocumentError),
    /// The document is bigger than the app reads ([`crate::model::limits`]):
    /// said by its `Content-Length`, found while reading it, or found in it.
    TooLarge(String),
}

impl From<DocumentError> for LoadError {
    fn from(error: DocumentError) -> Self {
        if error.is_too_large() {
            LoadError::TooLarge(error.to_string())
        } else {
            LoadError::Unreadable(error)
        }
    }
}

impl LoadError {
    /// What an HTTP status means for the reader; `None` for success.
    pub fn for_status(status: u16) -> Option<LoadError> {
        match status {
            200..=299 => None,
            404 => Some(LoadError::NotFound),
            410 => Some(LoadError::Withdrawn),
            429 => Some(LoadError::Busy),
            // The gateway in front of the newsroom's server (nginx with
            // deploy/nginx/cms-upstream.conf) gave up waiting for it.
            504 => Some(LoadError::TimedOut(Some(504))),
            status => Some(LoadError::Server(status)),
        }
    }

    pub fn is_retryable(&self) -> bool {
        !matches!(
            self,
            LoadError::NotFound | LoadError::Withdrawn | LoadError::TooLarge(_)
        )
    }
}
