// The simulator's side panel: pick or create a fake customer or group, and the demo
// controls (monthly quota, injected LINE failures, the webhook delivery log).
import type { FC } from "hono/jsx";
import type { Overview } from "../simulator-do";
import { LANGUAGES } from "../types";
import { avatarPath } from "./bubbles";

const LANGUAGE_NAMES: Record<string, string> = {
  ja: "日本語", th: "ไทย", "zh-TW": "繁體中文", id: "Bahasa Indonesia", en: "English", ko: "한국어",
};

function chatLink(chatId: string): string {
  return `/simulator?chat=${encodeURIComponent(chatId)}`;
}

export interface AccountPicker {
  current: string;
  accounts: Array<{ channelId: string; name: string }>;
}

/** Which LINE Official Account the phone chats with (shown when the fake LINE has several). */
const AccountSwitch: FC<{ accounts: AccountPicker }> = ({ accounts }) => (
  <section class="side-card account-switch" aria-label="LINE account">
    <form method="get" action="/simulator" class="stack-form">
      <label>
        Chatting with the account
        <select name="channel" data-autosubmit>
          {accounts.accounts.map((a) => (
            <option value={a.channelId} selected={a.channelId === accounts.current}>
              {a.name} · {a.channelId}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button class="btn" type="submit">Switch</button>
      </noscript>
    </form>
    <p class="hint">
      <a href="/simulator/console">LINE Developers Console</a>: the fake channels and their credentials.
    </p>
  </section>
);

export const Sidebar: FC<{ overview: Overview; activeChatId: string | null; accounts: AccountPicker }> = ({ overview, activeChatId, accounts }) => {
  const users = new Map(overview.users.map((u) => [u.userId, u]));
  const quotaPct = overview.quota.limit > 0 ? Math.min(100, Math.round((overview.quota.used / overview.quota.limit) * 100)) : 100;
  return (
    <aside class="side" id="side" aria-label="Simulator controls">
      <header class="side-brand">
        <span class="brand-mark" aria-hidden="true">L</span>
        <span><strong>LINE simulator</strong><small>local only · {overview.accountName}</small></span>
        <a class="side-close" href="#" data-close-side aria-label="Close">✕</a>
      </header>

      {accounts.accounts.length > 1 ? (
        <AccountSwitch accounts={accounts} />
      ) : (
        <p class="hint side-console">
          <a href="/simulator/console">LINE Developers Console</a>: channel credentials, new channels.
        </p>
      )}

      <nav class="chat-list" aria-label="Chats">
        <h2>Chats</h2>
        <ul>
          {overview.chats.map((chat) => {
            const user = chat.type === "user" ? users.get(chat.chatId) : undefined;
            return (
              <li>
                <a class={`chat-item ${chat.chatId === activeChatId ? "is-active" : ""}`} href={chatLink(chat.chatId)} aria-current={chat.chatId === activeChatId ? "page" : undefined}>
                  <img class="avatar" src={avatarPath(chat.chatId)} alt="" />
                  <span class="chat-item-text">
                    <strong>{chat.name}</strong>
                    <small>
                      {chat.type === "user"
                        ? `${LANGUAGE_NAMES[user?.language ?? ""] ?? user?.language ?? ""}${user && !user.following ? " · blocked" : ""}`
                        : `${chat.type === "group" ? "Group" : "Chat room"} · ${chat.memberIds.length} members`}
                    </small>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>

      <details class="side-card">
        <summary>New customer</summary>
        <form method="post" action="/simulator/users" class="stack-form">
          <label>Display name<input name="displayName" required maxlength={20} placeholder="e.g. 佐藤 花子" /></label>
          <label>Language
            <select name="language">
              {LANGUAGES.map((l) => <option value={l}>{LANGUAGE_NAMES[l] ?? l}</option>)}
            </select>
          </label>
          <label>Status message<input name="statusMessage" maxlength={100} placeholder="optional" /></label>
          <button class="btn primary" type="submit">Add as friend</button>
          <p class="hint">Sends a <code>follow</code> event to the app.</p>
        </form>
      </details>

      <details class="side-card">
        <summary>New group chat</summary>
        <form method="post" action="/simulator/groups" class="stack-form">
          <label>Group name<input name="name" required maxlength={50} placeholder="e.g. Team lunch" /></label>
          <fieldset class="member-pick">
            <legend>Members</legend>
            {overview.users.map((u) => (
              <label class="check"><input type="checkbox" name="memberIds" value={u.userId} /> {u.displayName}</label>
            ))}
          </fieldset>
          <label>Kind
            <select name="type"><option value="group">Group</option><option value="room">Multi-person chat</option></select>
          </label>
          <button class="btn primary" type="submit">Invite the account</button>
          <p class="hint">Sends a <code>join</code> event.</p>
        </form>
      </details>

      <section class="side-card tools" aria-label="LINE platform controls">
        <h2>Monthly quota</h2>
        <div class="meter" role="meter" aria-valuemin={0} aria-valuemax={overview.quota.limit} aria-valuenow={overview.quota.used}>
          <span style={`width:${quotaPct}%`} class={quotaPct >= 100 ? "full" : ""} />
        </div>
        <p class="meter-text">{overview.quota.used} / {overview.quota.limit} push messages used</p>
        <form method="post" action="/simulator/control/quota" class="inline-form">
          <label>Limit<input name="limit" type="number" min={0} value={String(overview.quota.limit)} /></label>
          <label>Used<input name="used" type="number" min={0} value={String(overview.quota.used)} /></label>
          <button class="btn" type="submit">Set</button>
        </form>

        <h2>Simulate a LINE failure</h2>
        {overview.failRule ? (
          <p class="armed">Next {overview.failRule.count} {overview.failRule.endpoint} call(s) answer {overview.failRule.status}</p>
        ) : null}
        <form method="post" action="/simulator/control/fail-next" class="inline-form">
          <label>Status
            <select name="status">
              <option value="500">500</option><option value="503">503</option><option value="429">429</option><option value="400">400</option>
            </select>
          </label>
          <label>Calls<input name="count" type="number" min={0} max={50} value="1" /></label>
          <label>On
            <select name="endpoint"><option value="push">push</option><option value="reply">reply</option><option value="any">any</option></select>
          </label>
          <label>When
            <select name="mode"><option value="before">reject</option><option value="after">lose answer</option></select>
          </label>
          <button class="btn" type="submit">Arm</button>
        </form>
      </section>

      <section class="side-card" aria-label="Webhook log">
        <h2>Webhook log</h2>
        {overview.events.length === 0 ? <p class="hint">No events sent yet.</p> : null}
        <ul class="event-log">
          {overview.events.map((e) => (
            <li class={e.delivery.startsWith("failed") ? "failed" : e.delivery === "pending" ? "pending" : "ok"}>
              <code>{e.type}</code>
              {e.redelivery ? <span class="tag">redelivery</span> : null}
              <span class="event-status">{e.delivery}</span>
              <small title={e.webhookEventId}>{e.webhookEventId.slice(-8)}</small>
            </li>
          ))}
        </ul>
        <p class="hint">Bot user id <code>{overview.destination}</code></p>
      </section>
    </aside>
  );
};
