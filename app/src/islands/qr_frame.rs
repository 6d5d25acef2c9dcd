//! Reads the tickets in one camera frame: the frame's pixels (RGBA, as a canvas gives them) to
//! grey, then `rqrr` finds and decodes every QR code in it.

/// The texts of the QR codes in a `width` × `height` RGBA frame; none if the frame's size does
/// not match its pixels.
pub fn read_codes(rgba: &[u8], width: usize, height: usize) -> Vec<String> {
    if width == 0 || height == 0 || width.checked_mul(height).map(|n| n * 4) != Some(rgba.len()) {
        return Vec::new();
    }
    // ITU-R BT.601 luma in integers: what a camera's Y channel holds.
    let grey: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect();
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::read_codes;

    /// A ticket's QR code as a camera would see it: `scale` pixels a module, a quiet zone of four
    /// modules, black on white, in RGBA.
    fn frame(text: &str, scale: usize) -> (Vec<u8>, usize) {
        let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
        let modules = code.width();
        let colors = code.to_colors();
        let side = (modules + 8) * scale;
        let mut rgba = vec![255u8; side * side * 4];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = ((x / scale).wrapping_sub(4), (y / scale).wrapping_sub(4));
                let dark = mx < modules
                    && my < modules
                    && colors[my * modules + mx] == qrcode::Color::Dark;
                if dark {
                    rgba[(y * side + x) * 4..][..3].fill(20);
                }
            }
        }
        (rgba, side)
    }

    #[test]
    fn a_ticket_link_is_read_off_a_frame() {
        let link = "https://yst.example.cn/checkin/AB3DEF7H";
        let (rgba, side) = frame(link, 6);
        assert_eq!(read_codes(&rgba, side, side), vec![link.to_owned()]);
    }

    #[test]
    fn a_frame_without_a_code_or_of_the_wrong_size_reads_nothing() {
        let blank = vec![255u8; 64 * 48 * 4];
        assert!(read_codes(&blank, 64, 48).is_empty());
        assert!(read_codes(&blank, 64, 49).is_empty());
        assert!(read_codes(&blank, 0, 0).is_empty());
    }
}
