// /settings/automation/messages: the automatic messages of one channel — greeting,
// away, we're open again, no agent available, queue position — and inactivity
// auto-resolve. One card and form per message, each with a live LINE preview
// filled with sample values, and how many automated messages went out lately.
import type { Child, FC } from "hono/jsx";
import type { StickerUrl } from "../../line/stickers";
import type { Viewer } from "../../settings/context";
import { CsrfField, FormAlert, TextField } from "../../settings/views/form-bits";
import { formatNumber, type MessageKey, t } from "../../ui/i18n";
import type { MessageSection } from "../forms";
import type { LanguageCode } from "../../lib/locales";
import { nextOpenText, waitText } from "../customer-text";
import { nextChange } from "../hours";
import { fillTemplate, TEMPLATE_VARIABLES } from "../replies";
import { type AutomationSettings, type Holiday, scheduleOf } from "../settings";
import { LinePreview } from "./line-preview";
import { AutomationShell, ChannelField, type ChannelChoice, pluralForm, rich, Switch } from "./shell";

export const MESSAGES_PATH = "/settings/automation/messages";
type Errors = Partial<Record<string, string>>;

export interface PreviewContext {
  channelName: string;
  settings: AutomationSettings;
  holidays: Holiday[];
  stickerUrl: StickerUrl;
  /** Keywords the list command would offer now (first keyword of each active rule). */
  keywords?: string[];
  /** The workspace's language: {{next_open}} and {{wait}} are filled in it, as customers get them. */
  language: LanguageCode;
}

const SAMPLE_WAIT_MS = 15 * 60_000;

/** The sample values previews are filled with (next_open and wait as the customer would get them). */
function sample(p: PreviewContext) {
  const next = nextChange(scheduleOf({ ...p.settings, awayNow: 0 }, p.holidays), Date.now(), true);
  return { contactName: "Yuki", channelName: p.channelName, nextOpen: nextOpenText(next, p.settings.timeZone, p.language), position: 3, wait: waitText(SAMPLE_WAIT_MS, p.language) };
}

/** What the customer did in each preview (a sample, in the reader's language). */
const TRIGGERS: Record<Exclude<MessageSection, "keyword_list" | "auto_resolve">, { kind: "text" | "event"; key: MessageKey }> = {
  greeting: { kind: "event", key: "automation.messages.sample.followed" },
  away: { kind: "text", key: "automation.messages.sample.areYouOpen" },
  open_again: { kind: "text", key: "automation.messages.sample.areYouOpen" },
  no_agent: { kind: "text", key: "automation.messages.sample.question" },
  queue: { kind: "text", key: "automation.messages.sample.question" },
};

/** The preview of one section's text(s) as the customer will see them. */
export const SectionPreview: FC<{ section: MessageSection; values: Record<string, string>; ctx: PreviewContext }> = ({ section, values, ctx }) => {
  if (section === "auto_resolve") return null;
  if (section === "keyword_list") {
    const intro = (values.keywordListText ?? "").trim();
    const buttons = (ctx.keywords ?? []).map((k) => ({ label: [...k].length > 20 ? `${[...k].slice(0, 19).join("")}…` : k, text: k }));
    return (
      <LinePreview
        channelName={ctx.channelName}
        trigger={{ kind: "text", text: values.keywordListCommand || "help" }}
        messages={intro && buttons.length ? [{ type: "text", text: intro }] : []}
        quickReplies={buttons}
        stickerUrl={ctx.stickerUrl}
        empty={buttons.length ? t("automation.messages.preview.listText") : t("automation.messages.preview.listEmpty")}
      />
    );
  }
  const field = { greeting: "greetingText", away: "awayText", open_again: "openAgainText", no_agent: "noAgentText", queue: "queueText" }[section];
  const texts = [values[field] ?? ""];
  if (section === "greeting" && values.greetingUnblockedText?.trim()) texts.push(values.greetingUnblockedText);
  const s = sample(ctx);
  const [main, unblocked] = texts.map((t) => fillTemplate(t, s)).map((t) => (t ? [{ type: "text" as const, text: t }] : []));
  return (
    <div class="auto-previews">
      <LinePreview channelName={ctx.channelName} trigger={{ kind: TRIGGERS[section].kind, text: t(TRIGGERS[section].key) }} messages={main ?? []} stickerUrl={ctx.stickerUrl} empty={t("automation.messages.preview.empty")} />
      {unblocked?.length ? <LinePreview channelName={ctx.channelName} trigger={{ kind: "event", text: t("automation.messages.sample.unblocked") }} messages={unblocked} stickerUrl={ctx.stickerUrl} /> : null}
    </div>
  );
};

interface CardProps {
  section: MessageSection;
  title: string;
  lead: Child;
  enabledField: keyof AutomationSettings;
  settings: AutomationSettings;
  values?: Record<string, string>;
  errors?: Errors;
  saved?: boolean;
  csrfToken: string;
  ctx: PreviewContext;
  fields: (v: (name: keyof AutomationSettings) => string, errors: Errors) => Child;
}

/** Current values: the submitted ones after a failed save, else the stored ones. */
function valueOf(settings: AutomationSettings, values: Record<string, string> | undefined) {
  return (name: keyof AutomationSettings) => values?.[name] ?? String(settings[name] ?? "");
}

export const MessageCard: FC<CardProps> = ({ section, title, lead, enabledField, settings, values, errors = {}, saved, csrfToken, ctx, fields }) => {
  const v = valueOf(settings, values);
  const enabled = values ? values[enabledField] === "on" : settings[enabledField] === 1;
  const action = `${MESSAGES_PATH}/${section}`;
  const previewValues = Object.fromEntries((Object.keys(settings) as Array<keyof AutomationSettings>).map((k) => [k, v(k)]));
  return (
    <section id={`auto-${section}`} class="card auto-card" aria-labelledby={`auto-${section}-title`}>
      <form class="auto-card__form" method="post" action={action} hx-post={action} hx-target={`#auto-${section}`} hx-swap="outerHTML" hx-disable="find button">
        <div class="auto-card__head">
          <div>
            <h2 id={`auto-${section}-title`} class="card__title">
              {title}
            </h2>
            <p class="card__lead">{lead}</p>
          </div>
          <Switch id={`auto-${section}-on`} name={enabledField} checked={enabled} />
        </div>
        <CsrfField token={csrfToken} />
        <ChannelField channelId={settings.channelId} />
        <input type="hidden" name="section" value={section} />
        <FormAlert message={errors._form} />
        <div class="auto-card__body">
          <div class="auto-card__fields">{fields(v, errors)}</div>
          <div class="auto-card__preview" hx-post={`${MESSAGES_PATH}/preview`} hx-trigger="input delay:400ms from:'closest form'" hx-sync="this:replace" hx-target="this" hx-swap="innerHTML">
            <SectionPreview section={section} values={previewValues} ctx={ctx} />
          </div>
        </div>
        <div class="auto-actions">
          {saved ? (
            <span class="auto-saved" role="status">
              {t("automation.saved")}
            </span>
          ) : null}
          <button type="submit" class="btn btn--primary">
            {t("automation.messages.save")}
          </button>
        </div>
      </form>
    </section>
  );
};

/** "Variables: {{contact.name}}, {{channel.name}}, {{next_open}}." (built per render: it is translated). */
function varsHint(): Child {
  const list = TEMPLATE_VARIABLES.slice(0, 3).map((variable, i) => (
    <>
      {i ? ", " : ""}
      <code>{variable}</code>
    </>
  ));
  return rich(t("automation.messages.variables"), { list });
}

export interface SectionProps {
  settings: AutomationSettings;
  csrfToken: string;
  ctx: PreviewContext;
  values?: Record<string, string>;
  errors?: Errors;
  saved?: boolean;
}

type Text = (v: (n: keyof AutomationSettings) => string, e: Errors, name: keyof AutomationSettings, label: string, hint?: Child) => Child;
const text: Text = (v, e, name, label, hint = varsHint()) => <TextField id={`f-${name}`} name={name} label={label} value={v(name)} error={e[name]} rows={3} hint={hint} />;
const number = (v: (n: keyof AutomationSettings) => string, e: Errors, name: keyof AutomationSettings, label: string, hint: string, min: number, max: number) => (
  <TextField id={`f-${name}`} name={name} label={label} type="number" value={v(name)} error={e[name]} hint={hint} inputClass="auto-number" extra={{ min, max, step: 1 }} />
);

/** The card of one section (also what a save or a failed save returns). */
export const SectionCard: FC<SectionProps & { section: MessageSection }> = ({ section, ...p }) => {
  switch (section) {
    case "greeting":
      return (
        <MessageCard {...p} section="greeting" title={t("automation.messages.greeting.title")} lead={t("automation.messages.greeting.lead")} enabledField="greetingEnabled"
          fields={(v, e) => (
            <>
              {text(v, e, "greetingText", t("automation.messages.greeting.text"))}
              <Switch id="f-greetingFirstOnly" name="greetingFirstOnly" checked={p.values ? p.values.greetingFirstOnly === "on" : p.settings.greetingFirstOnly === 1} label={t("automation.messages.greeting.firstOnly")} />
              {text(v, e, "greetingUnblockedText", t("automation.messages.greeting.unblocked"), t("automation.messages.greeting.unblockedHint"))}
            </>
          )}
        />
      );
    case "away":
      return (
        <MessageCard {...p} section="away" title={t("automation.messages.away.title")} lead={t("automation.messages.away.lead")} enabledField="awayEnabled"
          fields={(v, e) => (
            <>
              {text(v, e, "awayText", t("automation.messages.away.text"))}
              {number(v, e, "quietMinutes", t("automation.messages.away.quiet"), t("automation.messages.away.quietHint"), 5, 10_080)}
            </>
          )}
        />
      );
    case "open_again":
      return (
        <MessageCard {...p} section="open_again" title={t("automation.messages.openAgain.title")} lead={t("automation.messages.openAgain.lead")} enabledField="openAgainEnabled"
          fields={(v, e) => text(v, e, "openAgainText", t("automation.messages.message"))}
        />
      );
    case "no_agent":
      return (
        <MessageCard {...p} section="no_agent" title={t("automation.messages.noAgent.title")} lead={t("automation.messages.noAgent.lead")} enabledField="noAgentEnabled"
          fields={(v, e) => text(v, e, "noAgentText", t("automation.messages.message"))}
        />
      );
    case "queue":
      return (
        <MessageCard {...p} section="queue" title={t("automation.messages.queue.title")} lead={t("automation.messages.queue.lead")} enabledField="queueEnabled"
          fields={(v, e) => (
            <>
              {text(v, e, "queueText", t("automation.messages.message"), rich(t("automation.messages.queue.hint"), { position: <code>{"{{position}}"}</code>, wait: <code>{"{{wait}}"}</code>, example: waitText(SAMPLE_WAIT_MS, p.ctx.language) }))}
              {number(v, e, "queueMaxUpdates", t("automation.messages.queue.updates"), t("automation.messages.queue.updatesHint"), 0, 10)}
            </>
          )}
        />
      );
    case "auto_resolve":
      return (
        <MessageCard {...p} section="auto_resolve" title={t("automation.messages.resolve.title")} lead={t("automation.messages.resolve.lead")} enabledField="autoResolveEnabled"
          fields={(v, e) => number(v, e, "autoResolveHours", t("automation.messages.resolve.hours"), t("automation.messages.resolve.hoursHint"), 1, 720)}
        />
      );
    case "keyword_list":
      return (
        <MessageCard {...p} section="keyword_list" title={t("automation.messages.list.title")} lead={t("automation.messages.list.lead")} enabledField="keywordListEnabled"
          fields={(v, e) => (
            <>
              <TextField id="f-keywordListCommand" name="keywordListCommand" label={t("automation.messages.list.command")} value={v("keywordListCommand")} error={e.keywordListCommand} hint={t("automation.messages.list.commandHint")} extra={{ maxlength: 30 }} />
              {text(v, e, "keywordListText", t("automation.messages.list.text"), t("automation.messages.list.textHint"))}
            </>
          )}
        />
      );
  }
};

export interface AutomatedStats {
  total: number;
  reply: number;
  push: number;
}

export interface MessagesPageProps {
  viewer: Viewer;
  channels: ChannelChoice[];
  channel: ChannelChoice;
  settings: AutomationSettings;
  ctx: PreviewContext;
  stats: AutomatedStats;
  /** A section whose save failed without JavaScript: shown with its values and errors. */
  failed?: { section: MessageSection; values: Record<string, string>; errors: Errors };
}

export const MESSAGE_SECTION_ORDER: MessageSection[] = ["greeting", "away", "open_again", "no_agent", "queue", "auto_resolve"];

export const MessagesPage: FC<MessagesPageProps> = ({ viewer, channels, channel, settings, ctx, stats, failed }) => (
  <AutomationShell viewer={viewer} active={MESSAGES_PATH} title={t("automation.nav.messages")} lead={t("automation.messages.lead")} channels={channels} channel={channel}>
    <p class="auto-stats" role="note">
      {rich(t("automation.messages.stats"), {
        total: <span>{rich(t(`automation.messages.stats.total.${pluralForm(stats.total)}`), { count: <strong>{formatNumber(stats.total)}</strong> })}</span>,
        reply: <span>{rich(t("automation.messages.stats.reply"), { count: <strong>{formatNumber(stats.reply)}</strong> })}</span>,
        push: <span>{rich(t("automation.messages.stats.push"), { count: <strong>{formatNumber(stats.push)}</strong> })}</span>,
      })}
    </p>
    {MESSAGE_SECTION_ORDER.map((section) => (
      <SectionCard section={section} settings={settings} csrfToken={viewer.csrfToken} ctx={ctx} {...(failed?.section === section ? { values: failed.values, errors: failed.errors } : {})} />
    ))}
  </AutomationShell>
);
