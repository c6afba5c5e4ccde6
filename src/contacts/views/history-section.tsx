// The panel's customer history: the contact's conversations, newest first, each a
// link that opens it in the inbox.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { shortLabel, TimeLabel } from "../../ui/time";
import type { HistoryItem } from "../queries/contact";
import { IconHistory } from "./icons";
import { SectionTitle } from "./parts";

const statusLabel = (status: HistoryItem["status"]): string => t(`contacts.status.${status}`);

export interface HistorySectionProps {
  contactId: string;
  history: HistoryItem[];
  currentConversationId: string | null;
  /** Show which channel each conversation is on (when the contact has several). */
  showChannel: boolean;
  now: number;
}

export const HistorySection: FC<HistorySectionProps> = ({ contactId, history, currentConversationId, showChannel, now }) => (
  <section class="cp-section cp-history" aria-labelledby={`cp-history-title-${contactId}`}>
    <SectionTitle icon={<IconHistory />} count={history.length} id={`cp-history-title-${contactId}`}>
      {t("contacts.history.title")}
    </SectionTitle>
    {history.length ? (
      <ul class="cp-history-list">
        {history.map((item) => {
          const current = item.id === currentConversationId;
          return (
            <li>
              <a class={`cp-history-item${current ? " is-current" : ""}`} href={`/inbox/c/${item.id}`} aria-current={current ? "page" : undefined}>
                <span class="cp-history-item__top">
                  <span class={`cp-status cp-status--${item.status}`}>{statusLabel(item.status)}</span>
                  {current ? <span class="cp-history-item__here">{t("contacts.history.current")}</span> : showChannel ? <span class="cp-history-item__channel">{item.channelName}</span> : null}
                  <TimeLabel class="cp-history-item__time" at={item.lastActivityAt} label={shortLabel(item.lastActivityAt, now)} />
                </span>
                <span class="cp-history-item__preview">{item.lastMessagePreview}</span>
              </a>
            </li>
          );
        })}
      </ul>
    ) : (
      <p class="cp-empty">{t("contacts.history.empty")}</p>
    )}
  </section>
);
