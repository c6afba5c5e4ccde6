// The canned reply form, used to create (in its own card) and to edit (in place
// of the reply's row). Re-rendered with field errors on 422.
import type { FC } from "hono/jsx";
import { type FieldErrors, REPLY_BODY_MAX, SHORTCUT_MAX } from "../forms";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconPlus } from "./icons";

export interface CannedFormValues {
  shortcut: string;
  body: string;
  scope: string;
}

export interface CannedFormProps {
  csrfToken: string;
  /** Absent: the create form. */
  replyId?: string;
  /** Shared or personal; fixed once created. */
  shared?: boolean;
  /** Supervisors and up may create shared replies. */
  canShare: boolean;
  values?: Partial<CannedFormValues>;
  errors?: FieldErrors;
}

export const VariablesHint: FC<{ id: string }> = ({ id }) => (
  <p id={id} class="field__hint">
    Up to {REPLY_BODY_MAX.toLocaleString("en")} characters. Variables: <code>{"{{contact.name}}"}</code> becomes the customer's name,{" "}
    <code>{"{{agent.name}}"}</code> the name of the agent who sends it.
  </p>
);

export const CannedForm: FC<CannedFormProps> = ({ csrfToken, replyId, shared, canShare, values = {}, errors = {} }) => {
  const key = replyId ?? "new";
  const action = replyId ? `/settings/canned-replies/${replyId}` : "/settings/canned-replies";
  const target = replyId ? `#canned-${replyId}` : "#canned-create";
  const scope = values.scope ?? (canShare ? "shared" : "personal");
  const describe = (f: string, extra?: string) => [errors[f] ? `${f}-${key}-error` : "", extra ?? ""].filter(Boolean).join(" ") || undefined;
  return (
    <form class="canned-form" method="post" action={action} hx-post={action} hx-target={target} hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <FormAlert message={errors._form} />
      <div class="canned-form__top">
        <div class="field">
          <label class="field__label" for={`shortcut-${key}`}>
            Shortcut
          </label>
          <div class="input-prefix">
            <span class="input-prefix__mark" aria-hidden="true">
              /
            </span>
            <input
              id={`shortcut-${key}`}
              class="input input--mono"
              name="shortcut"
              value={values.shortcut ?? ""}
              maxlength={SHORTCUT_MAX}
              required
              pattern="/?[a-zA-Z0-9_\-]+"
              placeholder="thanks"
              autocomplete="off"
              spellcheck={false}
              aria-invalid={errors.shortcut ? "true" : undefined}
              aria-describedby={describe("shortcut", `shortcut-${key}-hint`)}
            />
          </div>
          <p id={`shortcut-${key}-hint`} class="field__hint">
            Lowercase letters, digits, - and _.
          </p>
          <FieldError id={`shortcut-${key}-error`} message={errors.shortcut} />
        </div>
        {replyId ? (
          <div class="field">
            <span class="field__label">Who can use it</span>
            <p class="canned-form__scope">{shared ? "Everyone in the workspace" : "Only you"}</p>
          </div>
        ) : canShare ? (
          <fieldset class="field canned-form__radios">
            <legend class="field__label">Who can use it</legend>
            <label class="radio">
              <input type="radio" name="scope" value="shared" checked={scope === "shared"} />
              Everyone (shared)
            </label>
            <label class="radio">
              <input type="radio" name="scope" value="personal" checked={scope !== "shared"} />
              Only me
            </label>
            <FieldError id={`scope-${key}-error`} message={errors.scope} />
          </fieldset>
        ) : (
          <div class="field">
            <span class="field__label">Who can use it</span>
            <p class="canned-form__scope">Only you (personal)</p>
            <input type="hidden" name="scope" value="personal" />
          </div>
        )}
      </div>
      <div class="field">
        <label class="field__label" for={`body-${key}`}>
          Reply
        </label>
        <textarea
          id={`body-${key}`}
          class="input textarea"
          name="body"
          rows={4}
          maxlength={REPLY_BODY_MAX}
          required
          placeholder="Thank you for contacting us, {{contact.name}}! I'm {{agent.name}} and I'll help you today."
          autofocus={Boolean(replyId)}
          aria-invalid={errors.body ? "true" : undefined}
          aria-describedby={describe("body", `body-${key}-hint`)}
        >
          {values.body ?? ""}
        </textarea>
        <VariablesHint id={`body-${key}-hint`} />
        <FieldError id={`body-${key}-error`} message={errors.body} />
      </div>
      <div class="canned-form__actions">
        {replyId ? (
          <a class="btn btn--ghost" href="/settings/canned-replies" hx-get={`/settings/canned-replies/${replyId}`} hx-target={target} hx-swap="outerHTML">
            Cancel
          </a>
        ) : null}
        <button type="submit" class="btn btn--primary">
          {replyId ? (
            "Save changes"
          ) : (
            <>
              <IconPlus />
              Add reply
            </>
          )}
        </button>
      </div>
    </form>
  );
};
