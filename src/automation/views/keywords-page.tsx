// /settings/automation/keywords: the keyword list command, the new-rule form and
// the channel's rules in the order they are checked, each with its keywords, how
// they match, when the rule is active, and a preview of its reply as LINE bubbles.
import type { Child, FC } from "hono/jsx";
import type { StickerUrl } from "../../line/stickers";
import type { Viewer } from "../../settings/context";
import { CsrfField } from "../../settings/views/form-bits";
import { t, tn } from "../../ui/i18n";
import { matchModeLabel } from "../match";
import type { FormErrors, RuleFormValues } from "../rule-form";
import type { KeywordRule } from "../settings";
import { LinePreview } from "./line-preview";
import { type PreviewContext, SectionCard } from "./messages-page";
import { KEYWORDS_PATH, RuleForm, windowLabel } from "./rule-form";
import { AutomationShell, ChannelField, type ChannelChoice } from "./shell";

export { KEYWORDS_PATH };

export const RulePreview: FC<{ rule: Pick<KeywordRule, "keywords" | "reply">; channelName: string; stickerUrl: StickerUrl }> = ({ rule, channelName, stickerUrl }) => (
  <LinePreview channelName={channelName} trigger={{ kind: "text", text: rule.keywords[0] ?? "" }} messages={rule.reply.messages} quickReplies={rule.reply.quickReplies} stickerUrl={stickerUrl} />
);

export const RuleRow: FC<{ rule: KeywordRule; csrfToken: string; channelName: string; stickerUrl: StickerUrl }> = ({ rule, csrfToken, channelName, stickerUrl }) => {
  const base = `${KEYWORDS_PATH}/${rule.id}`;
  return (
    <li id={`rule-${rule.id}`} class={`auto-rule${rule.enabled ? "" : " is-off"}`}>
      <div class="auto-rule__main">
        <div class="auto-rule__top">
          <span class="auto-rule__priority" title={t("automation.rule.priorityTitle")}>
            #{rule.priority}
          </span>
          <strong class="auto-rule__name">{rule.name}</strong>
          <span class={`tag ${rule.enabled ? "tag--resolved" : ""}`}>{rule.enabled ? t("automation.rule.on") : t("automation.rule.off")}</span>
        </div>
        <ul class="auto-rule__keywords" aria-label={t("automation.rule.keywords")}>
          {rule.keywords.map((k) => (
            <li>
              <code>{k}</code>
            </li>
          ))}
        </ul>
        <p class="auto-rule__meta">
          {[
            matchModeLabel(rule.matchMode),
            windowLabel(rule.activeWindow),
            tn("automation.rule.messages", rule.reply.messages.length),
            ...(rule.reply.quickReplies.length ? [tn("automation.rule.quickReplies", rule.reply.quickReplies.length)] : []),
          ].map((fact, i) => (
            <>
              {i ? " · " : ""}
              <span class="auto-rule__fact">{fact}</span>
            </>
          ))}
        </p>
        <div class="auto-rule__actions">
          <a class="btn btn--ghost btn--xs" href={`${base}/edit?channel=${encodeURIComponent(rule.channelId)}`} hx-get={`${base}/edit?channel=${encodeURIComponent(rule.channelId)}`} hx-target={`#rule-${rule.id}`} hx-swap="outerHTML">
            {t("automation.rule.edit")}
          </a>
          <form method="post" action={`${base}/toggle`} hx-post={`${base}/toggle`} hx-target={`#rule-${rule.id}`} hx-swap="outerHTML">
            <CsrfField token={csrfToken} />
            <ChannelField channelId={rule.channelId} />
            <button type="submit" class="btn btn--ghost btn--xs">
              {rule.enabled ? t("automation.rule.switchOff") : t("automation.rule.switchOn")}
            </button>
          </form>
          <form method="post" action={`${base}/delete`} hx-post={`${base}/delete`} hx-target={`#rule-${rule.id}`} hx-swap="delete" hx-confirm={t("automation.rule.deleteConfirm", { name: rule.name })}>
            <CsrfField token={csrfToken} />
            <ChannelField channelId={rule.channelId} />
            <button type="submit" class="btn btn--danger-ghost btn--xs">
              {t("automation.rule.delete")}
            </button>
          </form>
        </div>
      </div>
      <div class="auto-rule__preview">
        <RulePreview rule={rule} channelName={channelName} stickerUrl={stickerUrl} />
      </div>
    </li>
  );
};

/** The create card (htmx swaps the whole card). */
export const RuleCreateCard: FC<{ csrfToken: string; channelId: string; ctx: PreviewContext; values?: RuleFormValues; errors?: FormErrors; preview?: Child }> = ({ csrfToken, channelId, ctx, values, errors, preview }) => (
  <section id="rule-create" class="card" aria-labelledby="rule-create-title">
    <details class="auto-create" open={Boolean(values)}>
      <summary class="auto-create__summary">
        <h2 id="rule-create-title" class="card__title">
          {t("automation.keywords.newTitle")}
        </h2>
        <span class="btn btn--primary btn--sm">{t("automation.keywords.addRule")}</span>
      </summary>
      <RuleForm
        csrfToken={csrfToken}
        channelId={channelId}
        values={values ?? { m0_type: "text", enabled: "on", priority: "10", matchMode: "exact", activeWindow: "always" }}
        errors={errors}
        preview={preview ?? <LinePreview channelName={ctx.channelName} messages={[]} stickerUrl={ctx.stickerUrl} empty={t("automation.keywords.previewEmpty")} />}
      />
    </details>
  </section>
);

export interface KeywordsPageProps {
  viewer: Viewer;
  channels: ChannelChoice[];
  channel: ChannelChoice;
  ctx: PreviewContext;
  rules: KeywordRule[];
  create?: { values: RuleFormValues; errors: FormErrors; preview?: Child };
  listFailed?: { values: Record<string, string>; errors: FormErrors };
  /** Editing one rule without JavaScript: the page shows just its form. */
  editing?: { id: string; form: Child };
}

export const KeywordsPage: FC<KeywordsPageProps> = ({ viewer, channels, channel, ctx, rules, create, listFailed, editing }) =>
  editing ? (
    <AutomationShell viewer={viewer} active={KEYWORDS_PATH} title={t("automation.keywords.editTitle")} channels={channels} channel={channel}>
      <section id={`rule-${editing.id}`} class="card">
        {editing.form}
      </section>
    </AutomationShell>
  ) : (
  <AutomationShell
    viewer={viewer}
    active={KEYWORDS_PATH}
    title={t("automation.nav.keywords")}
    lead={t("automation.keywords.lead")}
    channels={channels}
    channel={channel}
  >
    <RuleCreateCard csrfToken={viewer.csrfToken} channelId={channel.id} ctx={ctx} {...create} />
    <section class="card" aria-labelledby="rules-title">
      <div class="card__head card__head--row">
        <h2 id="rules-title" class="card__title">
          {t("automation.keywords.rules")}
        </h2>
        <span class="card__meta">{t("automation.keywords.rulesMeta")}</span>
      </div>
      <ul id="rule-list" class="row-list auto-rules">
        {rules.map((rule) => (
          <RuleRow rule={rule} csrfToken={viewer.csrfToken} channelName={channel.name} stickerUrl={ctx.stickerUrl} />
        ))}
      </ul>
      <div class="empty-state empty-state--inline">
        <strong>{t("automation.keywords.emptyTitle")}</strong>
        <span>{t("automation.keywords.emptyText")}</span>
      </div>
    </section>
    <SectionCard section="keyword_list" settings={ctx.settings} csrfToken={viewer.csrfToken} ctx={ctx} {...(listFailed ?? {})} />
  </AutomationShell>
);
