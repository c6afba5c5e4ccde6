// Rendering the inbox page and the list fragment (shared by the list and thread routes).
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { assigneeName, listItem, workspaceDirectory } from "./directory";
import { type ListFilter, listConversations, viewCounts } from "./queries";
import { ConversationList } from "./views/conversation-list";
import { InboxPage } from "./views/inbox-page";
import { viewerAvailability } from "../settings/queries/members";
import type { ThreadViewProps } from "./views/thread";

export async function listFragment(c: Context<AppEnv>, filter: Partial<ListFilter>, activeId?: string) {
  const session = c.get("session");
  const [page, directory] = await Promise.all([
    listConversations(c.env.DB, session.workspaceId, session.userId, filter),
    workspaceDirectory(c.env.DB, session.workspaceId),
  ]);
  return (
    <ConversationList
      items={page.items.map((row) => listItem(row, assigneeName(directory, row.assigneeId)))}
      nextCursor={page.nextCursor}
      activeId={activeId}
      filter={filter}
      emptyText={filter.q ? `No conversations match “${filter.q}”` : filter.view && filter.view !== "all" ? "Nothing in this view" : undefined}
    />
  );
}

/** The whole inbox page: toolbar with counts, the list, and (optionally) an open conversation. */
export async function renderInboxPage(c: Context<AppEnv>, filter: Partial<ListFilter>, thread: ThreadViewProps | null, status: 200 | 422 = 200) {
  const session = c.get("session");
  const [page, directory, counts, availability] = await Promise.all([
    listConversations(c.env.DB, session.workspaceId, session.userId, filter),
    workspaceDirectory(c.env.DB, session.workspaceId),
    viewCounts(c.env.DB, session.workspaceId, session.userId),
    viewerAvailability(c.env.DB, session.userId),
  ]);
  return c.html(
    <InboxPage
      user={{ id: session.userId, name: session.name, email: session.email, role: session.role, availability }}
      csrfToken={session.csrfToken}
      list={{ items: page.items.map((row) => listItem(row, assigneeName(directory, row.assigneeId))), nextCursor: page.nextCursor, activeId: thread?.conversation.id, filter }}
      toolbar={{ filter, counts, directory, csrfToken: session.csrfToken }}
      thread={thread}
      wsUrl="/inbox/live"
    />,
    status,
  );
}

