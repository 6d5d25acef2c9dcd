//! Each sender against a local fake of its gateway that checks the signature and answers
//! success, throttling, failure or nothing in time; and the outbox delivering through them.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
    Form, Router,
};
use server::{
    jobs::run_once,
    messages::Sender,
    sms::{
        aliyun_signature, signature, tencent_signature, AliyunSender, Secret, Templates,
        TencentAccount, TencentSender, WebhookSender, SIGNATURE_HEADER,
    },
};
use store::repo::outbox::Pending;

use crate::common::TestApp;

const SECRET: &str = "gateway-secret";

/// What the gateway was sent: (idempotency key, body).
type Seen = Arc<Mutex<Vec<(String, serde_json::Value)>>>;

async fn gateway_answer(
    State(seen): State<Seen>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let signed = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if signed != signature(SECRET, &body) {
        return (StatusCode::UNAUTHORIZED, "bad signature".into());
    }
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let to = json["to"].as_str().unwrap_or_default().to_owned();
    seen.lock().unwrap().push((key.clone(), json));
    match &to[to.len().saturating_sub(2)..] {
        "02" => (StatusCode::TOO_MANY_REQUESTS, "throttled".into()),
        "03" => (StatusCode::INTERNAL_SERVER_ERROR, "down".into()),
        "04" => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            (StatusCode::OK, "{}".into())
        }
        // The gateway's own id for the message, derived from its key: messages arrive several
        // at a time, in no fixed order.
        _ => (StatusCode::OK, format!(r#"{{"id": "gw-{key}"}}"#)),
    }
}

/// A fake gateway on a free port: its address, and what it was sent.
async fn gateway() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new()
        .route("/sms", post(gateway_answer))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/sms"), seen)
}

fn message(id: i64) -> Pending {
    Pending {
        id,
        kind: app::messages::MessageKind::Confirmation,
        recipient: None,
        body: "您已报名：加装电梯协商。报名码 AB12CD34".into(),
        attempts: 0,
        params: r#"{"title": "加装电梯协商", "code": "AB12CD34"}"#.into(),
        message: None,
        lang: "zh".into(),
        session_id: Some(1),
        code: Some("AB12CD34".into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_is_signed_and_each_answer_is_understood() {
    let (url, seen) = gateway().await;
    let sender =
        WebhookSender::new(url.clone(), Secret::new(SECRET), Duration::from_secs(1)).unwrap();

    let sent = sender.send("13800000001", &message(41)).await.unwrap();
    assert_eq!(sent.provider_id.as_deref(), Some("gw-yst-41"));
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].0, "yst-41");
        assert_eq!(seen[0].1["kind"], "confirmation");
        assert_eq!(seen[0].1["to"], "13800000001");
        assert!(seen[0].1["text"].as_str().unwrap().contains("AB12CD34"));
    }
    for (number, what) in [
        ("13800000002", "429"),
        ("13800000003", "500"),
        ("13800000004", "a timeout"),
    ] {
        let e = sender.send(number, &message(42)).await.unwrap_err();
        assert!(e.retry, "{what} is tried again: {e}");
    }
    let forged = WebhookSender::new(url, Secret::new("wrong"), Duration::from_secs(1)).unwrap();
    let e = forged.send("13800000001", &message(43)).await.unwrap_err();
    assert!(!e.retry && e.reason.contains("401"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_delivers_through_the_webhook_and_keeps_the_gateways_id() {
    let app = TestApp::spawn().await;
    let (url, seen) = gateway().await;
    let sender = WebhookSender::new(url, Secret::new(SECRET), Duration::from_secs(1)).unwrap();
    let session = app.session(10, 5).await;
    let b = app.browser();
    let code = b.registration_code(session, "周一", "13600000001").await;
    b.sign_up(session, "周二", "13600000002").await;
    let now = store::clock::now_local();
    let pass = run_once(&app.state, &sender, now).await.unwrap();
    assert_eq!((pass.sent, pass.failed), (1, 1));
    let id = app
        .scalar("SELECT id FROM messages WHERE recipient = '13600000001'")
        .await;
    assert_eq!(
        app.text(
            "SELECT state || ' ' || provider_id FROM messages WHERE recipient = '13600000001'"
        )
        .await,
        Some(format!("sent gw-yst-{id}")),
        "the gateway's id for the message is kept"
    );
    assert_eq!(
        app.text("SELECT state || ' ' || last_error FROM messages WHERE recipient = '13600000002'")
            .await
            .as_deref(),
        Some("failed 429 Too Many Requests: throttled")
    );
    // The template values are kept beside the text, for the providers that send templates.
    assert_eq!(
        app.text(
            "SELECT params ->> '$.code' || ' ' || (params ->> '$.title') FROM messages WHERE recipient = '13600000001'"
        )
        .await,
        Some(format!("{code} 老旧小区加装电梯协商"))
    );
    let (key, first) = seen
        .lock()
        .unwrap()
        .iter()
        .find(|(_, body)| body["to"] == "13600000001")
        .cloned()
        .unwrap();
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM messages WHERE 'yst-' || id = '{key}' AND recipient = '13600000001'"
        ))
        .await,
        1,
        "the idempotency key names the message"
    );
    assert!(first["text"].as_str().unwrap().contains(&code), "{first:?}");
}

const ALIYUN_SECRET: &str = "aliyun-secret";

/// What the fake Dysmsapi was sent: each request's parameters.
type AliyunSeen = Arc<Mutex<Vec<BTreeMap<String, String>>>>;

/// Checks the RPC signature as Aliyun does (recomputed over every parameter but `Signature`)
/// and answers by the number's last two digits.
async fn aliyun_answer(
    State(seen): State<AliyunSeen>,
    Form(mut params): Form<BTreeMap<String, String>>,
) -> (StatusCode, String) {
    let signed = params.remove("Signature").unwrap_or_default();
    if signed != aliyun_signature::signature("POST", &params, ALIYUN_SECRET) {
        return (
            StatusCode::BAD_REQUEST,
            r#"{"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched"}"#
                .into(),
        );
    }
    let to = params["PhoneNumbers"].clone();
    seen.lock().unwrap().push(params);
    let answer = match &to[to.len() - 2..] {
        "02" => r#"{"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控"}"#,
        "03" => return (StatusCode::SERVICE_UNAVAILABLE, String::new()),
        "04" => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            r#"{"Code": "OK"}"#
        }
        "05" => r#"{"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"}"#,
        _ => r#"{"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0"}"#,
    };
    (StatusCode::OK, answer.into())
}

async fn aliyun() -> (String, AliyunSeen) {
    let seen: AliyunSeen = Arc::default();
    let app = Router::new()
        .route("/", post(aliyun_answer))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/"), seen)
}

fn aliyun_sender(endpoint: &str, secret: &str) -> AliyunSender {
    AliyunSender::new(
        endpoint.to_owned(),
        "testid".into(),
        Secret::new(secret),
        "议事通".into(),
        Templates::parse("confirmation=SMS_1001:title,code").unwrap(),
        Duration::from_secs(1),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aliyun_gets_a_signed_template_and_each_answer_is_understood() {
    let (endpoint, seen) = aliyun().await;
    let sender = aliyun_sender(&endpoint, ALIYUN_SECRET);
    let sent = sender.send("13800000001", &message(51)).await.unwrap();
    assert_eq!(sent.provider_id.as_deref(), Some("900619746936498440^0"));
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0]["Action"], "SendSms");
        assert_eq!(seen[0]["SignName"], "议事通");
        assert_eq!(seen[0]["TemplateCode"], "SMS_1001");
        assert_eq!(seen[0]["OutId"], "yst-51");
        let values: serde_json::Value = serde_json::from_str(&seen[0]["TemplateParam"]).unwrap();
        assert_eq!(
            values,
            serde_json::json!({"title": "加装电梯协商", "code": "AB12CD34"})
        );
    }
    for (number, again, what) in [
        ("13800000002", true, "throttled"),
        ("13800000003", true, "503"),
        ("13800000004", true, "a timeout"),
        ("13800000005", false, "an illegal number"),
    ] {
        let e = sender.send(number, &message(52)).await.unwrap_err();
        assert_eq!(e.retry, again, "{what}: {e}");
    }
    // A kind without a template is refused here, not at the gateway.
    let reminder = Pending {
        kind: app::messages::MessageKind::Reminder,
        ..message(53)
    };
    let e = sender.send("13800000001", &reminder).await.unwrap_err();
    assert!(!e.retry && e.reason.contains("no template"), "{e}");
    let forged = aliyun_sender(&endpoint, "wrong");
    let e = forged.send("13800000001", &message(54)).await.unwrap_err();
    assert!(
        !e.retry && e.reason.contains("SignatureDoesNotMatch"),
        "{e}"
    );
}

const TENCENT_KEY: &str = "tencent-key";

/// What the fake Tencent Cloud API was sent: each request's JSON body.
type TencentSeen = Arc<Mutex<Vec<serde_json::Value>>>;

/// Checks the TC3 signature as Tencent does (recomputed from the `Host` and `X-TC-Timestamp`
/// headers and the exact body) and answers by the number's last two digits.
async fn tencent_answer(
    State(seen): State<TencentSeen>,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, String) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let expected = tencent_signature::Request {
        secret_id: "AKIDtest",
        secret_key: TENCENT_KEY,
        service: "sms",
        host: &header("host"),
        timestamp: header("x-tc-timestamp").parse().unwrap_or_default(),
        payload: &body,
    }
    .authorization();
    if header("authorization") != expected || header("x-tc-action") != "SendSms" {
        return (
            StatusCode::OK,
            r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "签名错误"}}}"#
                .into(),
        );
    }
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let to = json["PhoneNumberSet"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    seen.lock().unwrap().push(json);
    let status = |code: &str, message: &str| {
        format!(
            r#"{{"Response": {{"SendStatusSet": [{{"SerialNo": "2433:3366955", "PhoneNumber": "{to}", "Code": "{code}", "Message": "{message}"}}]}}}}"#
        )
    };
    let answer = match &to[to.len() - 2..] {
        "02" => status("LimitExceeded.PhoneNumberThirtySecondLimit", "30秒内限频"),
        "03" => return (StatusCode::BAD_GATEWAY, String::new()),
        "04" => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            status("Ok", "send success")
        }
        "05" => status(
            "InvalidParameterValue.IncorrectPhoneNumber",
            "手机号格式错误",
        ),
        _ => status("Ok", "send success"),
    };
    (StatusCode::OK, answer)
}

async fn tencent() -> (String, TencentSeen) {
    let seen: TencentSeen = Arc::default();
    let app = Router::new()
        .route("/", post(tencent_answer))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/"), seen)
}

fn tencent_sender(endpoint: &str, key: &str) -> TencentSender {
    TencentSender::new(
        TencentAccount {
            endpoint: endpoint.to_owned(),
            secret_id: "AKIDtest".into(),
            secret_key: Secret::new(key),
            app_id: "1400006666".into(),
            region: "ap-guangzhou".into(),
            sign_name: "议事通".into(),
            templates: Templates::parse("confirmation=1110:title,code").unwrap(),
        },
        Duration::from_secs(1),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tencent_gets_a_signed_template_and_each_answer_is_understood() {
    let (endpoint, seen) = tencent().await;
    let sender = tencent_sender(&endpoint, TENCENT_KEY);
    let sent = sender.send("13800000001", &message(61)).await.unwrap();
    assert_eq!(sent.provider_id.as_deref(), Some("2433:3366955"));
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0]["PhoneNumberSet"][0], "+8613800000001");
        assert_eq!(seen[0]["SmsSdkAppId"], "1400006666");
        assert_eq!(seen[0]["TemplateId"], "1110");
        assert_eq!(
            seen[0]["TemplateParamSet"],
            serde_json::json!(["加装电梯协商", "AB12CD34"])
        );
        assert_eq!(seen[0]["SessionContext"], "yst-61");
    }
    for (number, again, what) in [
        ("13800000002", true, "a limit"),
        ("13800000003", true, "502"),
        ("13800000004", true, "a timeout"),
        ("13800000005", false, "a wrong number"),
    ] {
        let e = sender.send(number, &message(62)).await.unwrap_err();
        assert_eq!(e.retry, again, "{what}: {e}");
    }
    let forged = tencent_sender(&endpoint, "wrong");
    let e = forged.send("13800000001", &message(63)).await.unwrap_err();
    assert!(
        !e.retry && e.reason.contains("AuthFailure.SignatureFailure"),
        "{e}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizers_see_how_messages_went_and_send_a_failed_one_again() {
    let app = TestApp::spawn_configured(|c| {
        c.sms = server::sms::SmsConfig::Webhook {
            url: "http://127.0.0.1:9/unused".into(),
            secret: Secret::new(SECRET),
            timeout: Duration::from_secs(1),
        }
    })
    .await;
    let session = app.session(10, 5).await;
    let b = app.browser();
    let sent = b.registration_code(session, "周一", "13600000001").await;
    let stuck = b.registration_code(session, "周二", "13600000002").await;
    let (url, _) = gateway().await;
    let sender = WebhookSender::new(url, Secret::new(SECRET), Duration::from_secs(1)).unwrap();
    // The 429 comes back six times: given up.
    let mut at = store::clock::now_local();
    for pause in [0, 1, 5, 30, 120, 360] {
        at += chrono::TimeDelta::minutes(pause);
        run_once(&app.state, &sender, at).await.unwrap();
    }

    // Each resident is told how their confirmation went.
    let page = b.get(&format!("/r/{sent}")).await.body;
    assert!(page.contains("确认短信已发到您的手机"), "{page}");
    let page = b.get(&format!("/r/{stuck}")).await.body;
    assert!(page.contains("确认短信没能发出"), "{page}");

    // The organizer sees the counts and the failed one, with its reason, and sends it again.
    let organizer = app.signed_in("organizer_a").await;
    let workspace = format!("/manage/sessions/{session}");
    let page = organizer.get(&workspace).await.body;
    assert!(page.contains(r#"<section id="messages">"#), "{page}");
    assert!(page.contains("136****0002"), "{page}");
    assert!(page.contains("429 Too Many Requests"), "{page}");
    let id = app
        .scalar("SELECT id FROM messages WHERE recipient = '13600000002'")
        .await;
    let done = organizer
        .submit(
            &workspace,
            "/api/manage-sessions/retry-message",
            &[("id", &session.to_string()), ("message", &id.to_string())],
        )
        .await;
    assert!(done.body.contains("已重新排队发送"), "{}", done.body);
    assert_eq!(
        app.text(&format!(
            "SELECT state || ' ' || attempts FROM messages WHERE id = {id}"
        ))
        .await
        .as_deref(),
        Some("queued 0")
    );
    // Another session's message cannot be sent again from this one.
    let other = app.session(10, 6).await;
    let res = organizer
        .post_form(
            &workspace,
            "/api/manage-sessions/retry-message",
            &[("id", &other.to_string()), ("message", &id.to_string())],
        )
        .await;
    let shown = organizer.get(&res.location().unwrap()).await.body;
    assert!(!shown.contains("已重新排队发送"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_log_alone_residents_are_not_told_a_message_was_sent() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let b = app.browser();
    let code = b.registration_code(session, "周一", "13600000001").await;
    run_once(
        &app.state,
        &server::messages::LogSender,
        store::clock::now_local(),
    )
    .await
    .unwrap();
    let page = b.get(&format!("/r/{code}")).await.body;
    assert!(!page.contains("确认短信"), "{page}");
    let organizer = app.signed_in("organizer_a").await;
    let page = organizer
        .get(&format!("/manage/sessions/{session}"))
        .await
        .body;
    assert!(page.contains("本系统未接入短信通道"), "{page}");
}
