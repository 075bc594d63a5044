//! An article as it is read aloud: its parts in reading order, each with the
//! words a voice says and where on the page it stands. Headline, standfirst,
//! then the body block by block; captions and credits only when asked, since
//! a listener follows the story, not the picture desk.

use super::article::Article;
use super::block::Block;

/// Where a spoken part stands on the page; ordered as the page reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpokenPart {
    Headline,
    Standfirst,
    /// The body block at this index of the article's blocks.
    Block(usize),
}

impl SpokenPart {
    /// The part as a short word, to keep a listener's place: `headline`,
    /// `standfirst`, `block:4`.
    pub fn key(self) -> String {
        match self {
            SpokenPart::Headline => "headline".to_owned(),
            SpokenPart::Standfirst => "standfirst".to_owned(),
            SpokenPart::Block(at) => format!("block:{at}"),
        }
    }

    pub fn from_key(key: &str) -> Option<SpokenPart> {
        match key {
            "headline" => Some(SpokenPart::Headline),
            "standfirst" => Some(SpokenPart::Standfirst),
            _ => key
                .strip_prefix("block:")
                .and_then(|at| at.parse().ok())
                .map(SpokenPart::Block),
        }
    }
}

/// One part of the article and the words said for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spoken {
    pub part: SpokenPart,
    pub words: String,
}

impl Article {
    /// The article's parts in reading order, with captions and credits of
    /// pictures, video and posters when `with_captions`. Parts with nothing
    /// to say are left out.
    pub fn spoken(&self, with_captions: bool) -> Vec<Spoken> {
        let caption = |caption: Option<String>, credit: Option<&String>| {
            [caption, credit.cloned()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(". ")
        };
        let block_words = |block: &Block| -> String {
            match block {
                Block::Paragraph(paragraph) => paragraph.text.plain_text(),
                Block::Heading(heading) => heading.text.clone(),
                Block::Quote(quote) => match &quote.attribution {
                    Some(by) => format!("{} — {by}", quote.text.plain_text()),
                    None => quote.text.plain_text(),
                },
                Block::List(list) => list
                    .items
                    .iter()
                    .map(|item| item.plain_text())
                    .collect::<Vec<_>>()
                    .join("\n"),
                Block::Image(image) if with_captions => caption(
                    image.caption.as_ref().map(|text| text.plain_text()),
                    image.credit.as_ref(),
                ),
                Block::Video(video) if with_captions => caption(
                    video.caption.as_ref().map(|text| text.plain_text()),
                    video.credit.as_ref(),
                ),
                Block::Poster(poster) if with_captions => {
                    caption(poster.title.clone(), poster.credit.as_ref())
                }
                _ => String::new(),
            }
        };
        let head = [
            (SpokenPart::Headline, self.title.clone()),
            (
                SpokenPart::Standfirst,
                self.summary.clone().unwrap_or_default(),
            ),
        ];
        let body = self
            .blocks
            .iter()
            .enumerate()
            .map(|(at, block)| (SpokenPart::Block(at), block_words(block)));
        head.into_iter()
            .chain(body)
            .filter(|(_, words)| !words.trim().is_empty())
            .map(|(part, words)| Spoken { part, words })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::decode_article;

    fn article() -> Article {
        decode_article(
            r#"{"format": 1, "id": "a", "title": "Headline", "summary": "Standfirst",
                "blocks": [
                  {"type": "paragraph", "text": "One."},
                  {"type": "image", "src": "img/a.svg", "alt": "A", "width": 1, "height": 1,
                   "caption": "A caption", "credit": "Photo: X"},
                  {"type": "divider"},
                  {"type": "quote", "text": "Said.", "attribution": "Someone"},
                  {"type": "list", "items": ["First", "Second"]}
                ]}"#,
        )
        .expect("a valid article")
    }

    #[test]
    fn reads_the_story_in_order_without_captions() {
        let spoken = article().spoken(false);
        let parts: Vec<_> = spoken.iter().map(|s| (s.part, s.words.as_str())).collect();
        assert_eq!(
            parts,
            [
                (SpokenPart::Headline, "Headline"),
                (SpokenPart::Standfirst, "Standfirst"),
                (SpokenPart::Block(0), "One."),
                (SpokenPart::Block(3), "Said. — Someone"),
                (SpokenPart::Block(4), "First\nSecond"),
            ]
        );
    }

    #[test]
    fn reads_captions_and_credits_when_asked() {
        let spoken = article().spoken(true);
        assert_eq!(spoken[3].part, SpokenPart::Block(1));
        assert_eq!(spoken[3].words, "A caption. Photo: X");
    }

    #[test]
    fn a_place_survives_its_key() {
        for part in [
            SpokenPart::Headline,
            SpokenPart::Standfirst,
            SpokenPart::Block(12),
        ] {
            assert_eq!(SpokenPart::from_key(&part.key()), Some(part));
        }
        assert_eq!(SpokenPart::from_key("block:x"), None);
    }
}
