// The API token list rows (Settings → API): name and non-secret prefix, scope,
// who created it, last use, expiry, and Revoke (with a confirmation) — plus the
// one-time box that shows a new token in the response that created it.
import type { FC } from "hono/jsx";
import { type ApiTokenRow, SCOPE_LABELS } from "../api-tokens";
import { CsrfField, expiresIn, timeAgo } from "./form-bits";
import { IconKey } from "./icons";

const iso = (at: number) => new Date(at).toISOString();

function stateOf(token: ApiTokenRow, now: number): "active" | "expired" | "revoked" {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && token.expiresAt <= now) return "expired";
  return "active";
}

/** "Expires in 30 days", "Never expires" or a red "Expired" tag. */
const Expiry: FC<{ token: ApiTokenRow; now: number }> = ({ token, now }) => {
  if (token.expiresAt === null) return <span>Never expires</span>;
  if (token.expiresAt <= now) return <span class="tag tag--inactive">Expired</span>;
  return <span title={iso(token.expiresAt)}>Expires {expiresIn(token.expiresAt, now)}</span>;
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
          <code class="api-token__prefix" title="The start of the token, to tell tokens apart">
            {token.prefix ? `${token.prefix}…` : "demo token"}
          </code>
        </span>
      </div>
      <span class={`tag api-scope api-scope--${token.scope}`}>{SCOPE_LABELS[token.scope]}</span>
      <span class="api-token__meta">
        <span>
          Created <time datetime={iso(token.createdAt)}>{timeAgo(token.createdAt, now)}</time>
          {token.createdByName ? ` by ${token.createdByName}` : ""}
        </span>
        <span class="api-token__used">
          {token.lastUsedAt === null ? (
            "Never used"
          ) : (
            <>
              Last used <time datetime={iso(token.lastUsedAt)}>{timeAgo(token.lastUsedAt, now)}</time>
            </>
          )}
          <span aria-hidden="true"> · </span>
          <Expiry token={token} now={now} />
        </span>
      </span>
      <div class="api-token__actions">
        {state === "revoked" && token.revokedAt !== null ? (
          <span class="tag tag--inactive" title={iso(token.revokedAt)}>
            Revoked {timeAgo(token.revokedAt, now)}
          </span>
        ) : (
          <form
            method="post"
            action={`/settings/api/${token.id}/revoke`}
            hx-post={`/settings/api/${token.id}/revoke`}
            hx-target={`#api-token-${token.id}`}
            hx-swap="outerHTML"
            hx-confirm={`Revoke the token “${token.name}”? Anything using it stops working at once.`}
          >
            <CsrfField token={csrfToken} />
            <button type="submit" class="btn btn--danger-ghost btn--sm" aria-label={`Revoke ${token.name}`}>
              Revoke
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
          Show more tokens
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
      <p class="one-time-link__title">Your new token “{name}”</p>
      <p class="one-time-link__text">
        {SCOPE_LABELS[scope]}
        {expiresAt === null ? ", never expires" : `, expires ${expiresIn(expiresAt, now)}`}. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <label class="visually-hidden" for="one-time-token">
        The new API token
      </label>
      <input id="one-time-token" class="input input--mono one-time-link__url" type="text" readonly value={token} autofocus autocomplete="off" spellcheck={false} />
      <p class="one-time-link__note">Copy it now: for security it is shown only once. If it is lost, revoke it and create another.</p>
    </div>
  </div>
);
