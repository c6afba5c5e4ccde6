// The simulator page: a LINE-style phone showing one chat between a fake customer (or
// group) and the account, next to the side panel. Server-rendered; simulator.js adds
// live updates over the simulator's WebSocket and sends forms without reloading.
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { localeContext, t, tn } from "../../ui/i18n";
import type { ChatSnapshot, Overview } from "../simulator-do";
import { avatarPath } from "./bubbles";
import { Composer } from "./composer";
import { IconChevronLeft, IconMenu, Sentence, SLOT } from "./parts";
import { ClientMessages } from "./client-messages";
import { type AccountPicker, Sidebar } from "./sidebar";

export interface PhonePageProps {
  overview: Overview;
  snapshot: ChatSnapshot | null;
  error: string | null;
  /** The fake LINE accounts the phone can chat with, and the current one. */
  accounts: AccountPicker;
}

const ChatHeader: FC<{ snapshot: ChatSnapshot; viewerId: string | null }> = ({ snapshot, viewerId }) => {
  const { chat } = snapshot;
  const user = chat.type === "user" ? snapshot.users.find((u) => u.userId === chat.chatId) : undefined;
  const members = snapshot.users.filter((u) => chat.memberIds.includes(u.userId));
  const enc = encodeURIComponent(chat.chatId);
  return (
    <header class="phone-top">
      <a class="icon-btn back" href="#side" data-open-side aria-label={t("simulator.chats")}>
        <IconChevronLeft />
      </a>
      <div class="phone-title">
        <strong>{snapshot.accountName}</strong>
        <small>{chat.type === "user" ? t("simulator.chattingAs", { name: chat.name }) : tn("simulator.groupHeader", chat.memberIds.length, { name: chat.name })}</small>
      </div>
      <details class="phone-menu">
        <summary class="icon-btn" aria-label={t("simulator.menu.label")}>
          <IconMenu />
        </summary>
        <div class="menu-pop">
          {chat.type === "user" && user ? (
            <form method="post" action={`/simulator/chats/${enc}/${user.following ? "unfollow" : "follow"}`} data-async>
              <button type="submit" class="menu-item">{user.following ? t("simulator.menu.block") : t("simulator.menu.unblock")}</button>
            </form>
          ) : null}
          <form method="post" action={`/simulator/chats/${enc}/unsend`} data-async>
            {viewerId && chat.type !== "user" ? <input type="hidden" name="as" value={viewerId} /> : null}
            <button type="submit" class="menu-item">{t("simulator.menu.unsend")}</button>
          </form>
          <form method="post" action={`/simulator/chats/${enc}/redeliver`} data-async>
            <button type="submit" class="menu-item">{t("simulator.menu.redeliver")}</button>
          </form>
          <a class="menu-item" href={`/simulator/control/chats/${enc}/messages`} target="_blank" rel="noopener">{t("simulator.menu.json")}</a>
        </div>
      </details>
      {chat.type === "user" ? null : (
        <form class="speaker" method="get" action="/simulator">
          <input type="hidden" name="chat" value={chat.chatId} />
          <label>
            <img class="avatar tiny" src={avatarPath(viewerId ?? "unknown")} alt="" />
            <select name="as" data-autosubmit aria-label={t("simulator.speakingAs")}>
              {members.map((m) => <option value={m.userId} selected={m.userId === viewerId}>{m.displayName}</option>)}
            </select>
          </label>
          <noscript><button class="btn" type="submit">{t("simulator.switch")}</button></noscript>
        </form>
      )}
    </header>
  );
};

export const PhonePage: FC<PhonePageProps> = ({ overview, snapshot, error, accounts }) => {
  const viewerId = snapshot?.viewerId ?? null;
  const user = snapshot?.chat.type === "user" ? snapshot.users.find((u) => u.userId === snapshot.chat.chatId) : undefined;
  const blocked = user && !user.following ? t("simulator.blocked", { name: user.displayName }) : null;
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={localeContext().locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
          <meta name="theme-color" content="#06c755" />
          <meta name="robots" content="noindex" />
          <title>{snapshot ? t("simulator.pageTitle", { chat: snapshot.chat.name }) : t("simulator.title")}</title>
          <link rel="icon" href="/simulator/avatars/account.svg" />
          <link rel="stylesheet" href="/simulator.css" />
          <ClientMessages />
          <script src="/simulator.js" defer />
        </head>
        <body class="sim" data-chat={snapshot?.chat.chatId ?? ""} data-as={viewerId ?? ""} data-channel={accounts.current}>
          <div class="shell">
            <Sidebar overview={overview} activeChatId={snapshot?.chat.chatId ?? null} accounts={accounts} />
            <main class="stage">
              <div class="phone" role="region" aria-label={t("simulator.phone")}>
                <div class="statusbar" aria-hidden="true">
                  <span>9:41</span>
                  <span class="sb-icons"><i /><i /><i /><i /><b /></span>
                </div>
                {snapshot ? (
                  <>
                    <ChatHeader snapshot={snapshot} viewerId={viewerId} />
                    {error ? <p class="flash" role="alert">{error}</p> : null}
                    <div class="chat-scroll" id="chat-scroll">
                      {raw(snapshot.logHtml)}
                      <div class="typing" id="typing" hidden>
                        <img class="avatar" src={avatarPath("account")} alt="" />
                        <span class="dots" role="img" aria-label={t("simulator.typing")}><i /><i /><i /></span>
                      </div>
                    </div>
                    {raw(snapshot.quickRepliesHtml)}
                    <Composer chatId={snapshot.chat.chatId} viewerId={snapshot.chat.type === "user" ? null : viewerId} disabled={blocked} />
                  </>
                ) : (
                  <div class="empty-phone">
                    {error ? <p class="flash" role="alert">{error}</p> : null}
                    <p>{t("simulator.empty")}</p>
                    <a class="btn primary" href="#side" data-open-side>{t("simulator.openChats")}</a>
                  </div>
                )}
              </div>
              <p class="stage-note">
                <Sentence text={t("simulator.stageNote", { path: SLOT })}>
                  <code>/webhooks/line/…</code>
                </Sentence>
              </p>
            </main>
          </div>
        </body>
      </html>
    </>
  );
};
