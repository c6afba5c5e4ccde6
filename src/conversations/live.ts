// The live protocol between a Durable Object and the agents' browsers: JSON
// frames carrying server-rendered HTML. `seq` lets a reconnecting client ask for
// exactly what it missed (?after=<seq>). Frames are rendered in each reader's
// language and time zone (kept in the socket's attachment).
import { localeContext, type LocaleContext, matchLanguage, withLocale } from "../ui/i18n";
export type LiveFrame =
  | { type: "message"; seq: number; id: string; html: string; direction: string }
  | { type: "update"; id: string; html: string }
  | { type: "conversation"; id: string; html: string; unread: number; lastActivityAt: number; assigneeId: string | null; status: string; inbound: boolean; title?: string; preview?: string }
  | { type: "notification"; html: string; count: number }
  | { type: "presence"; html: string }
  | { type: "ready"; seq: number };

/** The reader a socket belongs to: their language and time zone, kept in its attachment. */
export function socketLocale(ws: WebSocket): LocaleContext {
  const value: unknown = ws.deserializeAttachment();
  const v = typeof value === "object" && value !== null ? (value as { locale?: unknown; timeZone?: unknown }) : {};
  const locale = typeof v.locale === "string" ? matchLanguage(v.locale) : null;
  return { locale: locale ?? "en", timeZone: typeof v.timeZone === "string" && v.timeZone ? v.timeZone : "UTC" };
}

/**
 * Renders a frame once per language and time zone among the sockets and sends
 * each socket its own, so agents reading in Thai and in Japanese both get
 * finished HTML from one change.
 */
export function broadcastLocalized(sockets: WebSocket[], render: () => LiveFrame): void {
  const groups = new Map<string, { context: LocaleContext; sockets: WebSocket[] }>();
  for (const ws of sockets) {
    const context = socketLocale(ws);
    const key = `${context.locale}|${context.timeZone}`;
    const group = groups.get(key);
    if (group) group.sockets.push(ws);
    else groups.set(key, { context, sockets: [ws] });
  }
  for (const group of groups.values()) broadcast(group.sockets, withLocale(group.context, render));
}

/** The locale query parameters a Worker adds when it hands a socket to a Durable Object. */
export function localeParams(url: URL): void {
  const { locale, timeZone } = localeContext();
  url.searchParams.set("locale", locale);
  url.searchParams.set("tz", timeZone);
}

/** Reads them back inside the Durable Object (defaults: English, UTC). */
export function localeFromUrl(url: URL): LocaleContext {
  return { locale: matchLanguage(url.searchParams.get("locale") ?? "") ?? "en", timeZone: url.searchParams.get("tz") || "UTC" };
}

/** Sends a frame to every socket; a socket that fails is closed, never allowed to break the sender. */
export function broadcast(sockets: WebSocket[], frame: LiveFrame): void {
  const data = JSON.stringify(frame);
  for (const ws of sockets) {
    try {
      ws.send(data);
    } catch (error) {
      console.warn("live: dropping a socket that could not be written", error instanceof Error ? error.message : error);
      try {
        ws.close(1011, "send failed");
      } catch {
        // already closed
      }
    }
  }
}

/** Accepts the server side of a WebSocket pair for hibernation and answers pings without waking the object. */
export function acceptLive(ctx: DurableObjectState, tags: string[], attachment: unknown): { response: Response; server: WebSocket } {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  ctx.acceptWebSocket(server, tags);
  server.serializeAttachment(attachment);
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  return { response: new Response(null, { status: 101, webSocket: client }), server };
}

/** Reciprocates a close from the browser (required for a clean close handshake). */
export function closeLive(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  } catch {
    // already closed
  }
}
