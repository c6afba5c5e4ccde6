// The conversation pane: header, message list and composer.
//
// htmx contract (what the routes return):
// - GET /inbox/c/:id with HX-Request: a <ThreadView> fragment; the list link
//   swaps it into #thread-pane (innerHTML) and pushes the URL. Without
//   HX-Request: the full <InboxPage thread=…>.
// - GET /inbox/c/:id?before=<seq> ("Load older"): same as above for the
//   messages before <seq>; the link keeps only `#thread-messages > *` of the
//   response (hx-select) and puts it in its own place (outerHTML).
// - GET /inbox/c/:id?q=<text> or ?at=<messageId> (a search hit): the page cut
//   around that message, which carries data-highlight; inbox.js scrolls to it.
// - GET /inbox/c/:id/triage: the <TriageBar> with the status pill (#thread-status)
//   out of band; inbox.js asks for it when a live frame says the conversation
//   changed under the agent (woke from a snooze, reopened, reassigned).
// - The composer (src/composer) posts to /inbox/c/:id/compose/{text,sticker,
//   location,media}; POST /inbox/c/:id/messages stays as the plain-form and
//   API-shaped text path. Both answer with a fresh composer and an
//   <hx-partial> appending the new bubble; the same bubble may also arrive over
//   the WebSocket and inbox.js keeps one.
// - POST /inbox/c/:id/notes: the note form and an <hx-partial> with the note.
// - POST /inbox/c/:id/triage: the updated <TriageBar> (422 with its error), the
//   status pill, the list row and every view count out of band.
// - POST /inbox/c/:id/messages/:messageId/retry: the updated <MessageBubble>
//   (it replaces the bubble, outerHTML); without HX-Request, 303 back.
import type { FC } from "hono/jsx";
import type { ConversationStatus, ThreadMessage } from "../../conversations/model";
import { NoteForm } from "./note-form";
import { TriageBar, type TriageBarProps } from "./triage-bar";
import { ShortcutBar, type ShortcutBarProps } from "../../workflows/views/shortcut-bar";
import { Avatar } from "../../ui/avatar";
import type { ConversationSourceType } from "../../conversations/model";
import { statusLabel } from "../../ui/conversation-row";
import { localeContext, t } from "../../ui/i18n";
import { IconBack, IconChat, IconUsers } from "../../ui/icons";
import type { StickerUrl } from "../../ui/message-body";
import { MessageBubble } from "../../ui/message-bubble";
import { dayKey, dayLabel } from "../../ui/time";
import { SlaBadge } from "../../ui/sla-badge";
import { Composer } from "../../composer/views/composer";
import { IconContact, IconMore } from "./icons";
import { sourceLabel } from "./labels";

export { MessageBubble, type MessageBubbleProps } from "../../ui/message-bubble";
export { Composer, type ComposerProps } from "../../composer/views/composer";

export interface ThreadConversation {
  id: string;
  title: string;
  pictureUrl: string | null;
  status: ConversationStatus;
  sourceType: ConversationSourceType;
}

export interface ThreadViewProps {
  conversation: ThreadConversation;
  /** Oldest first. */
  messages: ThreadMessage[];
  csrfToken: string;
  stickerUrl: StickerUrl;
  composerError?: string;
  composerText?: string;
  /** There are messages before the first one shown. */
  hasOlder?: boolean;
  /**
   * Opened at a search hit far back: newer messages than the last one shown
   * exist (up to this seq); the foot of the thread links to the latest.
   */
  newerUntilSeq?: number | null;
  /** The message a search opened the thread at (highlighted, scrolled into view). */
  highlightId?: string | null;
  /** Triage controls in the header (omitted in plain renders such as tests of the thread alone). */
  triageBar?: TriageBarProps;
  /** Workflow shortcut buttons (Settings → Workflows) the viewer may press. */
  shortcuts?: ShortcutBarProps;
  /** The 1:1 contact, for the contact panel. */
  contactId?: string | null;
  /** When the reply token stops being usable (null: the next send is a push). */
  replyTokenExpiresAt?: number | null;
  /** The conversation's SLA as the index has it: the badge beside the status. */
  sla?: { dueAt: number | null; breachedAt: number | null };
  /** Default: the reader's time zone. */
  timeZone?: string;
  /** "Now" for the day dividers, default Date.now(). */
  now?: number;
}

/** The header's status pill (id thread-status): also sent out of band after every triage change. */
export const StatusPill: FC<{ status: ConversationStatus; swapOob?: boolean }> = ({ status, swapOob }) => (
  <span id="thread-status" class={`status-pill status-pill--${status}`} data-status={status} hx-swap-oob={swapOob ? "true" : undefined}>
    {statusLabel(status)}
  </span>
);

export const ThreadView: FC<ThreadViewProps> = (props) => {
  const { conversation: c, messages, csrfToken, stickerUrl, hasOlder, timeZone = localeContext().timeZone } = props;
  const now = props.now ?? Date.now();
  const first = messages[0];
  const last = messages[messages.length - 1];
  const olderHref = first ? `/inbox/c/${encodeURIComponent(c.id)}?before=${first.seq}` : null;
  const partial = props.newerUntilSeq != null && last !== undefined && props.newerUntilSeq > last.seq;
  let previousDay: number | null = null;

  return (
    <section class="thread" id="thread" data-conversation-id={c.id} aria-labelledby="thread-title">
      <header class="thread-head">
        <a class="thread-head__back btn btn--ghost btn--icon" href="/inbox" data-thread-back aria-label={t("inbox.thread.back")}>
          <IconBack />
        </a>
        <span class="thread-head__avatar">
          <Avatar name={c.title} pictureUrl={c.pictureUrl} />
        </span>
        <div class="thread-head__who">
          <h2 id="thread-title" class="thread-head__title">
            {c.title}
          </h2>
          <p class="thread-head__sub">
            {/* Under the name and first in its line, not beside the status: a phone's header has no room for one more pill. */}
            {c.status !== "resolved" && props.sla ? <SlaBadge id="thread-sla" dueAt={props.sla.dueAt} breachedAt={props.sla.breachedAt} now={now} /> : null}
            {c.sourceType !== "user" ? <IconUsers /> : null}
            <span>{sourceLabel(c.sourceType)}</span>
            <span aria-hidden="true">·</span>
            <span>LINE</span>
          </p>
        </div>
        <StatusPill status={c.status} />
        {props.contactId ? (
          <button
            class="btn btn--ghost btn--small thread-head__contact"
            type="button"
            hx-get={`/contacts/${props.contactId}/panel?conversation=${c.id}`}
            hx-target="#contact-pane"
            hx-swap="innerHTML"
            data-open-panel
            title={t("inbox.thread.contactHint")}
          >
            <IconContact />
            <span class="thread-head__label">{t("inbox.thread.contact")}</span>
          </button>
        ) : null}
        {props.triageBar ? (
          <button class="btn btn--ghost btn--small thread-head__actions" type="button" popovertarget="triage-bar" data-triage-open aria-label={t("inbox.triage.open")} title={t("inbox.triage.open")}>
            <IconMore />
          </button>
        ) : null}
      </header>
      {props.triageBar ? <TriageBar {...props.triageBar} /> : null}
      {props.shortcuts ? <ShortcutBar {...props.shortcuts} /> : null}

      <div
        id="thread-messages"
        class="thread-messages"
        data-conversation-id={c.id}
        data-last-seq={partial ? props.newerUntilSeq : last?.seq ?? 0}
        data-highlight={props.highlightId ?? undefined}
        role="log"
        aria-live="polite"
        aria-label={t("inbox.thread.messagesWith", { name: c.title })}
      >
        {hasOlder && olderHref ? (
          <div class="thread-older">
            <a class="btn btn--ghost btn--sm" href={olderHref} hx-get={olderHref} hx-target="closest .thread-older" hx-swap="outerHTML" hx-select="#thread-messages > *">
              {t("inbox.thread.loadOlder")}
            </a>
          </div>
        ) : null}
        {messages.length === 0 ? (
          <div class="thread-empty">
            <IconChat />
            <p>{t("inbox.thread.empty")}</p>
          </div>
        ) : null}
        {messages.map((m, i) => {
          const day = dayKey(m.createdAt, timeZone);
          const newDay = day !== previousDay;
          previousDay = day;
          const prev = messages[i - 1];
          return (
            <>
              {newDay ? <DayDivider at={m.createdAt} now={now} timeZone={timeZone} /> : null}
              <MessageBubble
                message={m}
                conversationId={c.id}
                stickerUrl={stickerUrl}
                sourceType={c.sourceType}
                csrfToken={csrfToken}
                timeZone={timeZone}
                continued={!newDay && prev !== undefined && sameSpeaker(prev, m)}
              />
            </>
          );
        })}
        {partial ? (
          <div class="thread-newer">
            <a class="btn btn--ghost btn--sm" href={`/inbox/c/${encodeURIComponent(c.id)}`} hx-get={`/inbox/c/${encodeURIComponent(c.id)}`} hx-target="#thread-pane" hx-swap="innerHTML">
              {t("inbox.thread.jumpToLatest")}
            </a>
          </div>
        ) : null}
      </div>

      <div id="presence" class="presence" role="status" aria-live="polite"></div>
      <div class="composer-tabs" role="tablist" aria-label={t("inbox.thread.replyOrNote")}>
        <button type="button" role="tab" class="composer-tab is-current" data-composer-tab="reply" aria-selected="true">
          {t("inbox.thread.reply")}
        </button>
        <button type="button" role="tab" class="composer-tab" data-composer-tab="note" aria-selected="false" title={t("inbox.thread.noteHint")}>
          {t("inbox.thread.note")}
        </button>
      </div>
      <Composer
        conversationId={c.id}
        csrfToken={csrfToken}
        error={props.composerError}
        text={props.composerText}
        placeholder={t("inbox.thread.replyTo", { name: c.title })}
        replyTokenExpiresAt={props.replyTokenExpiresAt ?? null}
        stickerUrl={stickerUrl}
      />
      <NoteForm conversationId={c.id} csrfToken={csrfToken} />
    </section>
  );
};

const GROUP_WINDOW_MS = 5 * 60_000;

/** Consecutive messages from one speaker within five minutes read as one block. */
function sameSpeaker(a: ThreadMessage, b: ThreadMessage): boolean {
  if (a.body.type === "event" || b.body.type === "event" || a.direction !== b.direction) return false;
  if (b.createdAt - a.createdAt > GROUP_WINDOW_MS) return false;
  return a.direction === "inbound"
    ? (a.senderLineUserId ?? a.senderName) === (b.senderLineUserId ?? b.senderName)
    : (a.agentId ?? a.agentName) === (b.agentId ?? b.agentName);
}

const DayDivider: FC<{ at: number; now: number; timeZone: string }> = ({ at, now, timeZone }) => (
  <div class="day-divider" role="separator">
    <span>{dayLabel(at, now, timeZone)}</span>
  </div>
);
