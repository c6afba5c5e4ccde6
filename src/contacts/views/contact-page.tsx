// A contact's own page (/contacts/:id): every LINE account it has (per channel,
// with the verified customer id and membership, and the "send account link"
// action), tags, custom fields, notes, all conversations and the activity log.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { t } from "../../ui/i18n";
import { IconBack } from "../../ui/icons";
import { Layout, type LayoutProps } from "../../ui/layout";
import type { ActivityItem } from "../directory/activity";
import type { ContactIdentity } from "../queries/contact";
import type { ContactPanelData } from "../queries/panel";
import { FieldsSection } from "./fields-section";
import { HistorySection } from "./history-section";
import { IconHistory } from "./icons";
import { NotesSection } from "./notes-section";
import { CsrfField, contactName, languageName, SectionTitle, When } from "./parts";
import { TagsSection } from "./tags-section";

export interface ContactPageProps extends ContactPanelData {
  user: LayoutProps["user"];
  csrfToken: string;
  canManageFields: boolean;
  activity: ActivityItem[];
  notice?: string;
  error?: string;
  now: number;
}

function activityText(item: ActivityItem): string {
  const actor = item.actorName ?? t("contacts.audit.someone");
  const d = item.data ?? {};
  switch (item.action) {
    case "contact.merged":
      return t("contacts.audit.merged", { actor, names: Array.isArray(d.names) ? d.names.join(", ") : "" });
    case "contact.tag_added":
      return t("contacts.audit.tagged", { actor, name: String(d.name ?? "") });
    case "contact.field_updated":
      return t("contacts.audit.field", { actor, key: String(d.key ?? "") });
    case "contact.verified":
      return t("contacts.audit.verified", { id: String(d.customerId ?? "") });
    case "contact.account_link_sent":
      return t("contacts.audit.linkSent", { actor });
    default:
      return t("contacts.audit.generic", { actor, action: item.action });
  }
}

const Identity: FC<{ identity: ContactIdentity; contactId: string; csrfToken: string }> = ({ identity, contactId, csrfToken }) => (
  <li class="cd-identity">
    <div class="cd-identity__head">
      <span class="cd-identity__channel">{identity.channelName}</span>
      <span class={`cp-friend cp-friend--${identity.friendStatus}`}>{t(`contacts.friend.${identity.friendStatus}`)}</span>
    </div>
    <dl class="cp-facts">
      <dt>{t("contacts.page.userId")}</dt>
      <dd class="cd-mono">{identity.lineUserId}</dd>
      <dt>{t("contacts.page.verifiedAt")}</dt>
      <dd>{identity.verifiedCustomerId ? <span class="cd-chip cd-chip--verified">{t("contacts.page.verified", { id: identity.verifiedCustomerId })}</span> : <span class="cp-muted">{t("contacts.page.notVerified")}</span>}</dd>
      {identity.membershipStatus ? (
        <>
          <dt>{t("contacts.page.membership")}</dt>
          <dd>
            {identity.membershipStatus === "left"
              ? t("contacts.page.memberLeft", { plan: identity.membershipTitle ?? `#${identity.membershipId ?? ""}` })
              : t("contacts.page.member", { plan: identity.membershipTitle ?? `#${identity.membershipId ?? ""}` })}
          </dd>
        </>
      ) : null}
      <dt>{t("contacts.identity.lastSeen")}</dt>
      <dd>
        <When at={identity.lastSeenAt} />
      </dd>
    </dl>
    {identity.verifiedCustomerId ? null : (
      <form method="post" action={`/contacts/${contactId}/account-link`} class="cd-identity__link">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="identity" value={identity.id} />
        <button class="btn btn--ghost btn--sm" type="submit" disabled={identity.friendStatus === "unfollowed"}>
          {t("contacts.link.send")}
        </button>
      </form>
    )}
  </li>
);

export const ContactPage: FC<ContactPageProps> = (p) => {
  const name = contactName(p.contact.displayName, p.identities[0]?.lineUserId);
  return (
    <Layout title={name} user={p.user} csrfToken={p.csrfToken} bodyClass="page-contacts">
      <link rel="stylesheet" href="/contacts-directory.css" />
      <div class="cd-page cd-contact" data-contact-id={p.contact.id}>
        <a class="btn btn--ghost btn--sm cd-back" href="/contacts">
          <IconBack />
          <span>{t("contacts.page.back")}</span>
        </a>
        <header class="cd-contact__head">
          <Avatar name={name} pictureUrl={p.contact.pictureUrl} size="lg" />
          <div class="cd-contact__who">
            <h1 class="cd-contact__name">{name}</h1>
            {p.contact.language ? <p class="cp-muted">{languageName(p.contact.language)}</p> : null}
          </div>
          <a class="btn btn--ghost btn--sm cd-contact__merge" href={`/contacts?q=${encodeURIComponent(p.contact.displayName ?? "")}`}>
            {t("contacts.page.mergeWith")}
          </a>
        </header>
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
        <div class="cd-contact__grid">
          <div class="cd-contact__col contact-panel">
            <section class="cp-section" aria-label={t("contacts.page.identities")}>
              <h2 class="cp-section__title">{t("contacts.page.identities")}</h2>
              <ul class="cd-identities">
                {p.identities.map((identity) => (
                  <Identity identity={identity} contactId={p.contact.id} csrfToken={p.csrfToken} />
                ))}
              </ul>
            </section>
            <TagsSection contactId={p.contact.id} tags={p.tags} allTags={p.allTags} csrfToken={p.csrfToken} />
            <FieldsSection contactId={p.contact.id} fields={p.fields} csrfToken={p.csrfToken} canManageFields={p.canManageFields} />
          </div>
          <div class="cd-contact__col contact-panel">
            <HistorySection contactId={p.contact.id} history={p.history} currentConversationId={null} showChannel={p.identities.length > 1} now={p.now} />
            <NotesSection contactId={p.contact.id} notes={p.notes} agents={p.agents} csrfToken={p.csrfToken} conversationId={null} now={p.now} />
            <section class="cp-section" aria-labelledby="cd-activity-title">
              <SectionTitle icon={<IconHistory />} id="cd-activity-title">
                {t("contacts.page.activity")}
              </SectionTitle>
              {p.activity.length ? (
                <ul class="cd-activity">
                  {p.activity.map((item) => (
                    <li>
                      <span>{activityText(item)}</span> <When at={item.createdAt} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="cp-empty">{t("contacts.page.noActivity")}</p>
              )}
            </section>
          </div>
        </div>
      </div>
    </Layout>
  );
};
