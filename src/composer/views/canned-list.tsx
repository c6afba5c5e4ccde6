// The canned-reply matches for GET /inbox/c/:id/compose/canned?q=… — the
// options of the composer's `/` popup (#composer-canned, filled by composer.js).
// Bodies arrive with {{contact.name}} and {{agent.name}} already filled in.
// While the popup is open Enter picks an option and never sends; with no
// option, the empty state says how to go on (Esc closes the list). Workflow
// shortcuts the agent may run follow the replies: picking one starts it
// (composer.js posts to the toolbar button's route).
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { IconWorkflow } from "../../ui/icons";
import type { Shortcut } from "../../workflows/shortcuts";
import type { CannedMatch } from "../canned";

export const CannedList: FC<{ query: string; matches: CannedMatch[]; conversationId?: string; shortcuts?: Shortcut[] }> = ({ query, matches, conversationId, shortcuts = [] }) => (
  <div class="canned-list" data-canned-list>
    {matches.length === 0 && shortcuts.length === 0 ? (
      <p class="canned-list__empty" data-canned-empty>
        {query ? t("composer.canned.noMatch", { query }) : t("composer.canned.none")}
      </p>
    ) : (
      matches.map((m, i) => (
        <div class={`canned-option${i === 0 ? " is-active" : ""}`} role="option" id={`canned-${m.id}`} aria-selected={i === 0 ? "true" : "false"} data-canned-body={m.body} tabindex={-1}>
          <span class="canned-option__head">
            <span class="canned-option__shortcut">/{m.shortcut}</span>
            <span class={`tag canned-option__scope canned-option__scope--${m.personal ? "personal" : "shared"}`}>{m.personal ? t("composer.canned.personal") : t("composer.canned.shared")}</span>
          </span>
          <span class="canned-option__body">{m.body}</span>
        </div>
      ))
    )}
    {conversationId
      ? shortcuts.map((s) => (
          <div class="canned-option canned-option--workflow" role="option" id={`workflow-${s.workflowId}`} aria-selected="false" data-workflow-url={`/inbox/c/${conversationId}/workflows/${s.workflowId}`} data-workflow-command={s.label} tabindex={-1}>
            <span class="canned-option__head">
              <span class="canned-option__shortcut">
                <IconWorkflow /> {s.label}
              </span>
              <span class="tag canned-option__scope">{t("workflows.shortcuts.tag")}</span>
            </span>
            <span class="canned-option__body">{t("workflows.shortcuts.run", { name: s.label })}</span>
          </div>
        ))
      : null}
  </div>
);
