// Small form pieces the settings views share: the CSRF field, field errors,
// the form-level alert, the one-time link box, and a labelled text field.
import type { Child, FC } from "hono/jsx";
import { IconAlert } from "../../ui/icons";
import { localeContext, t } from "../../ui/i18n";
import { IconLink } from "./icons";

export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

/** The message under a field; `id` is what the input's aria-describedby points at. */
export const FieldError: FC<{ id: string; message?: string }> = ({ id, message }) =>
  message ? (
    <p id={id} class="field__error">
      {message}
    </p>
  ) : null;

export const FormAlert: FC<{ message?: string; id?: string }> = ({ message, id }) =>
  message ? (
    <div class="alert alert--error" role="alert" id={id}>
      <IconAlert />
      <span>{message}</span>
    </div>
  ) : null;

export interface OneTimeLinkProps {
  title: string;
  description: string;
  url: string;
  expiresAt: number;
  now?: number;
}

/**
 * A link that carries a secret token. It is rendered only in the response that
 * created it; the token is stored hashed, so it can never be shown again.
 */
export const OneTimeLink: FC<OneTimeLinkProps> = ({ title, description, url, expiresAt, now = Date.now() }) => (
  <div class="one-time-link" role="status">
    <div class="one-time-link__icon">
      <IconLink />
    </div>
    <div class="one-time-link__body">
      <p class="one-time-link__title">{title}</p>
      <p class="one-time-link__text">{description}</p>
      <label class="visually-hidden" for="one-time-link-url">
        {title}
      </label>
      <input id="one-time-link-url" class="input input--mono one-time-link__url" type="text" readonly value={url} autofocus />
      <p class="one-time-link__note">{t("settings.oneTime.note", { when: expiresIn(expiresAt, now) })}</p>
    </div>
  </div>
);

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(): Intl.RelativeTimeFormat {
  const { locale } = localeContext();
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" })));
  return format;
}

/** `abs` ms as the largest whole unit that reads well (minutes, hours up to 48, then days), signed. */
function inUnits(abs: number, sign: 1 | -1, round: (n: number) => number): string {
  const format = relativeFormat();
  if (abs < 3_600_000) return format.format(sign * Math.max(1, round(abs / 60_000)), "minute");
  if (abs < 48 * 3_600_000) return format.format(sign * round(abs / 3_600_000), "hour");
  return format.format(sign * round(abs / 86_400_000), "day");
}

/** When something ends, from now, in the reader's language (Intl.RelativeTimeFormat): "in 7 days", "in 5 minutes"; "now" once it is due. */
export function expiresIn(at: number, now = Date.now()): string {
  const ms = at - now;
  if (ms <= 0) return t("settings.time.now");
  return inUnits(ms, 1, Math.round);
}

/** How long ago, in the reader's language: "just now", "5 minutes ago", "3 hours ago", "12 days ago" (whole units, rounded down). */
export function timeAgo(at: number, now = Date.now()): string {
  const ms = now - at;
  if (ms < 60_000) return t("settings.time.justNow");
  return inUnits(ms, -1, Math.floor);
}

export interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: Child;
  rows?: number;
  type?: string;
  placeholder?: string;
  inputClass?: string;
  extra?: Record<string, string | number | boolean | undefined>;
}

/** A label, an input (or textarea when rows is set), a hint and the field's error. */
export const TextField: FC<TextFieldProps> = ({ id, name, label, value, error, hint, rows, type = "text", placeholder, inputClass, extra = {} }) => {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, name, placeholder, "aria-invalid": error ? "true" : undefined, "aria-describedby": describedBy, ...extra };
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      {rows ? (
        <textarea class={`input textarea ${inputClass ?? ""}`.trim()} rows={rows} {...common}>
          {value}
        </textarea>
      ) : (
        <input class={`input ${inputClass ?? ""}`.trim()} type={type} value={value} {...common} />
      )}
      <FieldTail id={id} hint={hint} error={error} />
    </div>
  );
};

/** What follows a field's control: its hint and its error (ids `<id>-hint` / `<id>-error` for aria-describedby). */
export const FieldTail: FC<{ id: string; hint?: Child; error?: string }> = ({ id, hint, error }) => (
  <>
    {hint ? (
      <p id={`${id}-hint`} class="field__hint">
        {hint}
      </p>
    ) : null}
    <FieldError id={`${id}-error`} message={error} />
  </>
);
