// The simulator's side panel: pick or create a fake customer or group, and the demo
// controls (monthly quota, injected LINE failures, the webhook delivery log).
import type { FC } from "hono/jsx";
import { t, tn } from "../../ui/i18n";
import type { Overview } from "../simulator-do";
import type { FailEndpoint } from "../types";
import { LANGUAGES } from "../types";
import { avatarPath } from "./bubbles";
import { deliveryLabel } from "./delivery";
import { IconClose, Sentence, SLOT } from "./parts";

/** A fake customer's LINE language, in its own name (as LINE's settings list them). */
const LANGUAGE_NAMES: Record<string, string> = {
  ja: "日本語", th: "ไทย", "zh-TW": "繁體中文", id: "Bahasa Indonesia", en: "English", ko: "한국어",
};

function chatLink(chatId: string): string {
  return `/simulator?chat=${encodeURIComponent(chatId)}`;
}

function endpointLabel(endpoint: FailEndpoint): string {
  return t(`simulator.fail.endpoint.${endpoint}`);
}

function chatSummary(chat: Overview["chats"][number], user: Overview["users"][number] | undefined): string {
  if (chat.type !== "user") return tn(chat.type === "group" ? "simulator.chat.group" : "simulator.chat.room", chat.memberIds.length);
  const language = LANGUAGE_NAMES[user?.language ?? ""] ?? user?.language ?? "";
  return user && !user.following ? t("simulator.chat.blocked", { language }) : language;
}

export interface AccountPicker {
  current: string;
  accounts: Array<{ channelId: string; name: string }>;
}

/** Which LINE Official Account the phone chats with (shown when the fake LINE has several). */
const AccountSwitch: FC<{ accounts: AccountPicker }> = ({ accounts }) => (
  <section class="side-card account-switch" aria-label={t("simulator.account.label")}>
    <form method="get" action="/simulator" class="stack-form">
      <label>
        {t("simulator.account.chattingWith")}
        <select name="channel" data-autosubmit>
          {accounts.accounts.map((a) => (
            <option value={a.channelId} selected={a.channelId === accounts.current}>
              {a.name} · {a.channelId}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button class="btn" type="submit">{t("simulator.switch")}</button>
      </noscript>
    </form>
    <p class="hint">
      <Sentence text={t("simulator.side.consoleHint", { console: SLOT })}>
        <a href="/simulator/console">{t("simulator.side.console")}</a>
      </Sentence>
    </p>
  </section>
);

export const Sidebar: FC<{ overview: Overview; activeChatId: string | null; accounts: AccountPicker }> = ({ overview, activeChatId, accounts }) => {
  const users = new Map(overview.users.map((u) => [u.userId, u]));
  const quotaPct = overview.quota.limit > 0 ? Math.min(100, Math.round((overview.quota.used / overview.quota.limit) * 100)) : 100;
  return (
    <aside class="side" id="side" aria-label={t("simulator.side.label")}>
      <header class="side-brand">
        <span class="brand-mark" aria-hidden="true">L</span>
        <span class="side-brand-text">
          <strong>{t("simulator.title")}</strong>
          <small>{t("simulator.side.localOnly", { account: overview.accountName })}</small>
        </span>
        <a class="side-close" href="#" data-close-side aria-label={t("simulator.close")}>
          <IconClose />
        </a>
      </header>

      {accounts.accounts.length > 1 ? (
        <AccountSwitch accounts={accounts} />
      ) : (
        <p class="hint side-console">
          <Sentence text={t("simulator.side.consoleHintNew", { console: SLOT })}>
            <a href="/simulator/console">{t("simulator.side.console")}</a>
          </Sentence>
        </p>
      )}

      <nav class="chat-list" aria-label={t("simulator.chats")}>
        <h2>{t("simulator.chats")}</h2>
        <ul>
          {overview.chats.map((chat) => {
            const user = chat.type === "user" ? users.get(chat.chatId) : undefined;
            return (
              <li>
                <a class={`chat-item ${chat.chatId === activeChatId ? "is-active" : ""}`} href={chatLink(chat.chatId)} aria-current={chat.chatId === activeChatId ? "page" : undefined}>
                  <img class="avatar" src={avatarPath(chat.chatId)} alt="" />
                  <span class="chat-item-text">
                    <strong>{chat.name}</strong>
                    <small>{chatSummary(chat, user)}</small>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>

      <details class="side-card">
        <summary>{t("simulator.newCustomer")}</summary>
        <form method="post" action="/simulator/users" class="stack-form">
          <label>
            {t("simulator.displayName")}
            <input name="displayName" required maxlength={20} placeholder={t("simulator.displayNameExample")} />
          </label>
          <label>
            {t("simulator.language")}
            <select name="language">
              {LANGUAGES.map((l) => <option value={l}>{LANGUAGE_NAMES[l] ?? l}</option>)}
            </select>
          </label>
          <label>
            {t("simulator.statusMessage")}
            <input name="statusMessage" maxlength={100} placeholder={t("simulator.optional")} />
          </label>
          <button class="btn primary" type="submit">{t("simulator.addFriend")}</button>
          <p class="hint">
            <Sentence text={t("simulator.sendsEvent", { event: SLOT })}>
              <code>follow</code>
            </Sentence>
          </p>
        </form>
      </details>

      <details class="side-card">
        <summary>{t("simulator.newGroup")}</summary>
        <form method="post" action="/simulator/groups" class="stack-form">
          <label>
            {t("simulator.groupName")}
            <input name="name" required maxlength={50} placeholder={t("simulator.groupNameExample")} />
          </label>
          <fieldset class="member-pick">
            <legend>{t("simulator.members")}</legend>
            {overview.users.map((u) => (
              <label class="check"><input type="checkbox" name="memberIds" value={u.userId} /> {u.displayName}</label>
            ))}
          </fieldset>
          <label>
            {t("simulator.kind")}
            <select name="type">
              <option value="group">{t("simulator.kind.group")}</option>
              <option value="room">{t("simulator.kind.room")}</option>
            </select>
          </label>
          <button class="btn primary" type="submit">{t("simulator.inviteAccount")}</button>
          <p class="hint">
            <Sentence text={t("simulator.sendsEvent", { event: SLOT })}>
              <code>join</code>
            </Sentence>
          </p>
        </form>
      </details>

      <section class="side-card tools" aria-label={t("simulator.platform")}>
        <h2>{t("simulator.quota.title")}</h2>
        <div class="meter" role="meter" aria-valuemin={0} aria-valuemax={overview.quota.limit} aria-valuenow={overview.quota.used}>
          <span style={`width:${quotaPct}%`} class={quotaPct >= 100 ? "full" : ""} />
        </div>
        <p class="meter-text">{t("simulator.quota.used", { used: overview.quota.used, limit: overview.quota.limit })}</p>
        <form method="post" action="/simulator/control/quota" class="inline-form">
          <label>
            {t("simulator.quota.limit")}
            <input name="limit" type="number" min={0} value={String(overview.quota.limit)} />
          </label>
          <label>
            {t("simulator.quota.usedLabel")}
            <input name="used" type="number" min={0} value={String(overview.quota.used)} />
          </label>
          <button class="btn" type="submit">{t("simulator.set")}</button>
        </form>

        <h2>{t("simulator.fail.title")}</h2>
        {overview.failRule ? (
          <p class="armed">
            {tn("simulator.fail.armed", overview.failRule.count, { endpoint: endpointLabel(overview.failRule.endpoint), status: String(overview.failRule.status) })}
          </p>
        ) : null}
        <form method="post" action="/simulator/control/fail-next" class="inline-form">
          <label>
            {t("simulator.fail.status")}
            <select name="status">
              <option value="500">500</option><option value="503">503</option><option value="429">429</option><option value="400">400</option>
            </select>
          </label>
          <label>
            {t("simulator.fail.calls")}
            <input name="count" type="number" min={0} max={50} value="1" />
          </label>
          <label>
            {t("simulator.fail.on")}
            <select name="endpoint">
              {(["push", "reply", "any"] as const).map((e) => <option value={e}>{endpointLabel(e)}</option>)}
            </select>
          </label>
          <label>
            {t("simulator.fail.when")}
            <select name="mode">
              <option value="before">{t("simulator.fail.before")}</option>
              <option value="after">{t("simulator.fail.after")}</option>
            </select>
          </label>
          <button class="btn" type="submit">{t("simulator.fail.arm")}</button>
        </form>
      </section>

      <section class="side-card" aria-label={t("simulator.log.title")}>
        <h2>{t("simulator.log.title")}</h2>
        {overview.events.length === 0 ? <p class="hint">{t("simulator.log.empty")}</p> : null}
        <ul class="event-log">
          {overview.events.map((e) => (
            <li class={e.delivery.startsWith("failed") ? "failed" : e.delivery === "pending" ? "pending" : "ok"}>
              <code>{e.type}</code>
              {e.redelivery ? <span class="tag">{t("simulator.log.redelivery")}</span> : null}
              <span class="event-status">{deliveryLabel(e.delivery)}</span>
              <small title={e.webhookEventId}>{e.webhookEventId.slice(-8)}</small>
            </li>
          ))}
        </ul>
        <p class="hint">
          <Sentence text={t("simulator.botUserId", { id: SLOT })}>
            <code>{overview.destination}</code>
          </Sentence>
        </p>
      </section>
    </aside>
  );
};
