// Small form pieces the settings views share: the CSRF field, field errors,
// the form-level alert and the one-time link box.
import type { FC } from "hono/jsx";
import { IconAlert } from "../../ui/icons";
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
      <p class="one-time-link__note">
        Copy it now: for security it is shown only once. It stops working {expiresIn(expiresAt, now)} or after it is used.
      </p>
    </div>
  </div>
);

/** "in 7 days", "in 24 hours", "in 5 minutes"; "already" for the past. */
export function expiresIn(at: number, now = Date.now()): string {
  const ms = at - now;
  if (ms <= 0) return "already";
  const hours = Math.round(ms / 3_600_000);
  if (hours >= 48) return `in ${Math.round(hours / 24)} days`;
  if (hours >= 1) return `in ${hours} hour${hours === 1 ? "" : "s"}`;
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** "just now", "5 minutes ago", "3 hours ago", "12 days ago". */
export function timeAgo(at: number, now = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
