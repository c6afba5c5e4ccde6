// The private-note form under the thread: agents' notes are kept in the thread,
// visually distinct, and never sent to LINE.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";

export interface NoteFormProps {
  conversationId: string;
  csrfToken: string;
  error?: string;
  text?: string;
  /** Shown (the note tab is open): after an error or right after adding a note. */
  visible?: boolean;
}

export const NoteForm: FC<NoteFormProps> = ({ conversationId, csrfToken, error, text, visible }) => {
  const action = `/inbox/c/${conversationId}/notes`;
  return (
    <form id="note-form" class="note-form" method="post" action={action} hx-post={action} hx-target="this" hx-swap="outerHTML" hidden={!(error || visible)}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      {error ? (
        <div class="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <textarea name="text" class="note-form__text" rows={2} maxlength={5000} required placeholder={t("inbox.note.placeholder")} data-enter-submits aria-label={t("inbox.note.label")}>
        {text ?? ""}
      </textarea>
      <div class="note-form__actions">
        <span class="note-form__hint">{t("inbox.note.hint")}</span>
        <button class="btn btn--small btn--note" type="submit">
          {t("inbox.note.add")}
        </button>
      </div>
    </form>
  );
};
