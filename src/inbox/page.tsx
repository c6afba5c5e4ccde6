// Rendering the inbox page and the list fragment (shared by the list and thread
// routes), and the out-of-band parts an action's response carries so every part
// of the screen it affected is current at once: view counts, the list row, the
// thread header's status.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ConversationListItem } from "../ui/conversation-row";
import { assigneeName, workspaceDirectory } from "./directory";
import { listItem } from "../ui/conversation-row";
import { effectiveFilter, emptyReason } from "./list-state";
import { findConversation, type ListFilter, listConversations, viewCounts } from "./queries";
import { ConversationList } from "./views/conversation-list";
import { InboxPage } from "./views/inbox-page";
import { type Directory, ViewCountsOob } from "./views/list-toolbar";
import { viewerAvailability } from "../settings/queries/members";
import type { ThreadViewProps } from "./views/thread";

/** One page of the list (a search spans every status) and, when it is empty, why. */
async function listPage(c: Context<AppEnv>, filter: Partial<ListFilter>) {
  const session = c.get("session");
  const [page, directory] = await Promise.all([
    listConversations(c.env.DB, session.workspaceId, session.userId, effectiveFilter(filter)),
    workspaceDirectory(c.env.DB, session.workspaceId),
  ]);
  const empty = page.items.length === 0 && !filter.cursor ? await emptyReason(c, filter, directory) : undefined;
  return { directory, list: { items: page.items.map((row) => listItem(row, assigneeName(directory, row.assigneeId))), nextCursor: page.nextCursor, empty } };
}

export async function listFragment(c: Context<AppEnv>, filter: Partial<ListFilter>, activeId?: string) {
  const { list } = await listPage(c, filter);
  return <ConversationList {...list} activeId={activeId} filter={filter} />;
}

/** The whole inbox page: toolbar with counts, the list, and (optionally) an open conversation. */
export async function renderInboxPage(c: Context<AppEnv>, filter: Partial<ListFilter>, thread: ThreadViewProps | null, status: 200 | 422 = 200) {
  const session = c.get("session");
  const [{ directory, list }, counts, availability] = await Promise.all([
    listPage(c, filter),
    viewCounts(c.env.DB, session.workspaceId, session.userId),
    viewerAvailability(c.env.DB, session.userId),
  ]);
  return c.html(
    <InboxPage
      user={{ id: session.userId, name: session.name, email: session.email, role: session.role, availability }}
      csrfToken={session.csrfToken}
      list={{ ...list, activeId: thread?.conversation.id, filter }}
      toolbar={{ filter, counts, directory, csrfToken: session.csrfToken }}
      thread={thread}
      wsUrl="/inbox/live"
    />,
    status,
  );
}

/**
 * Out-of-band parts for an action's response: every view's count and, for a
 * conversation the agent has open, its list row as it now is (replaced in
 * place when it is in the list; the live feed moves it between views).
 */
export async function freshParts(c: Context<AppEnv>, options: { conversationId?: string; directory?: Directory } = {}) {
  const session = c.get("session");
  const [counts, row, directory] = await Promise.all([
    viewCounts(c.env.DB, session.workspaceId, session.userId),
    options.conversationId ? findConversation(c.env.DB, session.workspaceId, options.conversationId) : Promise.resolve(null),
    options.directory ?? (options.conversationId ? workspaceDirectory(c.env.DB, session.workspaceId) : Promise.resolve(null)),
  ]);
  return (
    <>
      <ViewCountsOob counts={counts} />
      {row && directory ? <ConversationListItem item={listItem(row, assigneeName(directory, row.assigneeId))} active swapOob="true" /> : null}
    </>
  );
}
