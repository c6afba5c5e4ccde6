// The panel's notes: a form to add one (with @mention suggestions the server
// completes, so no extra script is needed) and the notes, newest first.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { t } from "../../ui/i18n";
import { shortLabel, TimeLabel } from "../../ui/time";
import { type MentionableAgent, splitMentions } from "../mentions";
import type { NoteView } from "../queries/notes";
import { MAX_NOTE_LENGTH } from "../schemas";
import { IconNote } from "./icons";
import { CsrfField, FormError, SectionTitle } from "./parts";

export interface NoteFormProps {
  contactId: string;
  csrfToken: string;
  conversationId: string | null;
  draft?: string;
  error?: string | null;
  autofocus?: boolean;
}

export const NoteForm: FC<NoteFormProps> = ({ contactId, csrfToken, conversationId, draft, error, autofocus }) => {
  const action = `/contacts/${contactId}/notes`;
  const bodyId = `cp-note-body-${contactId}`;
  return (
    <form method="post" action={action} hx-post={action} hx-target="closest .cp-section" hx-swap="outerHTML" class="cp-note-form" id={`cp-note-form-${contactId}`}>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="conversation" value={conversationId ?? ""} />
      <label class="visually-hidden" for={bodyId}>
        {t("contacts.notes.new")}
      </label>
      <textarea
        id={bodyId}
        name="body"
        class="cp-input cp-note-form__body"
        rows={3}
        maxlength={MAX_NOTE_LENGTH}
        placeholder={t("contacts.notes.placeholder")}
        hx-post={`${action}/mentions`}
        hx-trigger="input changed delay:150ms"
        hx-sync="this:replace"
        hx-target={`#cp-mentions-${contactId}`}
        hx-swap="innerHTML"
        aria-invalid={error ? "true" : undefined}
        autofocus={autofocus ? true : undefined}
        data-caret-end={autofocus ? "" : undefined}
      >
        {draft ?? ""}
      </textarea>
      <div id={`cp-mentions-${contactId}`} class="cp-mentions" aria-live="polite"></div>
      <FormError message={error} />
      <div class="cp-note-form__bar">
        <span class="cp-hint">{t("contacts.notes.private")}</span>
        <button type="submit" class="btn btn--primary btn--sm">
          {t("contacts.notes.add")}
        </button>
      </div>
    </form>
  );
};

export interface MentionSuggestionsProps {
  contactId: string;
  agents: MentionableAgent[];
}

/** The agents matching the `@partial` being typed; each completes the draft on click. */
export const MentionSuggestions: FC<MentionSuggestionsProps> = ({ contactId, agents }) =>
  agents.length ? (
    <ul class="cp-mention-list" aria-label={t("contacts.notes.mentionList")}>
      {agents.map((a) => (
        <li>
          <button
            type="button"
            class="cp-mention-option"
            hx-post={`/contacts/${contactId}/notes/complete`}
            hx-vals={JSON.stringify({ mention: a.id })}
            hx-target={`#cp-note-form-${contactId}`}
            hx-swap="outerHTML"
          >
            <Avatar name={a.name} size="sm" />
            <span>{a.name}</span>
          </button>
        </li>
      ))}
    </ul>
  ) : null;

export const NoteBody: FC<{ body: string; agents: MentionableAgent[] }> = ({ body, agents }) => (
  <p class="cp-note__body">{splitMentions(body, agents).map((part) => (part.mention ? <strong class="cp-mention">{part.text}</strong> : part.text))}</p>
);

export interface NotesSectionProps extends NoteFormProps {
  notes: NoteView[];
  agents: MentionableAgent[];
  now: number;
}

export const NotesSection: FC<NotesSectionProps> = ({ notes, agents, now, ...form }) => (
  <section class="cp-section cp-notes" aria-labelledby={`cp-notes-title-${form.contactId}`}>
    <SectionTitle icon={<IconNote />} count={notes.length} id={`cp-notes-title-${form.contactId}`}>
      {t("contacts.notes.title")}
    </SectionTitle>
    <NoteForm {...form} />
    {notes.length ? (
      <ol class="cp-note-list">
        {notes.map((note) => {
          const author = note.authorName ?? t("contacts.notes.formerTeammate");
          return (
            <li class="cp-note">
              <div class="cp-note__head">
                <Avatar name={author} size="sm" />
                <span class="cp-note__author">{author}</span>
                <TimeLabel class="cp-note__time" at={note.createdAt} label={shortLabel(note.createdAt, now)} />
              </div>
              <NoteBody body={note.body} agents={agents} />
            </li>
          );
        })}
      </ol>
    ) : (
      <p class="cp-empty">{t("contacts.notes.empty")}</p>
    )}
  </section>
);
