// The thread header's triage controls: status (resolve/reopen, follow-up, snooze),
// assignee, team, priority, pin and conversation tags. Each control is a small
// form posting to /inbox/c/:id/triage; htmx swaps the bar, and the system line
// the change writes arrives over the conversation's socket.
import type { FC } from "hono/jsx";
import { PRIORITY_LABELS, type TriageState } from "../../conversations/model";
import type { Directory } from "./list-toolbar";

export interface TriageBarProps {
  conversationId: string;
  triage: TriageState;
  directory: Directory;
  tagIds: string[];
  csrfToken: string;
  me: { id: string; name: string };
  /** Set when the last change was refused (422). */
  error?: string;
}

const SNOOZE_PRESETS: Array<[string, string]> = [
  ["1h", "1 hour"],
  ["4h", "4 hours"],
  ["1d", "Tomorrow"],
  ["7d", "Next week"],
];

export const TriageBar: FC<TriageBarProps> = ({ conversationId, triage, directory, tagIds, csrfToken, me, error }) => {
  const action = `/inbox/c/${conversationId}/triage`;
  const Form: FC<{ children: unknown; class?: string; trigger?: string }> = ({ children, class: cls, trigger }) => (
    <form class={`triage-form ${cls ?? ""}`} method="post" action={action} hx-post={action} hx-target="#triage-bar" hx-swap="outerHTML" hx-trigger={trigger}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      {children}
    </form>
  );
  const tags = directory.tags.filter((t) => tagIds.includes(t.id));
  const addable = directory.tags.filter((t) => !tagIds.includes(t.id));
  return (
    <div id="triage-bar" class="triage-bar" data-status={triage.status}>
      {error ? (
        <p class="triage-bar__error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="triage-bar__row">
        <Form>
          {triage.status === "resolved" || triage.status === "snoozed" ? (
            <button class="btn btn--small" type="submit" name="status" value="open" data-shortcut="reopen">
              Reopen
            </button>
          ) : (
            <button class="btn btn--small btn--primary" type="submit" name="status" value="resolved" data-shortcut="resolve" title="Resolve (e)">
              ✓ Resolve
            </button>
          )}
        </Form>
        <Form>
          <button class={`btn btn--small${triage.status === "follow_up" ? " is-on" : ""}`} type="submit" name="status" value={triage.status === "follow_up" ? "open" : "follow_up"} aria-pressed={triage.status === "follow_up" ? "true" : "false"}>
            ⚑ Follow-up
          </button>
        </Form>
        <details class="triage-menu">
          <summary class="btn btn--small">{triage.status === "snoozed" && triage.snoozedUntil ? `⏰ ${new Date(triage.snoozedUntil).toISOString().slice(5, 16).replace("T", " ")}` : "⏰ Snooze"}</summary>
          <div class="triage-menu__body">
            <Form class="triage-menu__presets">
              {SNOOZE_PRESETS.map(([value, label]) => (
                <button class="btn btn--ghost btn--small" type="submit" name="snooze" value={value}>
                  {label}
                </button>
              ))}
            </Form>
            <Form class="triage-menu__custom">
              <label>
                Until
                <input type="datetime-local" name="snooze_until" required />
              </label>
              <input type="hidden" name="tz_offset" value="0" data-tz-offset />
              <button class="btn btn--small" type="submit">
                Snooze
              </button>
            </Form>
          </div>
        </details>
        <Form trigger="change">
          <label class="triage-select">
            <span class="sr-only">Assignee</span>
            <select name="assignee" aria-label="Assignee">
              <option value="none" selected={!triage.assigneeId}>
                Unassigned
              </option>
              <option value={me.id} selected={triage.assigneeId === me.id}>
                Me ({me.name})
              </option>
              {directory.agents
                .filter((a) => a.id !== me.id)
                .map((a) => (
                  <option value={a.id} selected={triage.assigneeId === a.id}>
                    {a.name}
                    {a.availability === "online" ? " ●" : a.availability === "away" ? " ◐" : ""}
                  </option>
                ))}
            </select>
          </label>
          <noscript>
            <button class="btn btn--small" type="submit">Assign</button>
          </noscript>
        </Form>
        {directory.teams.length ? (
          <Form trigger="change">
            <select name="team" aria-label="Team">
              <option value="none" selected={!triage.teamId}>
                No team
              </option>
              {directory.teams.map((t) => (
                <option value={t.id} selected={triage.teamId === t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Form>
        ) : null}
        <Form trigger="change">
          <select name="priority" aria-label="Priority" class={`priority-select priority-select--${triage.priority}`}>
            {PRIORITY_LABELS.map((label, i) => (
              <option value={String(i)} selected={triage.priority === i}>
                {i === 0 ? "No priority" : `${label} priority`}
              </option>
            ))}
          </select>
        </Form>
        <Form>
          <button class={`btn btn--small btn--icon-text${triage.pinned ? " is-on" : ""}`} type="submit" name="pinned" value={triage.pinned ? "0" : "1"} aria-pressed={triage.pinned ? "true" : "false"} title={triage.pinned ? "Unpin" : "Pin to the top"}>
            📌 {triage.pinned ? "Pinned" : "Pin"}
          </button>
        </Form>
      </div>
      <div class="triage-bar__tags">
        {tags.map((t) => (
          <Form class="tag-chip-form">
            <span class={`tag-chip tag-chip--${t.color}`}>
              {t.name}
              <button type="submit" name="remove_tag" value={t.id} class="tag-chip__remove" aria-label={`Remove tag ${t.name}`}>
                ×
              </button>
            </span>
          </Form>
        ))}
        {addable.length ? (
          <Form trigger="change">
            <select name="add_tag" aria-label="Add a tag" class="tag-add">
              <option value="">+ Tag</option>
              {addable.map((t) => (
                <option value={t.id}>{t.name}</option>
              ))}
            </select>
          </Form>
        ) : null}
      </div>
    </div>
  );
};
