// The shortcut buttons under a conversation's header: one small form per
// workflow (works without JavaScript; htmx swaps the bar with a status line).
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { IconWorkflow } from "../../ui/icons";
import type { Shortcut } from "../shortcuts";

export interface ShortcutBarProps {
  conversationId: string;
  shortcuts: Shortcut[];
  csrfToken: string;
  /** After a press: what happened. */
  status?: { ok: boolean; text: string };
}

export const ShortcutBar: FC<ShortcutBarProps> = ({ conversationId, shortcuts, csrfToken, status }) =>
  shortcuts.length ? (
    <div id="workflow-shortcuts" class="workflow-shortcuts" role="toolbar" aria-label={t("workflows.shortcuts.label")}>
      {shortcuts.map((s) => (
        <form method="post" action={`/inbox/c/${conversationId}/workflows/${s.workflowId}`} hx-post={`/inbox/c/${conversationId}/workflows/${s.workflowId}`} hx-target="#workflow-shortcuts" hx-swap="outerHTML">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button type="submit" class="btn btn--ghost btn--small workflow-shortcut" data-workflow-shortcut={s.label} title={t("workflows.shortcuts.run", { name: s.label })}>
            <IconWorkflow />
            <span>{s.label}</span>
          </button>
        </form>
      ))}
      {status ? (
        <p class={`workflow-shortcuts__status${status.ok ? "" : " is-error"}`} role="status">
          {status.text}
        </p>
      ) : null}
    </div>
  ) : (
    <div id="workflow-shortcuts" hidden></div>
  );
