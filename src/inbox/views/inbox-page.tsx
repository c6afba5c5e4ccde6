// The inbox page: conversation list on the left, the open conversation on the
// right (and the contact panel beside it on wide screens). Below 768px one pane
// shows at a time: the list, or the thread full screen with a back button once
// #thread-pane holds a conversation; the contact panel is a full-screen sheet.
import type { FC } from "hono/jsx";
import { ConversationList, type ConversationListProps } from "./conversation-list";
import { BulkBar, ListToolbar, type ListToolbarProps } from "./list-toolbar";
import { ShortcutsOverlay } from "./shortcuts";
import { QuotaBadgeSlot } from "../../quota/views/quota-badge";
import { t } from "../../ui/i18n";
import { IconChat } from "../../ui/icons";
import { Layout } from "../../ui/layout";
import { IconKeyboard, IconSelect, IconSound } from "./icons";
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
    title={thread ? thread.conversation.title : t("inbox.page.title")}
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
            {t("inbox.list.title")}
          </h1>
          <span class="list-pane__tools">
            <button type="button" class="btn btn--ghost btn--small btn--icon-only" data-select-mode aria-pressed="false" title={t("inbox.list.selectHint")}>
              <IconSelect />
              <span class="list-pane__tool-label">{t("inbox.list.select")}</span>
            </button>
            <button type="button" class="btn btn--ghost btn--small btn--icon-only" data-notify-toggle aria-pressed="false" title={t("inbox.list.alertsHint")}>
              <IconSound />
              <span class="sr-only">{t("inbox.list.alerts")}</span>
            </button>
            <button type="button" class="btn btn--ghost btn--small btn--icon-only list-pane__keys" data-shortcuts-open title={t("inbox.list.shortcutsHint")}>
              <IconKeyboard />
              <span class="sr-only">{t("inbox.list.shortcuts")}</span>
            </button>
          </span>
        </div>
        <ListToolbar {...toolbar} />
        <div class="list-pane__scroll">
          <ConversationList timeZone={timeZone} {...list} activeId={list.activeId ?? thread?.conversation.id} />
        </div>
        <BulkBar directory={toolbar.directory} csrfToken={csrfToken} filter={toolbar.filter} />
      </aside>
      <section id="thread-pane" class="thread-pane" aria-label={t("inbox.thread.label")}>
        {thread ? <ThreadView timeZone={timeZone} {...thread} /> : <EmptyThread />}
      </section>
      <aside id="contact-pane" class="contact-pane" aria-label={t("inbox.contact.label")}></aside>
    </div>
    <template id="thread-placeholder">
      <EmptyThread />
    </template>
    <ShortcutsOverlay />
  </Layout>
);

/** inbox.js sets data-state="online" | "offline"; CSS shows the matching label. */
const LiveStatus: FC = () => (
  <span id="live-status" class="live-status" data-state="connecting" role="status" title={t("inbox.live.title")}>
    <span class="live-status__dot" aria-hidden="true"></span>
    <span class="live-status__label live-status__label--connecting">{t("inbox.live.connecting")}</span>
    <span class="live-status__label live-status__label--online">{t("inbox.live.online")}</span>
    <span class="live-status__label live-status__label--offline">{t("inbox.live.offline")}</span>
  </span>
);

const EmptyThread: FC = () => (
  <div class="thread-placeholder">
    <span class="thread-placeholder__icon">
      <IconChat />
    </span>
    <h2>{t("inbox.thread.placeholderTitle")}</h2>
    <p>{t("inbox.thread.placeholderHint")}</p>
  </div>
);
