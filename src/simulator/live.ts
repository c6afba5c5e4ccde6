// The simulator phones' live connection: hibernating WebSockets on LineSimulatorDO,
// tagged with their chat id, with per-socket state in serializeAttachment (so it
// survives hibernation) and frames rendered once per viewer of a chat.
import type { LanguageCode } from "../lib/locales";
import { withLocale } from "../ui/i18n";
import type { SimulatorStore } from "./store";
import type { Chat, ChatEntry, PhoneFrame, SocketAttachment } from "./types";
import type { RenderContext } from "./views/bubbles";
import { renderEntry, renderQuickReplies } from "./views/bubbles";

function isAttachment(value: unknown): value is SocketAttachment {
  return typeof value === "object" && value !== null && "chatId" in value && typeof value.chatId === "string";
}

function send(ws: WebSocket, frame: PhoneFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // The socket closed while we rendered; its close handler cleans up.
  }
}

export class PhoneSockets {
  /** Live sockets and their state; rebuilt from attachments when the object wakes up. */
  private readonly sessions = new Map<WebSocket, SocketAttachment>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly store: SimulatorStore,
    private readonly renderContext: (chat: Chat, viewerId: string | null) => RenderContext,
  ) {
    for (const ws of ctx.getWebSockets()) {
      const attachment: unknown = ws.deserializeAttachment();
      if (isAttachment(attachment)) this.sessions.set(ws, attachment);
    }
  }

  /** Accepts a phone page's socket for one chat (hibernatable, tagged with the chat id); frames speak `locale`. */
  accept(chatId: string, viewerId: string | null, locale: LanguageCode): Response {
    const pair = new WebSocketPair();
    const attachment: SocketAttachment = { chatId, viewerId, locale, connectedAt: Date.now() };
    this.ctx.acceptWebSocket(pair[1], [chatId]);
    pair[1].serializeAttachment(attachment);
    this.sessions.set(pair[1], attachment);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  forget(ws: WebSocket): void {
    this.sessions.delete(ws);
  }

  attachment(ws: WebSocket): SocketAttachment | null {
    const known = this.sessions.get(ws);
    if (known) return known;
    const value: unknown = ws.deserializeAttachment();
    return isAttachment(value) ? value : null;
  }

  broadcast(chatId: string, frame: PhoneFrame): void {
    for (const ws of this.ctx.getWebSockets(chatId)) send(ws, frame);
  }

  /** Renders entries once per viewer and language (sides differ in group chats) and sends them with the quick-reply bar. */
  async sendEntries(chatId: string, ids: string[], how: "append" | "replace"): Promise<void> {
    const sockets = this.ctx.getWebSockets(chatId);
    const chat = this.store.chat(chatId);
    if (sockets.length === 0 || !chat) return;
    const entries = ids.map((id) => this.store.entry(id)).filter((e): e is ChatEntry => e !== null);
    const latest = this.store.entries(chatId, 1);
    const frames = new Map<string, PhoneFrame[]>();
    for (const ws of sockets) {
      const attachment = this.attachment(ws);
      const viewerId = attachment?.viewerId ?? null;
      const locale = attachment?.locale ?? "en";
      const key = `${viewerId ?? ""}|${locale}`;
      let list = frames.get(key);
      if (!list) {
        const ctx = this.renderContext(chat, viewerId);
        list = await withLocale({ locale, timeZone: "UTC" }, async () => {
          const out: PhoneFrame[] = [];
          for (const entry of entries) {
            const html = await renderEntry(entry, ctx);
            out.push(how === "append" ? { t: "append", chatId, id: `m-${entry.id}`, html } : { t: "replace", id: `m-${entry.id}`, html });
          }
          if (how === "append") out.push({ t: "quickReply", chatId, html: await renderQuickReplies(latest, ctx) });
          return out;
        });
        frames.set(key, list);
      }
      for (const frame of list) send(ws, frame);
    }
  }
}
