// The API token list rows (Settings → API): name and non-secret prefix, scope,
// who created it, last use, expiry, and Revoke (with a confirmation) — plus the
// one-time box that shows a new token in the response that created it.
import type { FC } from "hono/jsx";
import { type ApiTokenRow, scopeLabel } from "../api-tokens";
import { CsrfField, expiresIn, timeAgo } from "./form-bits";
import { IconKey } from "./icons";
import { t } from "../../ui/i18n";
import { fullLabel } from "../../ui/time";
import { richText } from "./rich-text";

const iso = (at: number) => new Date(at).toISOString();
/** The exact date and time in the reader's zone, for tooltips. */
const exact = (at: number) => fullLabel(at);

function stateOf(token: ApiTokenRow, now: number): "active" | "expired" | "revoked" {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && token.expiresAt <= now) return "expired";
  return "active";
}

/** "Expires in 30 days", "Never expires" or a red "Expired" tag. */
const Expiry: FC<{ token: ApiTokenRow; now: number }> = ({ token, now }) => {
  if (token.expiresAt === null) return <span>{t("settings.api.neverExpires")}</span>;
  if (token.expiresAt <= now) return <span class="tag tag--inactive">{t("settings.api.expired")}</span>;
  return <span title={exact(token.expiresAt)}>{t("settings.api.expires", { when: expiresIn(token.expiresAt, now) })}</span>;
};

export const ApiTokenRowView: FC<{ token: ApiTokenRow; csrfToken: string; now?: number }> = ({ token, csrfToken, now = Date.now() }) => {
  const state = stateOf(token, now);
  return (
    <li id={`api-token-${token.id}`} class={`api-token${state === "active" ? "" : " api-token--off"}`}>
      <div class="api-token__who">
        <span class="api-token__icon" aria-hidden="true">
          <IconKey />
        </span>
        <span class="api-token__text">
          <span class="api-token__name">{token.name}</span>
          <code class="api-token__prefix" title={t("settings.api.prefixHint")}>
            {token.prefix ? `${token.prefix}…` : t("settings.api.demoToken")}
          </code>
        </span>
      </div>
      <span class={`tag api-scope api-scope--${token.scope}`}>{scopeLabel(token.scope)}</span>
      <span class="api-token__meta">
        <span>
          {richText(token.createdByName ? "settings.api.createdBy" : "settings.api.created", { when: <time datetime={iso(token.createdAt)} title={exact(token.createdAt)}>{timeAgo(token.createdAt, now)}</time> }, { name: token.createdByName ?? "" })}
        </span>
        <span class="api-token__used">
          {token.lastUsedAt === null
            ? t("settings.api.neverUsed")
            : richText("settings.api.lastUsed", { when: <time datetime={iso(token.lastUsedAt)} title={exact(token.lastUsedAt)}>{timeAgo(token.lastUsedAt, now)}</time> })}
          <span aria-hidden="true"> · </span>
          <Expiry token={token} now={now} />
        </span>
      </span>
      <div class="api-token__actions">
        {state === "revoked" && token.revokedAt !== null ? (
          <span class="tag tag--inactive" title={exact(token.revokedAt)}>
            {t("settings.api.revoked", { when: timeAgo(token.revokedAt, now) })}
          </span>
        ) : (
          <form
            method="post"
            action={`/settings/api/${token.id}/revoke`}
            hx-post={`/settings/api/${token.id}/revoke`}
            hx-target={`#api-token-${token.id}`}
            hx-swap="outerHTML"
            hx-confirm={t("settings.api.revokeConfirm", { name: token.name })}
          >
            <CsrfField token={csrfToken} />
            <button type="submit" class="btn btn--danger-ghost btn--sm" aria-label={t("settings.api.revokeName", { name: token.name })}>
              {t("settings.api.revoke")}
            </button>
          </form>
        )}
      </div>
    </li>
  );
};

export interface ApiTokenRowsProps {
  items: ApiTokenRow[];
  nextCursor: string | null;
  csrfToken: string;
  now?: number;
}

/** Rows plus the "Show more" row that fetches the next keyset page (htmx) or links to it. */
export const ApiTokenRows: FC<ApiTokenRowsProps> = ({ items, nextCursor, csrfToken, now }) => (
  <>
    {items.map((token) => (
      <ApiTokenRowView token={token} csrfToken={csrfToken} now={now} />
    ))}
    {nextCursor ? (
      <li class="load-more">
        <a
          class="btn btn--ghost btn--sm"
          href={`/settings/api?cursor=${encodeURIComponent(nextCursor)}`}
          hx-get={`/settings/api/tokens?cursor=${encodeURIComponent(nextCursor)}`}
          hx-target="closest li"
          hx-swap="outerHTML"
        >
          {t("settings.api.more")}
        </a>
      </li>
    ) : null}
  </>
);

export interface OneTimeTokenProps {
  name: string;
  scope: ApiTokenRow["scope"];
  token: string;
  expiresAt: number | null;
  now?: number;
}

/**
 * The new token, in the one response that created it (sent with
 * Cache-Control: no-store). D1 keeps only its SHA-256, so it cannot be shown again.
 */
export const OneTimeToken: FC<OneTimeTokenProps> = ({ name, scope, token, expiresAt, now = Date.now() }) => (
  <div class="one-time-link" role="status">
    <div class="one-time-link__icon">
      <IconKey />
    </div>
    <div class="one-time-link__body">
      <p class="one-time-link__title">{t("settings.api.newTitle", { name })}</p>
      <p class="one-time-link__text">
        {richText(expiresAt === null ? "settings.api.newTextNever" : "settings.api.newText", { header: <code>Authorization: Bearer &lt;token&gt;</code> }, {
          scope: scopeLabel(scope),
          when: expiresAt === null ? "" : expiresIn(expiresAt, now),
        })}
      </p>
      <label class="visually-hidden" for="one-time-token">
        {t("settings.api.newLabel")}
      </label>
      <input id="one-time-token" class="input input--mono one-time-link__url" type="text" readonly value={token} autofocus autocomplete="off" spellcheck={false} />
      <p class="one-time-link__note">{t("settings.api.newNote")}</p>
    </div>
  </div>
);
