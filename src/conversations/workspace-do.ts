// WorkspaceDO: the live inbox feed of one workspace. ConversationDOs publish a
// re-rendered list item whenever a conversation's index row changes; every open
// inbox of the workspace receives it over a hibernating WebSocket. It is also
// where automatic assignment decisions are serialized (src/assignment/).
import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env";
import { acceptLive, broadcast, broadcastLocalized, closeLive, localeFromUrl } from "./live";
import { renderListItem } from "./render";
import type { ConversationListItemData } from "../ui/conversation-row";
import type { ConversationStatus } from "./model";
import { type AssignmentOutcome, type AssignmentRequest, createWorkspaceServices, type WorkspaceServices } from "../workspace-services";

export interface ConversationFeedEvent {
  type: "conversation";
  id: string;
  /** The row to render for each reader (their language and time zone). */
  item: ConversationListItemData;
  unread: number;
  lastActivityAt: number;
  assigneeId: string | null;
  status: ConversationStatus;
  /** The last message came from the customer (browser notifications). */
  inbound: boolean;
}

export class WorkspaceDO extends DurableObject<Bindings> {
  private services: WorkspaceServices | null = null;

  /** Automatic assignment: decisions run one at a time per workspace (src/workspace-services.ts). */
  async assignment(request: AssignmentRequest): Promise<AssignmentOutcome> {
    this.services ??= createWorkspaceServices(this.env, this.ctx.storage);
    return this.services.assignment(request);
  }

  async publish(event: ConversationFeedEvent): Promise<number> {
    const sockets = this.ctx.getWebSockets("inbox");
    const { item, ...frame } = event;
    broadcastLocalized(sockets, () => ({ ...frame, html: renderListItem(item), title: item.title, preview: item.lastMessagePreview }));
    return sockets.length;
  }

  /** Sends one agent (all their open inboxes) a notification, e.g. an @mention. */
  async notifyUser(userId: string, frame: { type: "notification"; html: string; count: number }): Promise<number> {
    const sockets = this.ctx.getWebSockets(`user:${userId}`);
    broadcast(sockets, frame);
    return sockets.length;
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const url = new URL(request.url);
    const user = url.searchParams.get("user") ?? "";
    const { response, server } = acceptLive(this.ctx, ["inbox", `user:${user}`], { userId: user, ...localeFromUrl(url) });
    server.send(JSON.stringify({ type: "ready", seq: 0 }));
    return response;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      if (message === "ping") ws.send("pong");
    } catch (error) {
      console.warn("inbox feed: message handler failed", error);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeLive(ws, code, reason);
  }

  override async webSocketError(_ws: WebSocket, error: unknown): Promise<void> {
    console.warn("inbox feed: socket error", error instanceof Error ? error.message : error);
  }
}
