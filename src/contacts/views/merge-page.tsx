// The merge preview: the contacts side by side (which one survives, what each
// brings), a choice per conflicting custom field, and the confirm button. Picking
// another survivor reloads the preview (a GET form; works without JavaScript).
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { t, tn } from "../../ui/i18n";
import { IconBack } from "../../ui/icons";
import { Layout, type LayoutProps } from "../../ui/layout";
import type { MergePlan } from "../merge/plan";
import { CsrfField, contactName } from "./parts";

export interface MergePageProps {
  user: LayoutProps["user"];
  csrfToken: string;
  plan: MergePlan;
  choices?: Record<string, string>;
  error?: string;
}

export const MergePage: FC<MergePageProps> = ({ user, csrfToken, plan, choices = {}, error }) => {
  const names = new Map(plan.candidates.map((c) => [c.profile.id, contactName(c.profile.displayName, c.identities[0]?.lineUserId)]));
  const ids = plan.candidates.map((c) => c.profile.id);
  return (
    <Layout title={t("contacts.merge.title")} user={user} csrfToken={csrfToken} bodyClass="page-contacts">
      <link rel="stylesheet" href="/contacts-directory.css" />
      <script src="/contacts-directory.js" defer></script>
      <div class="cd-page cd-merge">
        <a class="btn btn--ghost btn--sm cd-back" href="/contacts">
          <IconBack />
          <span>{t("contacts.page.back")}</span>
        </a>
        <h1 class="cd-head__title">{t("contacts.merge.title")}</h1>
        <p class="cp-muted">{t("contacts.merge.lead")}</p>
        {error ? (
          <p class="cp-error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="get" action="/contacts/merge" class="cd-merge__pick">
          {ids.map((id) => (
            <input type="hidden" name="ids" value={id} />
          ))}
          <ul class="cd-merge__cards">
            {plan.candidates.map((c) => {
              const name = names.get(c.profile.id) ?? "";
              const survivor = c.profile.id === plan.survivorId;
              return (
                <li class={`cd-merge__card${survivor ? " is-survivor" : ""}`}>
                  <label class="cd-merge__choose">
                    <input type="radio" name="survivor" value={c.profile.id} checked={survivor} data-autosubmit />
                    <span>{t("contacts.merge.survivor")}</span>
                  </label>
                  <div class="cd-merge__who">
                    <Avatar name={name} pictureUrl={c.profile.pictureUrl} size="md" />
                    <a href={`/contacts/${c.profile.id}`} class="cd-row__name">
                      {name}
                    </a>
                  </div>
                  <ul class="cd-merge__facts">
                    {c.identities.map((i) => (
                      <li>{i.channelName}</li>
                    ))}
                    <li>{tn("contacts.merge.conversations", c.conversations)}</li>
                    <li>{tn("contacts.merge.notes", c.notes)}</li>
                    {c.tags.length ? <li>{c.tags.join(", ")}</li> : null}
                  </ul>
                </li>
              );
            })}
          </ul>
          <noscript>
            <button class="btn btn--ghost btn--sm" type="submit">
              {t("contacts.dir.apply")}
            </button>
          </noscript>
        </form>
        <form method="post" action="/contacts/merge" class="cd-merge__confirm">
          <CsrfField token={csrfToken} />
          {ids.map((id) => (
            <input type="hidden" name="ids" value={id} />
          ))}
          <input type="hidden" name="survivor" value={plan.survivorId} />
          <h2 class="cp-section__title">{t("contacts.merge.conflicts")}</h2>
          {plan.conflicts.length ? (
            plan.conflicts.map((conflict) => (
              <fieldset class="cd-merge__conflict">
                <legend>{conflict.label}</legend>
                {conflict.values.map((v) => (
                  <label class="cd-check">
                    <input type="radio" name={`field_${conflict.fieldId}`} value={v.contactId} checked={(choices[conflict.fieldId] ?? plan.survivorId) === v.contactId} required />
                    <span class="cd-merge__value">{v.value}</span>
                    <span class="cp-muted">({names.get(v.contactId)})</span>
                  </label>
                ))}
              </fieldset>
            ))
          ) : (
            <p class="cp-muted">{t("contacts.merge.noConflicts")}</p>
          )}
          {plan.carried.map((c) => (
            <p class="cp-muted">{t("contacts.merge.carried", { label: c.label, value: c.value })}</p>
          ))}
          <p class="cp-muted">{t("contacts.merge.irreversible")}</p>
          <div class="cd-merge__actions">
            <button class="btn btn--primary" type="submit">
              {t("contacts.merge.confirm", { count: String(plan.candidates.length) })}
            </button>
            <a class="btn btn--ghost" href="/contacts">
              {t("contacts.merge.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
};
