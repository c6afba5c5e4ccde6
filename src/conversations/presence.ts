// Live collaboration over the conversation's hibernating sockets: who is viewing,
// who is typing (collision warning), and LINE's loading animation so the
// customer sees an answer coming (1:1 chats only, rate-limited).
import { Presence } from "../ui/presence";
import type { ConversationRuntime } from "./runtime";
import { socketLocale } from "./live";
import { withLocale } from "../ui/i18n";

export interface AgentSocketState {
  userId: string;
  name: string;
  typingUntil: number;
  /** The agent's language and time zone, for the frames this socket receives. */
  locale?: string;
  timeZone?: string;
}

const TYPING_TTL_MS = 6_000;
/** LINE's loading animation lasts loadingSeconds; we ask again at most this often. */
const LOADING_EVERY_MS = 15_000;
const LOADING_SECONDS = 20;

export function socketState(ws: WebSocket): AgentSocketState | null {
  const value: unknown = ws.deserializeAttachment();
  if (typeof value !== "object" || value === null) return null;
  const v = value as Partial<AgentSocketState>;
  return typeof v.userId === "string" ? { ...v, userId: v.userId, name: String(v.name ?? ""), typingUntil: Number(v.typingUntil ?? 0) } : null;
}

/** Sends each agent the presence line as they should see it (everyone but themselves). */
export function broadcastPresence(rt: ConversationRuntime, now = Date.now()): void {
  const sockets = rt.ctx.getWebSockets("agent");
  const states = sockets.map((ws) => ({ ws, state: socketState(ws) }));
  for (const { ws, state } of states) {
    const others = states.filter((s) => s.state && s.state.userId !== state?.userId);
    const viewers = [...new Set(others.map((s) => s.state?.name ?? ""))].filter(Boolean);
    const typing = [...new Set(others.filter((s) => (s.state?.typingUntil ?? 0) > now).map((s) => s.state?.name ?? ""))].filter(Boolean);
    try {
      ws.send(JSON.stringify({ type: "presence", html: withLocale(socketLocale(ws), () => String(Presence({ viewers, typing }))) }));
    } catch {
      // closed meanwhile; the close handler will update the others
    }
  }
}

/** Handles a frame from an agent's browser: typing / idle. */
export async function onAgentFrame(rt: ConversationRuntime, ws: WebSocket, frame: unknown): Promise<void> {
  const type = typeof frame === "object" && frame !== null && "type" in frame ? (frame as { type: unknown }).type : null;
  const state = socketState(ws);
  if (!state || (type !== "typing" && type !== "idle")) return;
  const now = Date.now();
  const wasTyping = state.typingUntil > now;
  ws.serializeAttachment({ ...state, typingUntil: type === "typing" ? now + TYPING_TTL_MS : 0 });
  if (wasTyping !== (type === "typing")) broadcastPresence(rt, now);
  if (type === "typing") await showLoadingAnimation(rt, now);
}

async function showLoadingAnimation(rt: ConversationRuntime, now: number): Promise<void> {
  const meta = rt.meta();
  if (!meta || meta.source.type !== "user" || !meta.source.userId) return;
  if (rt.store.getMeta("mode") === "standby") return;
  const last = rt.store.getMeta("loadingShownAt") ?? 0;
  if (now - last < LOADING_EVERY_MS) return;
  rt.store.setMeta("loadingShownAt", now);
  try {
    await (await rt.lineClient()).showLoading(meta.source.userId, LOADING_SECONDS);
  } catch (error) {
    // Cosmetic for the customer: never worth failing the agent's typing over.
    console.warn("loading animation failed", meta.id, error instanceof Error ? error.message : error);
  }
}
