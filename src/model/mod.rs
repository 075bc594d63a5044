//! The article model: the typed form of the CMS contract (format 1) — articles,
//! blocks, rich text, credits, related news, the site and the front-page index.
//!
//! It owns decoding and validation and knows nothing of the DOM, so it builds and
//! is tested natively. A document is either read whole or refused with a
//! [`DocumentError`] that names the JSON path of the fault; parts that a reader can
//! do without (a malformed block, a bad related entry) are kept as [`Tolerant`]
//! rejections instead, so one bad part never costs the whole page.

mod article;
mod block;
mod decode;
pub mod limits;
mod rich_text;
mod site;
mod social;
mod spoken;
mod tolerant;
mod values;

pub use article::{Article, ArticleSummary, Credit, Hero, IndexPage, Translation};
pub use block::{
    Block, Heading, HeadingLevel, Image, List, Paragraph, PictureSource, Poster, Quote, TextTrack,
    Video, KNOWN_BLOCK_TYPES,
};
pub use decode::{
    decode_article, decode_index, decode_site, DocumentError, Fault, SUPPORTED_FORMAT,
};
pub use rich_text::{RichText, Span};
pub use site::{
    publication_name, FollowLink, Network, Site, DEFAULT_PAGE_SIZE, FALLBACK_PUBLICATION_NAME,
    MOST_PAGE_SIZE,
};
pub use social::{Platform, Social};
pub use spoken::{Spoken, SpokenPart};
pub use tolerant::{Rejection, Tolerant};
pub use values::{ArticleId, LinkUrl, MediaUrl, Timestamp};
