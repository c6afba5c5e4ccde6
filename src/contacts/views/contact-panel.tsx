// The contact panel: who the customer is on LINE (profile, friend status per
// channel, first/last seen), tags, custom fields, history and notes. A
// self-contained fragment for the inbox's third pane (or a phone slide-over),
// and a full page when opened without htmx.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { t } from "../../ui/i18n";
import { Layout, type LayoutProps } from "../../ui/layout";
import type { ContactIdentity } from "../queries/contact";
import type { ContactPanelData } from "../queries/panel";
import { FieldsSection } from "./fields-section";
import { HistorySection } from "./history-section";
import { CsatSection } from "../../csat/contact-ratings";
import { IconClose, IconGlobe } from "./icons";
import { NotesSection } from "./notes-section";
import { contactName, languageName, When } from "./parts";
import { TagsSection } from "./tags-section";

export interface ContactPanelProps extends ContactPanelData {
  /** The conversation the panel sits next to (marked in the history; where mentions link). */
  conversationId: string | null;
  csrfToken: string;
  /** Admins see a link to manage the custom field definitions. */
  canManageFields: boolean;
  now?: number;
}

/** The friend status badge and its explanation, in the reader's language. */
function friendLabel(status: ContactIdentity["friendStatus"]): { label: string; hint: string } {
  return { label: t(`contacts.friend.${status}`), hint: t(`contacts.friend.${status}.hint`) };
}

const IdentityCard: FC<{ identity: ContactIdentity }> = ({ identity }) => {
  const friend = friendLabel(identity.friendStatus);
  return (
    <li class="cp-identity">
      <div class="cp-identity__head">
        <span class="cp-identity__channel">{identity.channelName}</span>
        <span class={`cp-friend cp-friend--${identity.friendStatus}`} title={friend.hint}>
          {friend.label}
        </span>
      </div>
      {identity.friendStatus === "unknown" ? <p class="cp-identity__hint">{friend.hint}</p> : null}
      <dl class="cp-facts">
        {identity.friendStatus === "unfollowed" ? (
          <>
            <dt>{t("contacts.identity.blockedAt")}</dt>
            <dd>
              <When at={identity.unfollowedAt} empty={t("contacts.identity.dateUnknown")} />
            </dd>
          </>
        ) : null}
        {identity.followedAt ? (
          <>
            <dt>{identity.friendStatus === "unfollowed" ? t("contacts.identity.followed") : t("contacts.identity.friendSince")}</dt>
            <dd>
              <When at={identity.followedAt} />
            </dd>
          </>
        ) : null}
        <dt>{t("contacts.identity.firstSeen")}</dt>
        <dd>
          <When at={identity.firstSeenAt} />
        </dd>
        <dt>{t("contacts.identity.lastSeen")}</dt>
        <dd>
          <When at={identity.lastSeenAt} />
        </dd>
      </dl>
    </li>
  );
};

export const ContactPanel: FC<ContactPanelProps> = (props) => {
  const { contact, identities, conversationId, csrfToken } = props;
  const now = props.now ?? Date.now();
  const name = contactName(contact.displayName, identities[0]?.lineUserId);
  const closeHref = conversationId ? `/inbox/c/${conversationId}` : "/inbox";
  return (
    <aside class="contact-panel" data-contact-id={contact.id} aria-label={t("contacts.panel.label", { name })}>
      <header class="cp-head">
        <h2 class="cp-head__title">{t("contacts.panel.title")}</h2>
        <a class="btn btn--ghost btn--icon btn--sm cp-head__close" href={closeHref} data-close-panel aria-label={t("contacts.panel.close")} title={t("common.close")}>
          <IconClose />
        </a>
      </header>
      <div class="cp-scroll">
        <section class="cp-profile">
          <Avatar name={name} pictureUrl={contact.pictureUrl} size="lg" />
          <div class="cp-profile__who">
            <p class="cp-profile__name">{name}</p>
            {contact.statusMessage ? <p class="cp-profile__status">{contact.statusMessage}</p> : null}
            {contact.language ? (
              <p class="cp-profile__meta">
                <IconGlobe />
                <span>{languageName(contact.language)}</span>
              </p>
            ) : null}
          </div>
        </section>
        <section class="cp-section cp-line" aria-label="LINE">
          {identities.length ? (
            <ul class="cp-identity-list">
              {identities.map((identity) => (
                <IdentityCard identity={identity} />
              ))}
            </ul>
          ) : (
            <p class="cp-empty">{t("contacts.panel.noIdentity")}</p>
          )}
        </section>
        <TagsSection contactId={contact.id} tags={props.tags} allTags={props.allTags} csrfToken={csrfToken} />
        <FieldsSection contactId={contact.id} fields={props.fields} csrfToken={csrfToken} canManageFields={props.canManageFields} />
        <CsatSection contactId={contact.id} ratings={props.ratings} now={now} />
        <HistorySection contactId={contact.id} history={props.history} currentConversationId={conversationId} showChannel={identities.length > 1} now={now} />
        <NotesSection contactId={contact.id} notes={props.notes} agents={props.agents} csrfToken={csrfToken} conversationId={conversationId} now={now} />
      </div>
    </aside>
  );
};

export interface ContactPanelPageProps extends ContactPanelProps {
  user: LayoutProps["user"];
}

/** The panel on its own page (no htmx, or opened in a new tab). */
export const ContactPanelPage: FC<ContactPanelPageProps> = ({ user, ...panel }) => (
  <Layout title={contactName(panel.contact.displayName, panel.identities[0]?.lineUserId)} user={user} csrfToken={panel.csrfToken} bodyClass="page-contact">
    <link rel="stylesheet" href="/contacts.css" />
    <div class="cp-page">
      <ContactPanel {...panel} />
    </div>
  </Layout>
);
