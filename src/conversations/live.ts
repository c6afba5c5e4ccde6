// The live protocol between a Durable Object and the agents' browsers: JSON
// frames carrying server-rendered HTML. `seq` lets a reconnecting client ask for
// exactly what it missed (?after=<seq>).
export type LiveFrame =
  | { type: "message"; seq: number; id: string; html: string; direction: string }
  | { type: "update"; id: string; html: string }
  | { type: "conversation"; id: string; html: string; unread: number; lastActivityAt: number; assigneeId: string | null; status: string; inbound: boolean }
  | { type: "notification"; html: string; count: number }
  | { type: "presence"; html: string }
  | { type: "ready"; seq: number };

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
