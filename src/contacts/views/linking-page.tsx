// Contacts → Account linking (admins): the business's login page for LINE account
// linking, for the whole workspace and optionally per channel.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { IconBack } from "../../ui/icons";
import { Layout, type LayoutProps } from "../../ui/layout";
import { CsrfField } from "./parts";

export interface LinkingPageProps {
  user: LayoutProps["user"];
  csrfToken: string;
  workspaceUrl: string | null;
  channels: Array<{ id: string; name: string; url: string | null }>;
  errors?: Record<string, string>;
  draft?: Record<string, string>;
  saved?: boolean;
}

export const LinkingPage: FC<LinkingPageProps> = ({ user, csrfToken, workspaceUrl, channels, errors = {}, draft = {}, saved }) => (
  <Layout title={t("contacts.link.settings")} user={user} csrfToken={csrfToken} bodyClass="page-contacts">
    <link rel="stylesheet" href="/contacts-directory.css" />
    <div class="cd-page">
      <a class="btn btn--ghost btn--sm cd-back" href="/contacts">
        <IconBack />
        <span>{t("contacts.page.back")}</span>
      </a>
      <h1 class="cd-head__title">{t("contacts.link.settings")}</h1>
      <p class="cp-muted">{t("contacts.link.settingsLead")}</p>
      {saved ? (
        <p class="cd-notice" role="status">
          {t("contacts.link.saved")}
        </p>
      ) : null}
      <form method="post" action="/contacts/account-linking" class="cd-form">
        <CsrfField token={csrfToken} />
        <div class="field">
          <label class="field__label" for="link-workspace">
            {t("contacts.link.workspaceUrl")}
          </label>
          <input id="link-workspace" class="input" type="url" name="workspace" value={draft.workspace ?? workspaceUrl ?? ""} placeholder="https://shop.example/line/login" maxlength={500} aria-invalid={errors.workspace ? "true" : undefined} />
          {errors.workspace ? <p class="field__error">{errors.workspace}</p> : null}
        </div>
        {channels.map((ch) => (
          <div class="field">
            <label class="field__label" for={`link-${ch.id}`}>
              {t("contacts.link.channelUrl", { channel: ch.name })}
            </label>
            <input id={`link-${ch.id}`} class="input" type="url" name={`channel_${ch.id}`} value={draft[`channel_${ch.id}`] ?? ch.url ?? ""} maxlength={500} aria-invalid={errors[`channel_${ch.id}`] ? "true" : undefined} />
            {errors[`channel_${ch.id}`] ? <p class="field__error">{errors[`channel_${ch.id}`]}</p> : <p class="field__hint">{t("contacts.link.channelHint")}</p>}
          </div>
        ))}
        <div>
          <button class="btn btn--primary" type="submit">
            {t("contacts.link.save")}
          </button>
        </div>
      </form>
    </div>
  </Layout>
);
