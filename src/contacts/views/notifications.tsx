// The notification bell's pieces: the dropdown (unread + recent, "mark all read"),
// one item (also pushed live), and the unread count badge.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { t, tn } from "../../ui/i18n";
import { Layout, type LayoutProps } from "../../ui/layout";
import { shortLabel, TimeLabel } from "../../ui/time";
import type { NotificationView } from "../queries/notifications";
import { IconBell } from "./icons";
import { contactName, CsrfField } from "./parts";

/** The htmx event (fired on body) after which the count badge reloads itself. */
export const NOTIFICATIONS_CHANGED = "notifications-changed";

const kindLabel = (kind: NotificationView["kind"]): string => t(`contacts.notifications.kind.${kind}`);

/** Mentions stored before notifications were translated hold the whole English sentence. */
const STORED_SENTENCE = / mentioned you in a note on .*: “[\s\S]*”$/;

/** What a notification says (plain text, escaped by the view), in the reader's language. */
export function notificationText(n: Pick<NotificationView, "kind" | "body" | "actorName" | "contactName">): string {
  const contact = contactName(n.contactName);
  switch (n.kind) {
    case "mention":
      if (STORED_SENTENCE.test(n.body)) return n.body;
      return t("contacts.notifications.mention", { author: n.actorName ?? t("contacts.notes.formerTeammate"), contact, excerpt: n.body });
    case "assigned":
      return n.actorName ? t("contacts.notifications.assigned", { actor: n.actorName, contact }) : t("contacts.notifications.assignedAutomatically", { contact });
    default:
      return n.body;
  }
}

/** Where a notification leads: its conversation, or the webhooks page for a disabled webhook. */
export function notificationHref(n: Pick<NotificationView, "kind" | "conversationId">): string | null {
  if (n.kind === "webhook_disabled") return "/settings/webhooks";
  return n.conversationId ? `/inbox/c/${n.conversationId}` : null;
}

/**
 * One notification. Clicking marks it read (hx-post, which answers with
 * HX-Redirect to the conversation); without htmx it is a plain link.
 */
export const NotificationItem: FC<{ notification: NotificationView; now: number }> = ({ notification: n, now }) => {
  const unread = n.readAt === null;
  const inner = (
    <>
      {n.actorName ? (
        <Avatar name={n.actorName} size="sm" />
      ) : (
        <span class="nf-item__icon">
          <IconBell />
        </span>
      )}
      <span class="nf-item__text">
        <span class="nf-item__body">{notificationText(n)}</span>
        <span class="nf-item__meta">
          <span class="nf-item__kind">{kindLabel(n.kind)}</span>
          <TimeLabel class="nf-item__time" at={n.createdAt} label={shortLabel(n.createdAt, now)} />
        </span>
      </span>
      {unread ? <span class="nf-item__dot" aria-label={t("contacts.notifications.unreadDot")}></span> : null}
    </>
  );
  const href = notificationHref(n);
  return (
    <li class={`nf-item${unread ? " is-unread" : ""}`} id={`nf-${n.id}`}>
      {href ? (
        <a class="nf-item__link" href={href} hx-post={`/notifications/${n.id}/open`} hx-swap="none">
          {inner}
        </a>
      ) : (
        <div class="nf-item__link">{inner}</div>
      )}
    </li>
  );
};

export interface NotificationMenuProps {
  notifications: NotificationView[];
  unread: number;
  csrfToken: string;
  now: number;
}

export const NotificationMenu: FC<NotificationMenuProps> = ({ notifications, unread, csrfToken, now }) => (
  <div class="nf-menu" id="notification-menu" role="region" aria-label={t("common.notifications")}>
    <div class="nf-menu__head">
      <h2 class="nf-menu__title">
        {t("common.notifications")}
        {unread ? <span class="nf-menu__unread">{tn("contacts.notifications.unread", unread)}</span> : null}
      </h2>
      {unread ? (
        <form method="post" action="/notifications/read" hx-post="/notifications/read" hx-target="closest .nf-menu" hx-swap="outerHTML">
          <CsrfField token={csrfToken} />
          <button type="submit" class="btn btn--ghost btn--xs">
            {t("contacts.notifications.markAllRead")}
          </button>
        </form>
      ) : null}
    </div>
    <ul class="nf-list" id="notification-list">
      {notifications.map((n) => (
        <NotificationItem notification={n} now={now} />
      ))}
    </ul>
    {notifications.length ? null : (
      <div class="nf-empty">
        <span class="nf-empty__icon">
          <IconBell />
        </span>
        <p>{t("contacts.notifications.emptyTitle")}</p>
        <p class="nf-empty__sub">{t("contacts.notifications.emptyText")}</p>
      </div>
    )}
  </div>
);

/**
 * The unread badge; reloads itself when `notifications-changed` fires on body.
 * `hidden` at 0 (a live frame may flip `hidden` and the text).
 */
export const NotificationCount: FC<{ count: number }> = ({ count }) => (
  <span
    id="notification-count"
    class="nf-count"
    data-count={String(count)}
    hidden={count === 0 ? true : undefined}
    hx-get="/notifications/count"
    hx-trigger={`${NOTIFICATIONS_CHANGED} from:body`}
    hx-swap="outerHTML"
    aria-label={tn("contacts.notifications.badge", count)}
  >
    {count > 99 ? "99+" : String(count)}
  </span>
);

export const NotificationsPage: FC<NotificationMenuProps & { user: LayoutProps["user"] }> = ({ user, ...menu }) => (
  <Layout title={t("common.notifications")} user={user} csrfToken={menu.csrfToken} bodyClass="page-notifications">
    <link rel="stylesheet" href="/contacts.css" />
    <div class="nf-page">
      <NotificationMenu {...menu} />
    </div>
  </Layout>
);
