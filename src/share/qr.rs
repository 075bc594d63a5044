//! QR codes, made here in Rust with no network call: the article URL for WeChat
//! and the share poster. A code is a grid of dark and light modules; the views
//! draw it as an SVG path or on a canvas.

use qrcodegen::{QrCode, QrCodeEcc};

/// The light margin every reader's camera needs around a code, in modules.
pub const QUIET_ZONE: usize = 4;

/// A QR code's modules, quiet zone not included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrGrid {
    size: usize,
    dark: Vec<bool>,
}

impl QrGrid {
    /// Encodes `text`, or `None` if it is too long for any QR code (about 2 KB).
    /// Medium error correction: still scans with a crease or a glare.
    pub fn encode(text: &str) -> Option<QrGrid> {
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
        let size = usize::try_from(code.size()).ok()?;
        let dark = (0..size * size)
            .map(|i| code.get_module((i % size) as i32, (i / size) as i32))
            .collect();
        Some(QrGrid { size, dark })
    }

    /// Modules per side, quiet zone not included.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Modules per side with the quiet zone on both sides.
    pub fn size_with_quiet_zone(&self) -> usize {
        self.size + 2 * QUIET_ZONE
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// The dark modules as runs along each row: `(x, y, length)`. Drawing runs
    /// rather than single modules keeps the SVG small and leaves no hairline
    /// seams between neighbours on a canvas.
    pub fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((start, y, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }

    /// An SVG path of the dark modules, one unit per module, offset by the quiet
    /// zone; for a `viewBox` of `size_with_quiet_zone()` units square.
    pub fn svg_path(&self) -> String {
        let mut path = String::new();
        for (x, y, length) in self.dark_runs() {
            path.push_str(&format!(
                "M{} {}h{length}v1h-{length}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_encodes_with_finder_patterns_in_three_corners() {
        let grid = QrGrid::encode("https://news.example.com/a/story?utm_source=wechat").unwrap();
        assert!(grid.size() >= 21 && (grid.size() - 17).is_multiple_of(4));
        let last = grid.size() - 1;
        for (x, y) in [(0, 0), (last, 0), (0, last)] {
            assert!(grid.is_dark(x, y), "finder corner at {x},{y}");
        }
        assert!(!grid.is_dark(grid.size(), 0), "outside the grid is light");
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let grid = QrGrid::encode("银发经济").unwrap();
        let from_runs: usize = grid.dark_runs().iter().map(|(_, _, n)| n).sum();
        let counted = (0..grid.size())
            .flat_map(|y| (0..grid.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| grid.is_dark(x, y))
            .count();
        assert_eq!(from_runs, counted);
        assert!(
            grid.svg_path().starts_with("M4 4h7v1h-7z"),
            "the top-left finder's first row"
        );
    }

    #[test]
    fn text_too_long_for_any_code_is_refused() {
        assert!(QrGrid::encode(&"x".repeat(5000)).is_none());
    }
}
