// The canned reply form, used to create (in its own card) and to edit (in place
// of the reply's row). Re-rendered with field errors on 422.
import type { FC } from "hono/jsx";
import { type FieldErrors, REPLY_BODY_MAX, SHORTCUT_MAX } from "../forms";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconPlus } from "./icons";
import { t } from "../../ui/i18n";
import { richText } from "./rich-text";

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
    {richText("settings.canned.hint", { contact: <code>{"{{contact.name}}"}</code>, agent: <code>{"{{agent.name}}"}</code> }, { max: REPLY_BODY_MAX })}
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
            {t("settings.canned.shortcut")}
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
            {t("settings.canned.shortcutHint")}
          </p>
          <FieldError id={`shortcut-${key}-error`} message={errors.shortcut} />
        </div>
        {replyId ? (
          <div class="field">
            <span class="field__label">{t("settings.canned.who")}</span>
            <p class="canned-form__scope">{shared ? t("settings.canned.whoEveryone") : t("settings.canned.whoYou")}</p>
          </div>
        ) : canShare ? (
          <fieldset class="field canned-form__radios">
            <legend class="field__label">{t("settings.canned.who")}</legend>
            <label class="radio">
              <input type="radio" name="scope" value="shared" checked={scope === "shared"} />
              {t("settings.canned.scopeShared")}
            </label>
            <label class="radio">
              <input type="radio" name="scope" value="personal" checked={scope !== "shared"} />
              {t("settings.canned.scopePersonal")}
            </label>
            <FieldError id={`scope-${key}-error`} message={errors.scope} />
          </fieldset>
        ) : (
          <div class="field">
            <span class="field__label">{t("settings.canned.who")}</span>
            <p class="canned-form__scope">{t("settings.canned.whoYouPersonal")}</p>
            <input type="hidden" name="scope" value="personal" />
          </div>
        )}
      </div>
      <div class="field">
        <label class="field__label" for={`body-${key}`}>
          {t("settings.canned.body")}
        </label>
        <textarea
          id={`body-${key}`}
          class="input textarea"
          name="body"
          rows={4}
          maxlength={REPLY_BODY_MAX}
          required
          placeholder={t("settings.canned.bodyPlaceholder")}
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
            {t("common.cancel")}
          </a>
        ) : null}
        <button type="submit" class="btn btn--primary">
          {replyId ? (
            t("settings.saveChanges")
          ) : (
            <>
              <IconPlus />
              {t("settings.canned.add")}
            </>
          )}
        </button>
      </div>
    </form>
  );
};
