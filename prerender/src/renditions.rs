//! Renditions of the archive's raster pictures: each JPEG or PNG an article
//! shows from the build (its hero, image and poster blocks, social posts'
//! thumbnails) is scaled to the
//! standard [`WIDTHS`] and written as AVIF and WebP, and the article's
//! document offers them as the picture's `sources`, so that `<picture>`
//! sends a reader the smallest file their browser decodes, at the width
//! their screen lays it out at. The original stays the picture's `src`, for
//! browsers that decode neither.
//!
//! A rendition is named by its source's content, so a replaced photo gets
//! new ones and an unchanged one is never encoded twice: a rendition already
//! in the build, or in the cache folder a full build keeps between builds
//! (trunk starts each build in an empty folder), is taken as it is.

use crate::files::{self, media_file};
use broadsheet::content::ContentBase;
use broadsheet::model::MediaUrl;
use broadsheet::routes::{rendition_url, RENDITIONS, RENDITION_HASH_DIGITS};
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder, ImageReader, Limits};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The widths, in pixels, a picture is rendered at, up to its own: enough
/// steps that a phone, a laptop and a high-density screen each find one
/// near the width they lay it out at.
pub const WIDTHS: [u32; 5] = [320, 640, 960, 1280, 1920];

/// The folder, under the content's root, that holds every rendition.
const FOLDER: &str = RENDITIONS;

/// The encodings made, best first, as `<source>` offers them: a browser
/// takes the first it decodes.
const ENCODINGS: [Encoding; 2] = [Encoding::Avif, Encoding::Webp];

/// How large a source picture may be: a hostile or broken file must not
/// take the build's memory.
const LARGEST_SIDE: u32 = 16_384;
const MOST_BYTES_DECODED: u64 = 512 * 1024 * 1024;

#[derive(Clone, Copy)]
enum Encoding {
    Avif,
    Webp,
}

impl Encoding {
    fn extension(self) -> &'static str {
        match self {
            Encoding::Avif => "avif",
            Encoding::Webp => "webp",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Encoding::Avif => "image/avif",
            Encoding::Webp => "image/webp",
        }
    }

    /// The picture encoded. The qualities are those at which a news photo
    /// shows no artefacts at its laid-out size. AVIF at rav1e's fastest
    /// speed: for the sample's photo, 5 s for its five widths where speed 8
    /// took 12 s, for files within a third of the size either way.
    fn encode(self, picture: &DynamicImage) -> Result<Vec<u8>, String> {
        let (width, height) = (picture.width(), picture.height());
        let opaque = !picture.color().has_alpha();
        match self {
            Encoding::Avif => {
                let mut bytes = Vec::new();
                let encoder =
                    image::codecs::avif::AvifEncoder::new_with_speed_quality(&mut bytes, 10, 62);
                let result = if opaque {
                    encoder.write_image(
                        picture.to_rgb8().as_raw(),
                        width,
                        height,
                        image::ExtendedColorType::Rgb8,
                    )
                } else {
                    encoder.write_image(
                        picture.to_rgba8().as_raw(),
                        width,
                        height,
                        image::ExtendedColorType::Rgba8,
                    )
                };
                result.map_err(|e| format!("AVIF: {e}"))?;
                Ok(bytes)
            }
            Encoding::Webp => {
                let (rgb, rgba);
                let encoder = if opaque {
                    rgb = picture.to_rgb8();
                    webp::Encoder::from_rgb(rgb.as_raw(), width, height)
                } else {
                    rgba = picture.to_rgba8();
                    webp::Encoder::from_rgba(rgba.as_raw(), width, height)
                };
                let encoded = encoder
                    .encode_simple(false, 78.0)
                    .map_err(|e| format!("WebP: {e:?}"))?;
                Ok(encoded.to_vec())
            }
        }
    }
}

/// Where a build's renditions are made: its folder, the content base its
/// documents' media URLs are resolved against, and the cache kept between
/// builds, if any.
pub struct Renditions<'a> {
    pub dist: &'a Path,
    pub content: &'a ContentBase,
    pub cache: Option<&'a Path>,
}

impl Renditions<'_> {
    /// Offers `sources` in an article document for each raster picture in
    /// the build that has none of a CMS's own; whether it offered any.
    /// `made` is told each file written. A picture that cannot be read is
    /// said and left as it is.
    pub fn offer(&self, document: &mut Value, made: &dyn Fn(&Path)) -> Result<bool, String> {
        let Some(fields) = document.as_object_mut() else {
            return Ok(false);
        };
        let mut offered = false;
        // The hero, image and poster blocks, and social posts' thumbnails.
        let pictures = fields
            .iter_mut()
            .flat_map(|(name, value)| match (name.as_str(), value) {
                ("hero", hero) => std::slice::from_mut(hero).iter_mut(),
                ("blocks", Value::Array(blocks)) => blocks.iter_mut(),
                _ => [].iter_mut(),
            })
            .filter_map(|block| match block["type"].as_str() {
                Some("image" | "poster") => Some(block),
                Some("social") => block
                    .get_mut("thumbnail")
                    .filter(|thumbnail| thumbnail.is_object()),
                _ => None,
            });
        for picture in pictures {
            if picture
                .get("sources")
                .is_some_and(|sources| !is_ours(sources))
            {
                continue;
            }
            let Some(source) = picture["src"].as_str().and_then(MediaUrl::parse) else {
                continue;
            };
            let Some(file) =
                media_file(self.dist, self.content, &source).filter(|file| is_raster(file))
            else {
                continue;
            };
            match self.made_for(&source, &file, made) {
                Ok(sources) => {
                    picture["sources"] = sources;
                    offered = true;
                }
                Err(error) => eprintln!("prerender: {}: no renditions: {error}", file.display()),
            }
        }
        Ok(offered)
    }

    /// The picture `source` (its file in the build) at every width, in
    /// every encoding, as the `sources` of its document: made, or found.
    fn made_for(
        &self,
        source: &MediaUrl,
        file: &Path,
        made: &dyn Fn(&Path),
    ) -> Result<Value, String> {
        let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
        let digest = Sha256::digest(&bytes);
        let hash: String = digest[..RENDITION_HASH_DIGITS / 2]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let (width, height) = image::ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())?
            .into_dimensions()
            .map_err(|e| e.to_string())?;
        let mut decoded: Option<DynamicImage> = None;
        let mut sources = Vec::new();
        for encoding in ENCODINGS {
            let mut candidates = Vec::new();
            for target in widths_for(width) {
                let url = rendition_url(source.as_str(), &hash, target, encoding.extension());
                let path = media_file(
                    self.dist,
                    self.content,
                    &MediaUrl::parse(&url).ok_or("not a media URL")?,
                )
                .ok_or("renditions must be in the build")?;
                if !path.is_file() && !self.copied_from_cache(&url, &path, made)? {
                    let picture = match &decoded {
                        Some(picture) => picture,
                        None => decoded.insert(decode(&bytes)?),
                    };
                    let scaled = scaled(picture, target, scaled_height(width, height, target));
                    let encoded = encoding.encode(&scaled)?;
                    files::write(&path, &encoded)?;
                    made(&path);
                    if let Some(cache) = self.cache {
                        files::write(&cache.join(cached_name(&url)), &encoded)?;
                    }
                }
                candidates.push(format!("{url} {target}w"));
            }
            sources.push(json!({ "type": encoding.media_type(), "srcset": candidates.join(", ") }));
        }
        Ok(Value::Array(sources))
    }

    /// Copies a rendition an earlier build made into this one; whether the
    /// cache had it.
    fn copied_from_cache(
        &self,
        url: &str,
        path: &Path,
        made: &dyn Fn(&Path),
    ) -> Result<bool, String> {
        let Some(cached) = self.cache.map(|cache| cache.join(cached_name(url))) else {
            return Ok(false);
        };
        if !cached.is_file() {
            return Ok(false);
        }
        let bytes = std::fs::read(&cached).map_err(|e| format!("{}: {e}", cached.display()))?;
        files::write(path, bytes)?;
        made(path);
        Ok(true)
    }
}

/// A rendition's name in the cache folder: its URL within [`FOLDER`].
fn cached_name(url: &str) -> &str {
    url.strip_prefix(FOLDER)
        .map_or(url, |name| name.trim_start_matches('/'))
}

/// Whether a picture's `sources` are the renditions a build offered (a
/// document published from a built site, or built again), which this build
/// offers anew, rather than a CMS's own, which it leaves alone.
fn is_ours(sources: &Value) -> bool {
    let prefix = format!("{FOLDER}/");
    sources.as_array().is_some_and(|sources| {
        sources.iter().all(|source| {
            source["srcset"].as_str().is_some_and(|srcset| {
                srcset
                    .split(',')
                    .all(|candidate| candidate.trim_start().starts_with(&prefix))
            })
        })
    })
}

/// Whether the build makes renditions of the file: a JPEG or PNG.
fn is_raster(file: &Path) -> bool {
    file.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            ["jpg", "jpeg", "png"]
                .iter()
                .any(|raster| extension.eq_ignore_ascii_case(raster))
        })
}

/// The widths a picture `width` pixels wide is rendered at: each standard
/// width below its own, then its own (or the largest standard width).
pub fn widths_for(width: u32) -> Vec<u32> {
    let largest = width.min(WIDTHS[WIDTHS.len() - 1]);
    WIDTHS
        .iter()
        .copied()
        .filter(|&standard| standard < largest)
        .chain([largest])
        .collect()
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(LARGEST_SIDE);
    limits.max_image_height = Some(LARGEST_SIDE);
    limits.max_alloc = Some(MOST_BYTES_DECODED);
    reader.limits(limits);
    reader.decode().map_err(|e| e.to_string())
}

/// The height of a picture `width` by `height` scaled to `target` wide.
fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let scaled = u64::from(height) * u64::from(target) / u64::from(width.max(1));
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

fn scaled(picture: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if picture.width() == width {
        return picture.clone();
    }
    picture.resize_exact(width, height, FilterType::Lanczos3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A build folder holding `img/photo.jpg`, `width` by `height`.
    fn build_with_photo(name: &str, width: u32, height: u32) -> std::path::PathBuf {
        let dist = std::env::temp_dir().join(format!("renditions-{name}-{}", std::process::id()));
        _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(dist.join("img")).unwrap();
        let photo = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 256) as u8])
        });
        photo.save(dist.join("img/photo.jpg")).unwrap();
        dist
    }

    fn article(hero: Value) -> Value {
        json!({"format": 1, "id": "a", "title": "A", "hero": hero,
               "blocks": [{"type": "paragraph", "text": "Words."}]})
    }

    #[test]
    fn a_jpeg_is_offered_as_avif_and_webp_at_each_width_and_taken_from_the_cache_after() {
        let dist = build_with_photo("made", 700, 400);
        let cache = dist.with_extension("cache");
        let content = ContentBase::default();
        let renditions = Renditions {
            dist: &dist,
            content: &content,
            cache: Some(&cache),
        };
        let written = RefCell::new(Vec::new());
        let mut document = article(
            json!({"type": "image", "src": "img/photo.jpg", "alt": "A photo",
                                  "width": 700, "height": 400}),
        );
        let offered = renditions
            .offer(&mut document, &|path| {
                written.borrow_mut().push(path.to_owned())
            })
            .unwrap();
        assert!(offered, "the photo is offered in other encodings");
        let sources = document["hero"]["sources"].as_array().unwrap();
        assert_eq!(sources[0]["type"], "image/avif");
        assert_eq!(sources[1]["type"], "image/webp");
        for (source, magic) in sources.iter().zip([&b"ftypavif"[..], &b"WEBP"[..]]) {
            let candidates: Vec<&str> = source["srcset"].as_str().unwrap().split(", ").collect();
            assert_eq!(
                candidates.len(),
                3,
                "320, 640 and its own 700: {candidates:?}"
            );
            for (candidate, width) in candidates.iter().zip(["320w", "640w", "700w"]) {
                let (url, descriptor) = candidate.split_once(' ').unwrap();
                assert_eq!(descriptor, width);
                assert!(url.starts_with("renditions/img/photo.jpg-"), "{url}");
                let file = std::fs::read(dist.join(url)).unwrap();
                assert!(file[..16].windows(magic.len()).any(|w| w == magic), "{url}");
            }
        }
        assert_eq!(written.borrow().len(), 6, "each file said once");
        let model = broadsheet::model::decode_article(&document.to_string()).unwrap();
        assert!(
            matches!(model.hero(), Some(broadsheet::model::Hero::Image(image)) if image.sources.len() == 2)
        );

        // Built again from an empty folder: the cache's files, not encoded again.
        let first = sources[0]["srcset"]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_owned();
        std::fs::remove_dir_all(dist.join(FOLDER)).unwrap();
        std::fs::write(cache.join(cached_name(&first)), b"kept").unwrap();
        let mut again = document.clone();
        assert!(renditions.offer(&mut again, &|_| {}).unwrap());
        assert_eq!(again, document, "the same renditions, offered anew");
        assert_eq!(std::fs::read(dist.join(&first)).unwrap(), b"kept");
        std::fs::remove_dir_all(&dist).unwrap();
        std::fs::remove_dir_all(&cache).unwrap();
    }

    #[test]
    fn a_cms_s_own_sources_a_vector_a_remote_and_a_broken_picture_are_left_alone() {
        let dist = build_with_photo("alone", 64, 64);
        std::fs::write(dist.join("img/broken.jpg"), b"not a JPEG at all").unwrap();
        let content = ContentBase::default();
        let renditions = Renditions {
            dist: &dist,
            content: &content,
            cache: None,
        };
        let own = json!([{"type": "image/avif", "srcset": "https://images.example/p.avif 800w"}]);
        for hero in [
            json!({"type": "image", "src": "img/photo.jpg", "alt": "", "width": 64, "height": 64, "sources": own}),
            json!({"type": "image", "src": "img/logo.svg", "alt": "", "width": 64, "height": 64}),
            json!({"type": "image", "src": "https://images.example/p.jpg", "alt": "", "width": 64, "height": 64}),
            json!({"type": "image", "src": "img/broken.jpg", "alt": "", "width": 64, "height": 64}),
            json!({"type": "image", "src": "img/missing.jpg", "alt": "", "width": 64, "height": 64}),
            json!({"type": "image", "src": "../../etc/passwd.jpg", "alt": "", "width": 64, "height": 64}),
        ] {
            let mut document = article(hero.clone());
            let offered = renditions.offer(&mut document, &|_| {}).unwrap();
            assert!(!offered && document == article(hero.clone()), "{hero}");
        }
        assert!(!dist.join(FOLDER).exists());
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn a_picture_is_rendered_at_each_standard_width_below_its_own() {
        assert_eq!(widths_for(1600), [320, 640, 960, 1280, 1600]);
        assert_eq!(widths_for(640), [320, 640]);
        assert_eq!(widths_for(4000), [320, 640, 960, 1280, 1920]);
        assert_eq!(widths_for(200), [200]);
    }
}
