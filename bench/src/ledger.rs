//! 台账导入 at size: an organizer uploads a ledger of 5,000 sessions with a suggestion each and a
//! problem for every other one, reads its preview and imports it, while the server's memory is
//! sampled. The workbook is built here, as Excel would save it.

use std::time::{Duration, Instant};

use reqwest::{header, multipart, Client, StatusCode};
use rust_xlsxwriter::Workbook;

use crate::{
    site::{Site, SiteError},
    stats::RssSampler,
};

pub struct LedgerRun {
    pub sessions: usize,
    pub rows: usize,
    pub bytes: usize,
    /// Upload, check and the preview page.
    pub preview: Duration,
    pub import: Duration,
    pub peak_rss_kib: Option<u64>,
}

/// A ledger of `sessions` sessions at `platform` (by number), held on the days before today.
fn workbook(
    platform: i64,
    sessions: usize,
) -> Result<(Vec<u8>, usize), rust_xlsxwriter::XlsxError> {
    let run = chrono::Utc::now().timestamp();
    let today = chrono::Utc::now().date_naive();
    let mut book = Workbook::new();
    let mut rows = 0;
    let sheet = book.add_worksheet().set_name("活动台账")?;
    for (c, h) in [
        "活动编号",
        "议事平台",
        "活动名称",
        "活动类型",
        "形式",
        "本地叫法",
        "地点",
        "开始时间",
        "结束时间",
        "居民人数",
        "利益相关方人数",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..sessions {
        let r = (i + 1) as u32;
        let day = today - chrono::TimeDelta::days(1 + (i % 300) as i64);
        let cells = [
            format!("B{run}-{i}"),
            platform.to_string(),
            format!("台账导入测试第{i}场"),
            if i % 3 == 0 {
                "政策宣讲"
            } else {
                "民生议事"
            }
            .to_owned(),
            "现场".to_owned(),
            "院坝协商".to_owned(),
            "村委会议室".to_owned(),
            format!("{day} 09:30"),
            "11:30".to_owned(),
            (10 + i % 20).to_string(),
            (i % 4).to_string(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, v)?;
        }
        rows += 1;
    }
    let sheet = book.add_worksheet().set_name("意见建议")?;
    for (c, h) in ["活动编号", "意见建议", "提出委员", "牵头部门", "采纳情况"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..sessions {
        let r = (i + 1) as u32;
        sheet.write_string(r, 0, format!("B{run}-{i}"))?;
        sheet.write_string(r, 1, format!("建议第{i}条：增设便民设施"))?;
        sheet.write_string(r, 3, "镇综合办")?;
        sheet.write_string(r, 4, if i % 2 == 0 { "采纳" } else { "部分采纳" })?;
        rows += 1;
    }
    let sheet = book.add_worksheet().set_name("问题清单")?;
    for (c, h) in ["活动编号", "问题", "解决日期", "解决情况"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    for (n, i) in (0..sessions).step_by(2).enumerate() {
        let r = (n + 1) as u32;
        sheet.write_string(r, 0, format!("B{run}-{i}"))?;
        sheet.write_string(r, 1, format!("问题第{i}个：路灯不亮"))?;
        sheet.write_string(r, 2, today.to_string())?;
        sheet.write_string(r, 3, "已更换灯具")?;
        rows += 1;
    }
    Ok((book.save_to_buffer()?, rows))
}

/// The page a form post redirects to.
async fn follow(
    site: &Site,
    client: &Client,
    answer: reqwest::Response,
) -> Result<String, SiteError> {
    let to = answer
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .ok_or_else(|| SiteError::Unexpected(format!("no redirect: {}", answer.status())))?
        .to_owned();
    let page = client.get(site.page(&to)).send().await?;
    if page.status() != StatusCode::OK {
        return Err(SiteError::Unexpected(format!("{}: {to}", page.status())));
    }
    Ok(page.text().await?)
}

pub async fn import(
    site: &Site,
    organizer: &Client,
    platform: i64,
    sessions: usize,
    pid: Option<u32>,
) -> Result<LedgerRun, SiteError> {
    let (bytes, rows) =
        workbook(platform, sessions).map_err(|e| SiteError::Unexpected(e.to_string()))?;
    let size = bytes.len();
    let sampler = RssSampler::start(pid);
    let started = Instant::now();
    let form =
        multipart::Form::new().part("file", multipart::Part::bytes(bytes).file_name("台账.xlsx"));
    let answer = organizer
        .post(site.page("/api/ledger/upload"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, site.page("/manage/import"))
        .multipart(form)
        .send()
        .await?;
    let preview = follow(site, organizer, answer).await?;
    let id = preview
        .split("name=\"id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
        .ok_or_else(|| SiteError::Unexpected("the preview offers no import".into()))?;
    let preview_time = started.elapsed();
    let started = Instant::now();
    let answer = organizer
        .post(site.page("/api/ledger/import"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, site.page(&format!("/manage/import/{id}")))
        .form(&[("id", id.as_str())])
        .send()
        .await?;
    let page = follow(site, organizer, answer).await?;
    let import_time = started.elapsed();
    let peak_rss_kib = sampler.stop().await;
    if !page.contains("台账已导入") {
        return Err(SiteError::Unexpected("the import was refused".into()));
    }
    Ok(LedgerRun {
        sessions,
        rows,
        bytes: size,
        preview: preview_time,
        import: import_time,
        peak_rss_kib,
    })
}
