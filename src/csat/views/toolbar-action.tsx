// The conversation toolbar's "Send CSAT survey" action, telling the agent
// beforehand whether it goes with the customer's fresh reply token (free) or
// by push (counts toward the monthly quota), and the outcome after sending.
import type { FC } from "hono/jsx";
import { IconCheck } from "../../ui/icons";
import { t } from "../../ui/i18n";
import type { SendOutcome } from "../survey";

export const CsatAction: FC<{ conversationId: string; csrfToken: string; replyFresh?: boolean }> = ({ conversationId, csrfToken, replyFresh }) => {
  const action = `/inbox/c/${conversationId}/csat`;
  const hint = replyFresh ? t("csat.toolbar.viaReply") : t("csat.toolbar.viaPush");
  return (
    <form class="triage-form csat-action" method="post" action={action} hx-post={action} hx-target="#csat-action-result" hx-swap="outerHTML">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button class="btn btn--ghost btn--small triage-btn" type="submit" title={hint} aria-describedby={`csat-hint-${conversationId}`}>
        <IconCheck />
        <span class="triage-btn__label">{t("csat.toolbar.send")}</span>
      </button>
      <span id={`csat-hint-${conversationId}`} class="sr-only">
        {hint}
      </span>
      <CsatResult />
    </form>
  );
};

export function outcomeText(outcome: SendOutcome): string {
  if (outcome.sent) return outcome.via === "push" ? t("csat.toolbar.sentPush") : t("csat.toolbar.sent");
  switch (outcome.reason) {
    case "standby":
      return t("csat.notSent.standby");
    case "blocked":
      return t("csat.notSent.blocked");
    case "recent":
      return t("csat.notSent.recent", { days: outcome.days ?? 0 });
    case "pending":
      return t("csat.notSent.pending");
    case "failed":
      return t("csat.notSent.failed", { reason: outcome.error ?? "" });
    default:
      return t("csat.notSent.notUser");
  }
}

export const CsatResult: FC<{ text?: string; ok?: boolean }> = ({ text, ok }) => (
  <span id="csat-action-result" class={`csat-result${ok === false ? " csat-result--refused" : ""}`} role="status">
    {text ?? ""}
  </span>
);
