//! QR codes as inline SVG: no image request, sharp at any print size.

/// The QR code of `text`, at least `min_px` wide; empty if the text is too long to encode.
pub fn svg(text: &str, min_px: u32) -> String {
    qrcode::QrCode::new(text.as_bytes())
        .map(|qr| {
            qr.render::<qrcode::render::svg::Color>()
                .min_dimensions(min_px, min_px)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}
