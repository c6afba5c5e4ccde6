// The thread header's triage controls: status (resolve/reopen, follow-up, snooze),
// assignee, team, priority, pin and conversation tags. Each control is a small
// form posting to /inbox/c/:id/triage; htmx swaps the bar (and, out of band,
// the status pill, list row and view counts), and the system line the change
// writes arrives over the conversation's socket.
//
// At laptop width the bar is a row under the thread header (narrow threads,
// e.g. beside the contact panel, fold the labels into icons: a container
// query in triage.css). On phones the same element is a bottom sheet: it has
// `popover`, opened by the header's "…" button (popovertarget), closed by Esc,
// a tap outside or its own close button, and by every change (the bar is swapped).
import type { FC } from "hono/jsx";
import type { TriageState } from "../../conversations/model";
import { priorityLabel } from "../../ui/conversation-row";
import { t } from "../../ui/i18n";
import { IconCheck, Svg } from "../../ui/icons";
import { IconClose, IconFlag, IconReopen, IconSnooze } from "./icons";
import { SNOOZE_PRESETS, snoozePresetLabel, snoozeUntilLabel } from "./labels";
import type { Directory } from "./list-toolbar";
import { IconPinned } from "../../ui/conversation-row";
import { CsatAction } from "../../csat/views/toolbar-action";

export interface TriageBarProps {
  conversationId: string;
  triage: TriageState;
  directory: Directory;
  tagIds: string[];
  csrfToken: string;
  me: { id: string; name: string };
  /** Set when the last change was refused (422). */
  error?: string;
  /** "Now" for the snooze label (tests pass a fixed clock). */
  now?: number;
  /** An htmx response: no <noscript> button (fragments would parse it as markup). */
  fragment?: boolean;
  /** The customer's reply token is fresh: the CSAT survey would go free (else by push). */
  replyFresh?: boolean;
}

const PRIORITIES = [0, 1, 2, 3, 4] as const;

function availabilityMark(a: Directory["agents"][number]["availability"]): string {
  return a === "online" ? t("inbox.triage.agentOnline") : a === "away" ? t("inbox.triage.agentAway") : "";
}

export const TriageBar: FC<TriageBarProps> = ({ conversationId, triage, directory, tagIds, csrfToken, me, error, now, fragment, replyFresh }) => {
  const action = `/inbox/c/${conversationId}/triage`;
  const Form: FC<{ children: unknown; class?: string; trigger?: string }> = ({ children, class: cls, trigger }) => (
    <form class={`triage-form ${cls ?? ""}`} method="post" action={action} hx-post={action} hx-target="#triage-bar" hx-swap="outerHTML" hx-trigger={trigger}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      {children}
    </form>
  );
  const tags = directory.tags.filter((tag) => tagIds.includes(tag.id));
  const addable = directory.tags.filter((tag) => !tagIds.includes(tag.id));
  const snoozed = triage.status === "snoozed" && triage.snoozedUntil;
  const snoozeText = snoozed ? t("inbox.triage.snoozedUntil", { time: snoozeUntilLabel(triage.snoozedUntil ?? 0, now) }) : t("inbox.triage.snooze");
  return (
    <div id="triage-bar" class="triage-bar" data-status={triage.status} data-snoozed-until={triage.snoozedUntil ?? undefined} data-assignee={triage.assigneeId ?? ""} data-pinned={triage.pinned ? "1" : "0"} data-priority={triage.priority} popover="auto" aria-label={t("inbox.triage.label")}>
      <div class="triage-bar__sheet-head">
        <strong>{t("inbox.triage.label")}</strong>
        <button type="button" class="btn btn--ghost btn--icon" popovertarget="triage-bar" popovertargetaction="hide" aria-label={t("common.close")}>
          <IconClose />
        </button>
      </div>
      {error ? (
        <p class="triage-bar__error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="triage-bar__row">
        <Form class="triage-form--status">
          {triage.status === "resolved" || triage.status === "snoozed" ? (
            <button class="btn btn--ghost btn--small triage-btn" type="submit" name="status" value="open" data-shortcut="reopen">
              <IconReopen />
              <span class="triage-btn__label">{t("inbox.triage.reopen")}</span>
            </button>
          ) : (
            <button class="btn btn--small btn--primary triage-btn triage-btn--keep" type="submit" name="status" value="resolved" data-shortcut="resolve" title={t("inbox.triage.resolveHint")}>
              <IconCheck />
              <span class="triage-btn__label">{t("inbox.triage.resolve")}</span>
            </button>
          )}
        </Form>
        <Form>
          <button
            class={`btn btn--ghost btn--small triage-btn${triage.status === "follow_up" ? " is-on" : ""}`}
            type="submit"
            name="status"
            value={triage.status === "follow_up" ? "open" : "follow_up"}
            aria-pressed={triage.status === "follow_up" ? "true" : "false"}
            title={t("inbox.triage.followUp")}
          >
            <IconFlag />
            <span class="triage-btn__label">{t("inbox.triage.followUp")}</span>
          </button>
        </Form>
        <details class="triage-menu">
          <summary class={`btn btn--small triage-btn${snoozed ? " is-on" : ""}`} title={snoozeText}>
            <IconSnooze />
            <span class="triage-btn__label">{snoozeText}</span>
          </summary>
          <div class="triage-menu__body">
            <Form class="triage-menu__presets">
              {SNOOZE_PRESETS.map((value) => (
                <button class="btn btn--ghost btn--small" type="submit" name="snooze" value={value}>
                  {snoozePresetLabel(value)}
                </button>
              ))}
            </Form>
            <Form class="triage-menu__custom">
              <label>
                {t("inbox.triage.snoozeUntilLabel")}
                <input type="datetime-local" name="snooze_until" required />
              </label>
              <input type="hidden" name="tz_offset" value="0" data-tz-offset />
              <button class="btn btn--small" type="submit">
                {t("inbox.triage.snoozeSubmit")}
              </button>
            </Form>
          </div>
        </details>
        <Form trigger="change" class="triage-form--select">
          <label class="triage-select">
            <span class="triage-select__label">{t("inbox.triage.assignee")}</span>
            <select name="assignee" aria-label={t("inbox.triage.assignee")}>
              <option value="none" selected={!triage.assigneeId}>
                {t("inbox.triage.unassigned")}
              </option>
              <option value={me.id} selected={triage.assigneeId === me.id}>
                {t("inbox.triage.me", { name: me.name })}
              </option>
              {directory.agents
                .filter((a) => a.id !== me.id)
                .map((a) => (
                  <option value={a.id} selected={triage.assigneeId === a.id}>
                    {a.name}
                    {availabilityMark(a.availability)}
                  </option>
                ))}
            </select>
          </label>
          {fragment ? null : (
            <noscript>
              <button class="btn btn--small" type="submit">
                {t("inbox.triage.assign")}
              </button>
            </noscript>
          )}
        </Form>
        {directory.teams.length ? (
          <Form trigger="change" class="triage-form--select">
            <label class="triage-select">
              <span class="triage-select__label">{t("inbox.triage.team")}</span>
              <select name="team" aria-label={t("inbox.triage.team")}>
                <option value="none" selected={!triage.teamId}>
                  {t("inbox.triage.noTeam")}
                </option>
                {directory.teams.map((team) => (
                  <option value={team.id} selected={triage.teamId === team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </label>
          </Form>
        ) : null}
        <Form trigger="change" class="triage-form--select">
          <label class="triage-select">
            <span class="triage-select__label">{t("inbox.triage.priority")}</span>
            <select name="priority" aria-label={t("inbox.triage.priority")} class={`priority-select priority-select--${triage.priority}`}>
              {PRIORITIES.map((p) => (
                <option value={String(p)} selected={triage.priority === p}>
                  {p === 0 ? t("inbox.triage.noPriority") : t("inbox.triage.priorityOption", { priority: priorityLabel(p) })}
                </option>
              ))}
            </select>
          </label>
        </Form>
        <Form>
          <button
            class={`btn btn--ghost btn--small triage-btn${triage.pinned ? " is-on" : ""}`}
            type="submit"
            name="pinned"
            value={triage.pinned ? "0" : "1"}
            aria-pressed={triage.pinned ? "true" : "false"}
            title={triage.pinned ? t("inbox.triage.unpin") : t("inbox.triage.pinHint")}
          >
            <IconPinned />
            <span class="triage-btn__label">{triage.pinned ? t("inbox.triage.pinned") : t("inbox.triage.pin")}</span>
          </button>
        </Form>
        <CsatAction conversationId={conversationId} csrfToken={csrfToken} replyFresh={replyFresh} />
      </div>
      <div class="triage-bar__tags">
        {tags.map((tag) => (
          <Form class="tag-chip-form">
            <span class={`tag-chip tag-chip--${tag.color}`}>
              {tag.name}
              <button type="submit" name="remove_tag" value={tag.id} class="tag-chip__remove" aria-label={t("inbox.triage.removeTag", { name: tag.name })}>
                <Svg d={["M18 6 6 18", "m6 6 12 12"]} />
              </button>
            </span>
          </Form>
        ))}
        {addable.length ? (
          <Form trigger="change">
            <select name="add_tag" aria-label={t("inbox.triage.addTag")} class="tag-add">
              <option value="">{t("inbox.triage.addTagOption")}</option>
              {addable.map((tag) => (
                <option value={tag.id}>{tag.name}</option>
              ))}
            </select>
          </Form>
        ) : null}
      </div>
    </div>
  );
};
