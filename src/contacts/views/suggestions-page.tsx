// Merge suggestions: groups of contacts that look like one person, each with
// why, a "Review merge" link to the preview and a "Not the same person" button.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { t } from "../../ui/i18n";
import { IconBack } from "../../ui/icons";
import { Layout, type LayoutProps } from "../../ui/layout";
import type { Suggestion } from "../merge/suggestions";
import { CsrfField, contactName } from "./parts";

export interface SuggestionsPageProps {
  user: LayoutProps["user"];
  csrfToken: string;
  suggestions: Suggestion[];
  notice?: string;
}

export const SuggestionsPage: FC<SuggestionsPageProps> = ({ user, csrfToken, suggestions, notice }) => (
  <Layout title={t("contacts.suggest.title")} user={user} csrfToken={csrfToken} bodyClass="page-contacts">
    <link rel="stylesheet" href="/contacts-directory.css" />
    <div class="cd-page">
      <a class="btn btn--ghost btn--sm cd-back" href="/contacts">
        <IconBack />
        <span>{t("contacts.page.back")}</span>
      </a>
      <h1 class="cd-head__title">{t("contacts.suggest.title")}</h1>
      <p class="cp-muted">{t("contacts.suggest.lead")}</p>
      {notice ? (
        <p class="cd-notice" role="status">
          {notice}
        </p>
      ) : null}
      {suggestions.length ? (
        <ul class="cd-suggestions">
          {suggestions.map((s) => {
            const query = new URLSearchParams(s.contacts.map((c) => ["ids", c.id])).toString();
            return (
              <li class="cd-suggestion">
                <p class="cd-suggestion__why">{t(`contacts.suggest.reason.${s.reason}`, { value: s.value })}</p>
                <ul class="cd-suggestion__people">
                  {s.contacts.map((c) => {
                    const name = contactName(c.displayName);
                    return (
                      <li class="cd-merge__who">
                        <Avatar name={name} pictureUrl={c.pictureUrl} size="sm" />
                        <a class="cd-row__name" href={`/contacts/${c.id}`}>
                          {name}
                        </a>
                        <span class="cp-muted">{c.channels.join(", ")}</span>
                      </li>
                    );
                  })}
                </ul>
                <div class="cd-suggestion__actions">
                  <a class="btn btn--primary btn--sm" href={`/contacts/merge?${query}`}>
                    {t("contacts.suggest.review")}
                  </a>
                  <form method="post" action="/contacts/suggestions/dismiss">
                    <CsrfField token={csrfToken} />
                    {s.contacts.map((c) => (
                      <input type="hidden" name="ids" value={c.id} />
                    ))}
                    <button class="btn btn--ghost btn--sm" type="submit">
                      {t("contacts.suggest.dismiss")}
                    </button>
                  </form>
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="cd-empty__title">{t("contacts.suggest.empty")}</p>
      )}
    </div>
  </Layout>
);
