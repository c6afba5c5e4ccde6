// One line of a chat on the simulator phone (the customer's messages on the right, the
// business's on the left with the agent's `sender` name and icon, system notes in the
// middle) and the quick-reply bar. Rendered for the page and for live WebSocket updates.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import type { Chat, ChatEntry, FakeUser } from "../types";
import { ActionButton } from "./actions";
import type { ActionTarget } from "./actions";
import { InboundContent, OutboundContent, typeLabel } from "./content";
import { deliveryLabel } from "./delivery";

export interface RenderContext {
  chat: Chat;
  users: ReadonlyMap<string, FakeUser>;
  /** Who holds the phone: the 1:1 customer, or the chosen member of a group. */
  viewerId: string | null;
  accountName: string;
  quoted: (quoteToken: string) => ChatEntry | null;
}

export function avatarPath(id: string): string {
  return `/simulator/avatars/${encodeURIComponent(id)}.svg`;
}

const Time: FC<{ at: number }> = ({ at }) => {
  const iso = new Date(at).toISOString();
  return <time datetime={iso} data-local-time>{iso.slice(11, 16)}</time>;
};

/** How the app answered the webhook for a customer's message. */
const Delivery: FC<{ delivery: string }> = ({ delivery }) => {
  if (delivery === "pending") return <span class="delivery pending">{deliveryLabel(delivery)}</span>;
  if (delivery.startsWith("failed")) return <span class="delivery failed" role="status">{t("simulator.delivery.webhook", { delivery: deliveryLabel(delivery) })}</span>;
  return null;
};

function quoteSummary(entry: ChatEntry): string {
  if (entry.direction === "out") return entry.message.type === "text" ? entry.message.text : `[${typeLabel(entry.message.type)}]`;
  if (entry.item.kind !== "message") return `[${typeLabel(entry.item.kind)}]`;
  const m = entry.item.message;
  return m.type === "text" ? m.text : `[${typeLabel(m.type)}]`;
}

const SystemNote: FC<{ text: string; entry: Extract<ChatEntry, { direction: "in" }> }> = ({ text, entry }) => (
  <li class="entry system" id={`m-${entry.id}`}>
    <span class="system-pill">{text}</span>
    <Delivery delivery={entry.delivery} />
  </li>
);

export const Entry: FC<{ entry: ChatEntry; ctx: RenderContext }> = ({ entry, ctx }) => {
  const target: ActionTarget = { chatId: ctx.chat.chatId, viewerId: ctx.viewerId };
  if (entry.direction === "out") {
    const sender = entry.message.sender;
    const quote = "quoteToken" in entry.message && typeof entry.message.quoteToken === "string" ? ctx.quoted(entry.message.quoteToken) : null;
    return (
      <li class="entry them" id={`m-${entry.id}`} data-kind={entry.message.type} data-sender={`oa:${sender?.name ?? ""}:${sender?.iconUrl ?? ""}`}>
        <img class="avatar" src={sender?.iconUrl ?? avatarPath("account")} alt="" />
        <div class="stack">
          <span class="who">{sender?.name ?? ctx.accountName}</span>
          {quote ? <blockquote class="quote">{quoteSummary(quote)}</blockquote> : null}
          <div class="row">
            <OutboundContent message={entry.message} target={target} />
            <span class="meta">
              <span class={`via via-${entry.via}`}>{t(`simulator.via.${entry.via}`)}</span>
              <Time at={entry.createdAt} />
            </span>
          </div>
        </div>
      </li>
    );
  }
  // Follow and unfollow events carry no actor; in a 1:1 chat it is the chat's customer.
  const user = ctx.users.get(entry.userId ?? (ctx.chat.type === "user" ? ctx.chat.chatId : ""));
  const name = user?.displayName ?? t("simulator.someone");
  switch (entry.item.kind) {
    case "follow":
      return <SystemNote entry={entry} text={t(entry.item.isUnblocked ? "simulator.event.unblock" : "simulator.event.follow", { name })} />;
    case "unfollow":
      return <SystemNote entry={entry} text={t("simulator.event.unfollow", { name })} />;
    case "join":
      return <SystemNote entry={entry} text={t("simulator.event.join", { chat: ctx.chat.name })} />;
    case "unsent":
      return <SystemNote entry={entry} text={entry.userId === ctx.viewerId ? t("simulator.event.unsentMine") : t("simulator.event.unsent", { name })} />;
    case "postback":
      if (!entry.item.displayText) return <SystemNote entry={entry} text={t("simulator.event.postback", { name, data: entry.item.data })} />;
  }
  const mine = ctx.chat.type === "user" || entry.userId === ctx.viewerId;
  const message = entry.item.kind === "message" ? entry.item.message : null;
  return (
    <li class={`entry ${mine ? "me" : "them"}`} id={`m-${entry.id}`} data-kind={message?.type ?? "postback"} data-sender={entry.userId ?? ""}>
      {mine ? null : <img class="avatar" src={avatarPath(entry.userId ?? "unknown")} alt="" />}
      <div class="stack">
        {mine ? null : <span class="who">{name}</span>}
        <div class="row">
          <span class="meta">
            {entry.readAt ? <span class="read">{t("simulator.read")}</span> : null}
            <Time at={entry.createdAt} />
          </span>
          {message ? <InboundContent message={message} /> : <div class="bubble">{entry.item.kind === "postback" ? entry.item.displayText : ""}</div>}
        </div>
        <Delivery delivery={entry.delivery} />
      </div>
    </li>
  );
};

/** The quick-reply chips of the business's last message, until the customer answers. */
export const QuickReplyBar: FC<{ entries: readonly ChatEntry[]; ctx: RenderContext }> = ({ entries, ctx }) => {
  const last = entries[entries.length - 1];
  const items = last?.direction === "out" ? (last.message.quickReply?.items ?? []) : [];
  const target: ActionTarget = { chatId: ctx.chat.chatId, viewerId: ctx.viewerId };
  return (
    <div id="quick-replies" class={`quick-replies ${items.length ? "" : "is-empty"}`} aria-label={t("simulator.quickReplies")}>
      {items.map((item) => (
        <ActionButton action={item.action} target={target} variant="chip" imageUrl={item.imageUrl} />
      ))}
    </div>
  );
};

export const ChatLog: FC<{ entries: readonly ChatEntry[]; ctx: RenderContext }> = ({ entries, ctx }) => (
  <ol id="chat-log" class="chat-log" data-chat={ctx.chat.chatId} aria-live="polite">
    {entries.length === 0 ? <li class="entry system empty-note"><span class="system-pill">{t("simulator.sayHello")}</span></li> : null}
    {entries.map((entry) => <Entry entry={entry} ctx={ctx} />)}
  </ol>
);

export async function renderEntry(entry: ChatEntry, ctx: RenderContext): Promise<string> {
  return String(await (<Entry entry={entry} ctx={ctx} />));
}

export async function renderChatLog(entries: readonly ChatEntry[], ctx: RenderContext): Promise<string> {
  return String(await (<ChatLog entries={entries} ctx={ctx} />));
}

export async function renderQuickReplies(entries: readonly ChatEntry[], ctx: RenderContext): Promise<string> {
  return String(await (<QuickReplyBar entries={entries} ctx={ctx} />));
}
