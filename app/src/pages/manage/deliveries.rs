//! 短信通知 on a session's workspace: how many messages of each kind were sent, are waiting or
//! failed, and the failed ones with their reason and a button to send again.

use leptos::prelude::*;

use crate::{
    api::manage_sessions::RetryMessage,
    components::{Hidden, PostForm, Submit},
    forms::FormState,
    i18n::{use_lang, Label, T},
    messages::{DeliveryState, MessageKind},
    views::delivery::SessionDelivery,
};

#[component]
pub fn Deliveries(id: i64, delivery: SessionDelivery, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let kinds: Vec<MessageKind> = MessageKind::ALL
        .iter()
        .copied()
        .filter(|k| delivery.counts.iter().any(|(c, ..)| c == k))
        .collect();
    let count = |kind: MessageKind, state: DeliveryState| {
        delivery
            .counts
            .iter()
            .find(|(k, s, _)| *k == kind && *s == state)
            .map_or(0, |(.., n)| *n)
    };
    let table = (!kinds.is_empty()).then(|| {
        view! {
            <div class="scroll">
                <table class="table">
                    <thead><tr>
                        <th scope="col">{T::MessagesKindColumn.tr(lang)}</th>
                        {DeliveryState::ALL.iter().map(|s| view! { <th scope="col" class="num">{s.label(lang)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {kinds.into_iter().map(|k| view! {
                            <tr>
                                <td>{k.label(lang)}</td>
                                {DeliveryState::ALL.iter().map(|s| view! { <td class="num">{count(k, *s)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    let empty = delivery.counts.is_empty();
    let stuck = (!delivery.stuck.is_empty()).then(|| {
        view! {
            <h3>{T::MessagesStuck.tr(lang)}</h3>
            <ul class="found-members">
                {delivery.stuck.into_iter().map(|m| view! {
                    <li>
                        <span>
                            <strong>{m.kind.label(lang)}</strong> " " {m.recipient} " · " {m.state.label(lang)}
                            " · " {T::MessagesTries.tr(lang)} " " {m.attempts}
                            " · " <span class="muted">{m.last_error.unwrap_or_default()}</span>
                        </span>
                        <PostForm action={<RetryMessage as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                            <Hidden name="id" value=id.to_string()/>
                            <Hidden name="message" value=m.id.to_string()/>
                            <Submit label=T::MessagesRetry secondary=true/>
                        </PostForm>
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section id="messages">
            <h2>{T::MessagesTitle.tr(lang)}</h2>
            {(!delivery.channel).then(|| view! { <p class="hint">{T::MessagesNoChannel.tr(lang)}</p> })}
            {empty.then(|| view! { <p>{T::MessagesNone.tr(lang)}</p> })}
            {table}
            {stuck}
        </section>
    }
}
