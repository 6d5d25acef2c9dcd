//! QR codes as inline SVG: no image request, sharp at any print size.

/// The QR code of `text`, at least `min_px` wide; empty if the text is too long to encode. The
/// renderer's `<?xml …?>` declaration is left out: inside an HTML page it is not valid.
pub fn svg(text: &str, min_px: u32) -> String {
    qrcode::QrCode::new(text.as_bytes())
        .map(|qr| {
            let svg = qr
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(min_px, min_px)
                .quiet_zone(true)
                .build();
            match svg.strip_prefix("<?xml") {
                Some(rest) => rest
                    .split_once("?>")
                    .map_or(String::new(), |(_, svg)| svg.trim_start().to_owned()),
                None => svg,
            }
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_svg_has_no_xml_declaration() {
        let svg = super::svg("https://yst.example.cn/checkin/AB23CD45", 180);
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
    }
}
