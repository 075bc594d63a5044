//! Reading QR codes back out of PNGs, as a phone's camera would, so a test can
//! say what a code actually carries rather than how it was made.

/// The text of every QR code found in a PNG.
pub fn decode_png(png: &[u8]) -> Result<Vec<String>, String> {
    let mut decoder = png::Decoder::new(png);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| format!("not a PNG: {e}"))?;
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader
        .next_frame(&mut pixels)
        .map_err(|e| format!("unreadable PNG: {e}"))?;
    let (width, height) = (frame.width as usize, frame.height as usize);
    let channels = frame.color_type.samples();
    let luma = |x: usize, y: usize| -> u8 {
        let at = (y * width + x) * channels;
        match channels {
            1 | 2 => pixels[at],
            _ => {
                let (r, g, b) = (
                    pixels[at] as u32,
                    pixels[at + 1] as u32,
                    pixels[at + 2] as u32,
                );
                ((r * 299 + g * 587 + b * 114) / 1000) as u8
            }
        }
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, luma);
    let mut found = Vec::new();
    for grid in image.detect_grids() {
        let (_, content) = grid
            .decode()
            .map_err(|e| format!("a QR code that does not decode: {e}"))?;
        found.push(content);
    }
    Ok(found)
}

/// A PNG's width and height.
pub fn png_size(png: &[u8]) -> Result<(u32, u32), String> {
    let reader = png::Decoder::new(png)
        .read_info()
        .map_err(|e| format!("not a PNG: {e}"))?;
    let info = reader.info();
    Ok((info.width, info.height))
}
