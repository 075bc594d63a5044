//! Article body blocks: one component per block type of the contract and the one
//! dispatcher, [`BlockView`], that matches over them. An unsupported block renders
//! nothing; the fault was reported when the article was fetched. A block that
//! acts on a prerendered page is declared an [`Island`] here, where it renders.

mod divider;
mod heading;
mod image;
mod list;
mod paragraph;
mod poster;
mod quote;
mod social;
mod video;

pub use divider::DividerBlock;
pub use heading::HeadingBlock;
pub use image::ImageBlock;
pub use list::ListBlock;
pub use paragraph::{ParagraphBlock, PARAGRAPH_ID_PREFIX};
pub use poster::PosterBlock;
pub use quote::QuoteBlock;
pub use social::{SocialBlock, SOCIAL_FACADE_CLASS};
pub use video::VideoBlock;

use super::island::{Island, IslandKind};
use crate::model::Block;
use leptos::prelude::*;

/// One block; `at` is its index in the article's blocks, `paragraph` the
/// number of paragraphs up to it, itself included.
#[component]
pub fn BlockView(block: Block, at: usize, paragraph: usize) -> impl IntoView {
    match block {
        Block::Paragraph(body) => {
            view! { <ParagraphBlock paragraph=body number=paragraph/> }.into_any()
        }
        Block::Heading(heading) => view! { <HeadingBlock heading/> }.into_any(),
        Block::Quote(quote) => view! { <QuoteBlock quote/> }.into_any(),
        Block::Image(image) => view! { <ImageBlock image/> }.into_any(),
        Block::Video(video) => {
            view! { <Island kind=IslandKind::Video at><VideoBlock video/></Island> }.into_any()
        }
        Block::Poster(poster) => {
            view! { <Island kind=IslandKind::Poster at><PosterBlock poster/></Island> }.into_any()
        }
        Block::Social(post) => view! { <SocialBlock post/> }.into_any(),
        Block::List(list) => view! { <ListBlock list/> }.into_any(),
        Block::Divider => view! { <DividerBlock/> }.into_any(),
        Block::Unsupported { .. } => ().into_any(),
    }
}

/// The article body: every block in order.
#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    view! {
        <div class="article-body">
            {blocks
                .into_iter()
                .enumerate()
                .scan(0, |paragraphs, (at, block)| {
                    *paragraphs += usize::from(matches!(block, Block::Paragraph(_)));
                    Some((at, block, *paragraphs))
                })
                .map(|(at, block, paragraph)| view! { <BlockView block at paragraph/> })
                .collect_view()}
        </div>
    }
}

/// The element that the block at `at` of `blocks` rendered in `body` (the
/// [`ArticleBody`]'s element), if it rendered one: every block but an
/// unsupported one renders one element, in order; an island's mark stands
/// for the part inside it.
pub fn rendered_block(
    body: &web_sys::Element,
    blocks: &[Block],
    at: usize,
) -> Option<web_sys::Element> {
    let renders = |block: &Block| !matches!(block, Block::Unsupported { .. });
    if !renders(blocks.get(at)?) {
        return None;
    }
    let index = blocks[..at].iter().filter(|block| renders(block)).count();
    let element = body.children().item(u32::try_from(index).ok()?)?;
    if element.has_attribute(super::island::ISLAND_ATTRIBUTE) {
        element.first_element_child()
    } else {
        Some(element)
    }
}
