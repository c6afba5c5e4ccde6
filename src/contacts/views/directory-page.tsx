// The contact directory (/contacts): filters (a plain GET form), one keyset page
// of contacts with their channels, tags and latest conversation, bulk tagging and
// "merge selected" over checked rows, and the export link for the same filters.
import type { FC } from "hono/jsx";
import { tagColor } from "../../tags/palette";
import { Avatar } from "../../ui/avatar";
import { t } from "../../ui/i18n";
import { IconChat, IconDownload, IconUsers } from "../../ui/icons";
import { Layout, type LayoutProps } from "../../ui/layout";
import { shortLabel, TimeLabel } from "../../ui/time";
import type { DirectoryFilters } from "../directory/filters";
import { FRIEND_STATUSES, filterQuery, SEEN_WINDOWS } from "../directory/filters";
import type { DirectoryRow } from "../directory/list";
import type { FieldDefinition } from "../queries/fields";
import type { TagView } from "../queries/tags";
import { CsrfField, contactName } from "./parts";

export interface DirectoryPageProps {
  user: LayoutProps["user"];
  csrfToken: string;
  filters: DirectoryFilters;
  rows: DirectoryRow[];
  nextAfterId: string | null;
  paged: boolean;
  tags: TagView[];
  channels: Array<{ id: string; name: string }>;
  fields: FieldDefinition[];
  suggestionCount: number;
  /** Admins see the account-linking settings link. */
  canManage: boolean;
  notice?: string;
  error?: string;
  now: number;
}

const Select: FC<{ name: string; value?: string; options: Array<[string, string]>; label: string }> = ({ name, value, options, label }) => (
  <select class="input cd-filter" name={name} aria-label={label}>
    {options.map(([v, text]) => (
      <option value={v} selected={(value ?? "") === v}>
        {text}
      </option>
    ))}
  </select>
);

const Filters: FC<Pick<DirectoryPageProps, "filters" | "tags" | "channels" | "fields">> = ({ filters: f, tags, channels, fields }) => {
  const active = Object.entries(f).some(([k, v]) => k !== "q" && v !== undefined);
  return (
    <form class="cd-filters" method="get" action="/contacts" role="search">
      <input class="input cd-search" type="search" name="q" value={f.q ?? ""} placeholder={t("contacts.dir.search")} aria-label={t("contacts.dir.search")} maxlength={100} />
      <details class="cd-more" open={active}>
        <summary class="btn btn--ghost btn--sm">{t("contacts.dir.filters")}</summary>
        <div class="cd-more__grid">
          <Select name="tag" value={f.tag} label={t("contacts.dir.anyTag")} options={[["", t("contacts.dir.anyTag")], ...tags.map((x): [string, string] => [x.id, x.name])]} />
          <Select name="channel" value={f.channel} label={t("contacts.dir.anyChannel")} options={[["", t("contacts.dir.anyChannel")], ...channels.map((x): [string, string] => [x.id, x.name])]} />
          <Select name="friend" value={f.friend} label={t("contacts.dir.anyFriend")} options={[["", t("contacts.dir.anyFriend")], ...FRIEND_STATUSES.map((s): [string, string] => [s, t(`contacts.friend.${s}`)])]} />
          <input class="input cd-filter" name="language" value={f.language ?? ""} placeholder={t("contacts.dir.language")} aria-label={t("contacts.dir.language")} maxlength={12} />
          <Select name="field" value={f.field} label={t("contacts.dir.anyField")} options={[["", t("contacts.dir.anyField")], ...fields.map((x): [string, string] => [x.id, x.label])]} />
          <input class="input cd-filter" name="value" value={f.value ?? ""} placeholder={t("contacts.dir.fieldValue")} aria-label={t("contacts.dir.fieldValue")} maxlength={500} />
          <Select name="seen" value={f.seen} label={t("contacts.dir.anySeen")} options={[["", t("contacts.dir.anySeen")], ...SEEN_WINDOWS.map((s): [string, string] => [s, t(`contacts.dir.seen.${s}`)])]} />
          <Select name="verified" value={f.verified} label={t("contacts.dir.anyVerified")} options={[["", t("contacts.dir.anyVerified")], ["yes", t("contacts.dir.verifiedOnly")], ["no", t("contacts.dir.unverifiedOnly")]]} />
          <label class="cd-check">
            <input type="checkbox" name="member" value="yes" checked={f.member === "yes"} />
            <span>{t("contacts.dir.membersOnly")}</span>
          </label>
        </div>
      </details>
      <button class="btn btn--primary btn--sm" type="submit">
        {t("contacts.dir.apply")}
      </button>
      {active || f.q ? (
        <a class="btn btn--ghost btn--sm" href="/contacts">
          {t("contacts.dir.clear")}
        </a>
      ) : null}
    </form>
  );
};

const Row: FC<{ row: DirectoryRow; now: number }> = ({ row, now }) => {
  const name = contactName(row.displayName);
  return (
    <li class="cd-row">
      <input class="cd-row__check" type="checkbox" name="ids" value={row.id} form="cd-bulk" aria-label={t("contacts.dir.select", { name })} />
      <Avatar name={name} pictureUrl={row.pictureUrl} size="md" />
      <div class="cd-row__main">
        <a class="cd-row__name" href={`/contacts/${row.id}`}>
          {name}
        </a>
        <div class="cd-row__meta">
          {row.channels.map((ch) => (
            <span class={`cd-chip cd-chip--${ch.friendStatus}`}>{ch.name}</span>
          ))}
          {row.verifiedCustomerId ? <span class="cd-chip cd-chip--verified">{t("contacts.page.verified", { id: row.verifiedCustomerId })}</span> : null}
          {row.membershipTitle ? <span class="cd-chip cd-chip--member">{t("contacts.page.member", { plan: row.membershipTitle })}</span> : null}
          {row.tags.map((tag) => (
            <span class={`cp-tag cp-tag--${tagColor(tag.color)}`}>{tag.name}</span>
          ))}
        </div>
      </div>
      <div class="cd-row__side">
        {row.lastSeenAt ? <TimeLabel class="cd-row__seen" at={row.lastSeenAt} label={shortLabel(row.lastSeenAt, now)} /> : <span class="cd-row__seen cp-muted">{t("contacts.dir.neverSeen")}</span>}
        {row.latestConversationId ? (
          <a class="btn btn--ghost btn--icon btn--sm" href={`/inbox/c/${row.latestConversationId}`} title={t("contacts.dir.openConversation")} aria-label={t("contacts.dir.openConversation")}>
            <IconChat />
          </a>
        ) : null}
      </div>
    </li>
  );
};

export const DirectoryPage: FC<DirectoryPageProps> = (p) => {
  const filtered = Object.values(p.filters).some((v) => v !== undefined);
  return (
    <Layout title={t("contacts.dir.title")} user={p.user} csrfToken={p.csrfToken} bodyClass="page-contacts">
      <link rel="stylesheet" href="/contacts-directory.css" />
      <div class="cd-page">
        <header class="cd-head">
          <h1 class="cd-head__title">
            <IconUsers />
            <span>{t("contacts.dir.title")}</span>
          </h1>
          <nav class="cd-head__actions">
            <a class="btn btn--ghost btn--sm" href="/contacts/suggestions">
              <span>{t("contacts.dir.suggestions")}</span>
              {p.suggestionCount ? <span class="cp-count">{String(p.suggestionCount)}</span> : null}
            </a>
            {p.canManage ? (
              <a class="btn btn--ghost btn--sm" href="/contacts/account-linking">
                {t("contacts.link.settings")}
              </a>
            ) : null}
            <a class="btn btn--ghost btn--sm" href="/contacts/import">
              {t("contacts.dir.import")}
            </a>
            <a class="btn btn--ghost btn--sm" href={`/contacts/export.csv${filterQuery(p.filters)}`} download>
              <IconDownload />
              <span>{t("contacts.dir.export")}</span>
            </a>
          </nav>
        </header>
        <Filters filters={p.filters} tags={p.tags} channels={p.channels} fields={p.fields} />
        {p.notice ? (
          <p class="cd-notice" role="status">
            {p.notice}
          </p>
        ) : null}
        {p.error ? (
          <p class="cp-error" role="alert">
            {p.error}
          </p>
        ) : null}
        <form id="cd-bulk" class="cd-bulk" method="post" action={`/contacts/bulk-tag${filterQuery(p.filters)}`}>
          <CsrfField token={p.csrfToken} />
          <select class="input cd-bulk__tag" name="tag" aria-label={t("contacts.dir.bulkTagPick")}>
            <option value="">{t("contacts.dir.bulkTagPick")}</option>
            {p.tags.map((tag) => (
              <option value={tag.id}>{tag.name}</option>
            ))}
          </select>
          <button class="btn btn--ghost btn--sm" type="submit">
            {t("contacts.dir.bulkTag")}
          </button>
          <button class="btn btn--ghost btn--sm" type="submit" formaction="/contacts/merge" formmethod="get">
            {t("contacts.dir.mergeSelected")}
          </button>
        </form>
        {p.rows.length ? (
          <ul class="cd-list">
            {p.rows.map((row) => (
              <Row row={row} now={p.now} />
            ))}
          </ul>
        ) : (
          <div class="cd-empty">
            <p class="cd-empty__title">{filtered ? t("contacts.dir.noMatch") : t("contacts.dir.empty")}</p>
            {filtered ? null : <p class="cp-muted">{t("contacts.dir.emptyHint")}</p>}
          </div>
        )}
        <nav class="cd-pager">
          {p.paged ? (
            <a class="btn btn--ghost btn--sm" href={`/contacts${filterQuery(p.filters)}`}>
              {t("contacts.dir.first")}
            </a>
          ) : null}
          {p.nextAfterId ? (
            <a class="btn btn--ghost btn--sm" rel="next" href={`/contacts${filterQuery(p.filters, { after: p.nextAfterId })}`}>
              {t("contacts.dir.more")}
            </a>
          ) : null}
        </nav>
      </div>
    </Layout>
  );
};
