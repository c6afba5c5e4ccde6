// The inbox page: conversation list on the left, the open conversation on the
// right. Below 768px only one pane shows: the list, or the thread (with a back
// link) once #thread-pane holds a conversation.
import type { FC } from "hono/jsx";
import { ConversationList, type ConversationListProps } from "./conversation-list";
import { ListToolbar, type ListToolbarProps } from "./list-toolbar";
import { ShortcutsOverlay } from "./shortcuts";
import { QuotaBadgeSlot } from "../../quota/views/quota-badge";
import { IconChat } from "../../ui/icons";
import { Layout } from "../../ui/layout";
import { ThreadView, type ThreadViewProps } from "./thread";

export interface InboxPageProps {
  user: { id: string; name: string; email: string; role: "owner" | "admin" | "supervisor" | "agent"; availability?: "online" | "away" | "offline" };
  csrfToken: string;
  list: ConversationListProps;
  toolbar: ListToolbarProps;
  /** The open conversation, or none ("Select a conversation"). */
  thread?: ThreadViewProps | null;
  /** The live feed's WebSocket URL; inbox.js reads it from #inbox[data-ws-url]. */
  wsUrl: string;
  timeZone?: string;
}

export const InboxPage: FC<InboxPageProps> = ({ user, csrfToken, list, toolbar, thread, wsUrl, timeZone }) => (
  <Layout
    title={thread ? thread.conversation.title : "Inbox"}
    user={user}
    csrfToken={csrfToken}
    bodyClass="page-inbox"
    topbarExtra={
      <>
        <QuotaBadgeSlot />
        <LiveStatus />
      </>
    }
  >
    <div id="inbox" class={`inbox${thread ? " inbox--has-thread" : ""}`} data-ws-url={wsUrl} data-user-id={user.id}>
      <aside class="list-pane" aria-labelledby="list-title">
        <div class="list-pane__head">
          <h1 id="list-title" class="list-pane__title">
            Conversations
          </h1>
          <span class="list-pane__tools">
            <button type="button" class="btn btn--ghost btn--small" data-notify-toggle aria-pressed="false" title="Desktop notifications and sound for Mine and Unassigned">
              🔊 <span class="sr-only">Desktop alerts and sound</span>
            </button>
            <button type="button" class="btn btn--ghost btn--small" data-shortcuts-open title="Keyboard shortcuts (?)">
              ⌨ <span class="sr-only">Keyboard shortcuts</span>
            </button>
          </span>
        </div>
        <ListToolbar {...toolbar} />
        <div class="list-pane__scroll">
          <ConversationList timeZone={timeZone} {...list} activeId={list.activeId ?? thread?.conversation.id} />
        </div>
      </aside>
      <section id="thread-pane" class="thread-pane" aria-label="Conversation">
        {thread ? <ThreadView timeZone={timeZone} {...thread} /> : <EmptyThread />}
      </section>
      <aside id="contact-pane" class="contact-pane" aria-label="Contact details"></aside>
    </div>
    <ShortcutsOverlay />
  </Layout>
);

/** inbox.js sets data-state="online" | "offline"; the label follows in CSS. */
const LiveStatus: FC = () => (
  <span id="live-status" class="live-status" data-state="connecting" role="status" title="Live updates">
    <span class="live-status__dot" aria-hidden="true"></span>
    <span class="live-status__label"></span>
  </span>
);

const EmptyThread: FC = () => (
  <div class="thread-placeholder">
    <span class="thread-placeholder__icon">
      <IconChat />
    </span>
    <h2>Select a conversation</h2>
    <p>Pick a customer on the left to read the chat and reply.</p>
  </div>
);
