//! Bar charts drawn as SVG on the server, so they print and show without scripts. The browser
//! lays out the Chinese labels itself; a charting crate would have to measure them with an
//! embedded CJK font of several megabytes.

use leptos::prelude::*;

/// One bar: its label and value.
pub type Bar = (String, i64);

/// A rounded-up axis maximum (1, 2, 5 × 10ⁿ) so the gridlines fall on round numbers.
fn axis_max(max: i64) -> i64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= max.max(1) {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// Columns over a time axis (months or quarters), each with its value on top.
#[component]
pub fn ColumnChart(title: String, bars: Vec<Bar>) -> impl IntoView {
    let (w, h, left, bottom, top) = (640.0, 260.0, 44.0, 30.0, 20.0);
    let max = axis_max(bars.iter().map(|b| b.1).max().unwrap_or(0));
    let n = bars.len().max(1) as f64;
    let slot = (w - left) / n;
    let plot = h - bottom - top;
    let y = move |v: i64| top + plot - plot * v as f64 / max as f64;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=title.clone() xmlns="http://www.w3.org/2000/svg">
                <title>{title.clone()}</title>
                {[0, max / 2, max].into_iter().map(|g| view! {
                    <line x1=left x2=w y1=y(g) y2=y(g) class="grid"/>
                    <text x=left - 4.0 y=y(g) + 4.0 text-anchor="end" class="axis">{g}</text>
                }).collect_view()}
                {bars.into_iter().enumerate().map(|(i, (label, v))| {
                    let x = left + slot * i as f64;
                    view! {
                        <rect x=x + slot * 0.15 y=y(v) width=slot * 0.7 height=(top + plot - y(v)).max(0.0) class="bar"/>
                        <text x=x + slot / 2.0 y=y(v) - 3.0 text-anchor="middle" class="value">{v}</text>
                        <text x=x + slot / 2.0 y=h - 10.0 text-anchor="middle" class="axis">{label}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{title}</figcaption>
        </figure>
    }
}

/// Horizontal bars for named things (areas, platform types), longest first.
#[component]
pub fn BarChart(title: String, mut bars: Vec<Bar>) -> impl IntoView {
    bars.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (w, row, left, right) = (640.0, 28.0, 190.0, 48.0);
    let h = row * bars.len().max(1) as f64 + 8.0;
    let max = axis_max(bars.iter().map(|b| b.1).max().unwrap_or(0));
    let len = move |v: i64| (w - left - right) * v as f64 / max as f64;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=title.clone() xmlns="http://www.w3.org/2000/svg">
                <title>{title.clone()}</title>
                {bars.into_iter().enumerate().map(|(i, (label, v))| {
                    let y = 4.0 + row * i as f64;
                    view! {
                        <text x=left - 6.0 y=y + row * 0.65 text-anchor="end" class="axis">{label}</text>
                        <rect x=left y=y + 3.0 width=len(v) height=row - 6.0 class="bar"/>
                        <text x=left + len(v) + 4.0 y=y + row * 0.65 class="value">{v}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{title}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::axis_max;

    #[test]
    fn axes_end_on_round_numbers_at_or_above_the_largest_bar() {
        assert_eq!(axis_max(0), 1);
        assert_eq!(axis_max(1), 1);
        assert_eq!(axis_max(3), 5);
        assert_eq!(axis_max(7), 10);
        assert_eq!(axis_max(274), 500);
        assert_eq!(axis_max(1_900), 2_000);
    }
}
