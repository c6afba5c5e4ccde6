// "Who else is here": agents viewing the same conversation and who is typing,
// with a collision warning before two agents answer at once. Rendered inside
// the ConversationDO per reader's language (broadcastLocalized).
import type { FC } from "hono/jsx";
import { localeContext, t, tn } from "./i18n";
import { IconAlert } from "./icons";

export interface PresenceProps {
  /** Other agents with the conversation open (not the reader). */
  viewers: string[];
  /** Other agents typing a reply right now. */
  typing: string[];
}

/** "Ana", "Ana and Ben", "Ana, Ben and Chai" in the reader's language (Intl.ListFormat). */
function names(list: string[]): string {
  try {
    return new Intl.ListFormat(localeContext().locale, { style: "long", type: "conjunction" }).format(list);
  } catch {
    return list.join(", ");
  }
}

export const Presence: FC<PresenceProps> = ({ viewers, typing }) => (
  <div id="presence" class={`presence${typing.length ? " presence--typing" : ""}`} role="status" aria-live="polite">
    {typing.length ? (
      <span class="presence__warn">
        <IconAlert />
        {tn("inbox.presence.typing", typing.length, { names: names(typing) })}
      </span>
    ) : viewers.length ? (
      <span class="presence__viewers">{t("inbox.presence.viewing", { names: names(viewers) })}</span>
    ) : null}
  </div>
);
