//! The `social` block: a post or video on a social platform (YouTube, X,
//! Weibo, Instagram, Facebook video), given as the post's address and what a
//! reader sees of it before anything is asked of the platform: the author,
//! its words and a thumbnail from the publication's own files. Each platform
//! knows the address of its own embed for a post, and the origin of that
//! embed, which is all the Content Security Policy lets the page frame.

use super::block::Image;
use super::rich_text::RichText;
use super::tolerant::{decode_value, Rejection};
use super::values::LinkUrl;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A platform whose posts an article can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    YouTube,
    X,
    Weibo,
    Instagram,
    Facebook,
}

impl Platform {
    pub const ALL: [Platform; 5] = [
        Platform::YouTube,
        Platform::X,
        Platform::Weibo,
        Platform::Instagram,
        Platform::Facebook,
    ];

    /// The value of the block's `platform`.
    pub fn key(self) -> &'static str {
        match self {
            Platform::YouTube => "youtube",
            Platform::X => "x",
            Platform::Weibo => "weibo",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
        }
    }

    /// The platform's own name, in every language: a name is a name.
    pub fn name(self) -> &'static str {
        match self {
            Platform::YouTube => "YouTube",
            Platform::X => "X",
            Platform::Weibo => "Weibo",
            Platform::Instagram => "Instagram",
            Platform::Facebook => "Facebook",
        }
    }

    /// The origin the platform's embeds are served from: the only one the
    /// page may frame for it. YouTube's is its privacy-enhanced one, which
    /// sets no cookie until the reader plays.
    pub fn frame_origin(self) -> &'static str {
        match self {
            Platform::YouTube => "https://www.youtube-nocookie.com",
            Platform::X => "https://platform.twitter.com",
            Platform::Weibo => "https://m.weibo.cn",
            Platform::Instagram => "https://www.instagram.com",
            Platform::Facebook => "https://www.facebook.com",
        }
    }

    /// The width and height of the platform's embed when the document gives
    /// no thumbnail to take them from: a video's 16 by 9, a post's taller box.
    pub fn frame_shape(self) -> (u32, u32) {
        match self {
            Platform::YouTube | Platform::Facebook | Platform::Weibo => (16, 9),
            Platform::X | Platform::Instagram => (4, 5),
        }
    }

    /// The address of the platform's embed of the post at `post`, if `post`
    /// is an address of one of its posts that it embeds.
    pub fn frame_of(self, post: &str) -> Option<String> {
        let address = Address::parse(post)?;
        match self {
            Platform::YouTube => {
                let id = match address.host {
                    "youtu.be" => address.segment(0)?,
                    "youtube.com" | "www.youtube.com" | "m.youtube.com" => {
                        match address.segment(0)? {
                            "watch" => address.query("v")?,
                            "shorts" | "embed" | "live" => address.segment(1)?,
                            _ => return None,
                        }
                    }
                    _ => return None,
                };
                let valid = id.len() == 11
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                valid.then(|| format!("{}/embed/{id}?autoplay=1", self.frame_origin()))
            }
            Platform::X => {
                if !matches!(
                    address.host,
                    "x.com"
                        | "www.x.com"
                        | "twitter.com"
                        | "www.twitter.com"
                        | "mobile.twitter.com"
                ) || address.segment(1)? != "status"
                {
                    return None;
                }
                let id = address.segment(2)?;
                digits(id)
                    .then(|| format!("{}/embed/Tweet.html?id={id}&dnt=true", self.frame_origin()))
            }
            Platform::Weibo => {
                let id = match address.host {
                    "weibo.com" | "www.weibo.com" if address.segment(0)? == "tv" => {
                        address.segment(2)?
                    }
                    "m.weibo.cn" => address.query("object_id")?,
                    _ => return None,
                };
                let valid = id
                    .split_once(':')
                    .is_some_and(|(kind, number)| digits(kind) && digits(number))
                    || id
                        .split_once("%3A")
                        .is_some_and(|(kind, number)| digits(kind) && digits(number));
                valid.then(|| {
                    format!(
                        "{}/s/video/show?object_id={}",
                        self.frame_origin(),
                        id.replace("%3A", ":")
                    )
                })
            }
            Platform::Instagram => {
                if !matches!(address.host, "instagram.com" | "www.instagram.com") {
                    return None;
                }
                let kind = address.segment(0)?;
                let code = address.segment(1)?;
                let valid = matches!(kind, "p" | "reel" | "tv")
                    && !code.is_empty()
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                valid.then(|| format!("{}/{kind}/{code}/embed/", self.frame_origin()))
            }
            Platform::Facebook => {
                if !matches!(
                    address.host,
                    "facebook.com" | "www.facebook.com" | "m.facebook.com" | "fb.watch"
                ) {
                    return None;
                }
                Some(format!(
                    "{}/plugins/video.php?href={}&show_text=false",
                    self.frame_origin(),
                    encoded(post)
                ))
            }
        }
    }
}

/// A post on a platform, as a `social` block gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct Social {
    pub platform: Platform,
    /// The post's own address: where a reader without JavaScript goes.
    pub url: LinkUrl,
    /// The platform's embed of the post, from [`Platform::frame_of`].
    pub frame: String,
    pub author: Option<String>,
    /// The post's words, or the video's title.
    pub text: Option<String>,
    pub thumbnail: Option<Image>,
    pub caption: Option<RichText>,
    pub credit: Option<String>,
}

impl Social {
    /// Reads a `social` block. By hand from the JSON value, each field
    /// through the decoders the other blocks use: serde's derive here would
    /// add a copy of the image and rich text decoders to the app (12 KB).
    pub(crate) fn from_value(mut value: Value) -> Result<Social, Rejection> {
        let key: String = required(&mut value, "platform")?;
        let platform = Platform::ALL
            .into_iter()
            .find(|platform| platform.key() == key)
            .ok_or_else(|| Rejection {
                path: "platform".into(),
                reason: format!(
                    "{key:?} is not a platform this app embeds (youtube, x, weibo, instagram, facebook)"
                ),
            })?;
        let url: LinkUrl = required(&mut value, "url")?;
        let frame = platform.frame_of(url.as_str()).ok_or_else(|| {
            Rejection::whole(format!(
                "{:?} is not the address of a {} post this app can embed",
                url.as_str(),
                platform.name()
            ))
        })?;
        Ok(Social {
            platform,
            url,
            frame,
            author: optional(&mut value, "author")?,
            text: optional(&mut value, "text")?,
            // A thumbnail that cannot be read costs the facade its picture,
            // not the post.
            thumbnail: optional(&mut value, "thumbnail").ok().flatten(),
            caption: optional(&mut value, "caption")?,
            credit: optional(&mut value, "credit")?,
        })
    }
}

/// The field `name` of a block, decoded, or the rejection at its path.
fn optional<T: DeserializeOwned>(value: &mut Value, name: &str) -> Result<Option<T>, Rejection> {
    match value.get_mut(name).map(Value::take) {
        None | Some(Value::Null) => Ok(None),
        Some(field) => decode_value(field)
            .map(Some)
            .map_err(|rejection| Rejection {
                path: if rejection.path.is_empty() {
                    name.to_owned()
                } else {
                    format!("{name}.{}", rejection.path)
                },
                reason: rejection.reason,
            }),
    }
}

fn required<T: DeserializeOwned>(value: &mut Value, name: &str) -> Result<T, Rejection> {
    optional(value, name)?.ok_or_else(|| Rejection {
        path: name.to_owned(),
        reason: "required field is missing".into(),
    })
}

/// An `https` address taken apart: host, path segments, query.
struct Address<'a> {
    host: &'a str,
    path: &'a str,
    query: &'a str,
}

impl<'a> Address<'a> {
    fn parse(url: &'a str) -> Option<Address<'a>> {
        let rest = url.strip_prefix("https://")?;
        let rest = rest.split('#').next().unwrap_or(rest);
        let (authority, path_and_query) =
            rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
        if authority.contains(['@', ':']) {
            return None;
        }
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        Some(Address {
            host: authority,
            path,
            query,
        })
    }

    /// The path's `index`th segment, counting non-empty ones.
    fn segment(&self, index: usize) -> Option<&'a str> {
        self.path.split('/').filter(|s| !s.is_empty()).nth(index)
    }

    fn query(&self, name: &str) -> Option<&'a str> {
        self.query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then_some(value)
        })
    }
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `text` as one query parameter's value.
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_platform_embeds_its_own_posts_only() {
        let cases = [
            (Platform::YouTube, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")),
            (Platform::YouTube, "https://youtu.be/dQw4w9WgXcQ", Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")),
            (Platform::YouTube, "https://www.youtube.com/shorts/dQw4w9WgXcQ", Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")),
            (Platform::YouTube, "https://www.youtube.com/watch?v=short", None),
            (Platform::YouTube, "https://evil.example/watch?v=dQw4w9WgXcQ", None),
            (Platform::YouTube, "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ", None),
            (Platform::YouTube, "http://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
            (Platform::X, "https://x.com/apec/status/1234567890123456789", Some("https://platform.twitter.com/embed/Tweet.html?id=1234567890123456789&dnt=true")),
            (Platform::X, "https://twitter.com/apec/status/12a", None),
            (Platform::X, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
            (Platform::Weibo, "https://weibo.com/tv/show/1034:5205158733480074", Some("https://m.weibo.cn/s/video/show?object_id=1034:5205158733480074")),
            (Platform::Weibo, "https://m.weibo.cn/s/video/show?object_id=1034%3A5205158733480074", Some("https://m.weibo.cn/s/video/show?object_id=1034:5205158733480074")),
            (Platform::Weibo, "https://weibo.com/tv/show/1034:52x", None),
            (Platform::Instagram, "https://www.instagram.com/p/C1a2B3c4D5e/", Some("https://www.instagram.com/p/C1a2B3c4D5e/embed/")),
            (Platform::Instagram, "https://www.instagram.com/apec/", None),
            (Platform::Facebook, "https://www.facebook.com/apec/videos/123/", Some("https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fapec%2Fvideos%2F123%2F&show_text=false")),
            (Platform::Facebook, "https://facebook.evil.example/videos/1", None),
        ];
        for (platform, post, frame) in cases {
            assert_eq!(
                platform.frame_of(post).as_deref(),
                frame,
                "{platform:?} {post}"
            );
            if let Some(frame) = frame {
                assert!(frame.starts_with(&format!("{}/", platform.frame_origin())));
            }
        }
    }
}
