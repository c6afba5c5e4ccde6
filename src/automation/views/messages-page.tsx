// /settings/automation/messages: the automatic messages of one channel — greeting,
// away, we're open again, no agent available, queue position — and inactivity
// auto-resolve. One card and form per message, each with a live LINE preview
// filled with sample values, and how many automated messages went out lately.
import type { Child, FC } from "hono/jsx";
import type { StickerUrl } from "../../line/stickers";
import type { Viewer } from "../../settings/context";
import { CsrfField, FormAlert } from "../../settings/views/form-bits";
import type { MessageSection } from "../forms";
import { formatLocal, nextChange } from "../hours";
import { fillTemplate, TEMPLATE_VARIABLES } from "../replies";
import { type AutomationSettings, type Holiday, scheduleOf } from "../settings";
import { LinePreview } from "./line-preview";
import { AutomationShell, ChannelField, type ChannelChoice, Switch, TextField } from "./shell";

export const MESSAGES_PATH = "/settings/automation/messages";
type Errors = Partial<Record<string, string>>;

export interface PreviewContext {
  channelName: string;
  settings: AutomationSettings;
  holidays: Holiday[];
  stickerUrl: StickerUrl;
  /** Keywords the list command would offer now (first keyword of each active rule). */
  keywords?: string[];
}

/** The sample values previews are filled with. */
function sample(p: PreviewContext) {
  const next = nextChange(scheduleOf({ ...p.settings, awayNow: 0 }, p.holidays), Date.now(), true);
  return { contactName: "Yuki", channelName: p.channelName, nextOpen: next ? formatLocal(next, p.settings.timeZone) : "soon", position: 3, wait: "about 15 minutes" };
}

const TRIGGERS: Record<Exclude<MessageSection, "keyword_list" | "auto_resolve">, { kind: "text" | "event"; text: string }> = {
  greeting: { kind: "event", text: "Yuki added you as a friend" },
  away: { kind: "text", text: "Hello, are you open?" },
  open_again: { kind: "text", text: "Hello, are you open?" },
  no_agent: { kind: "text", text: "I have a question about my order" },
  queue: { kind: "text", text: "I have a question about my order" },
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
        empty={buttons.length ? "Write the text shown above the buttons." : "Add a keyword rule (exact, contains or starts with) to list it here."}
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
      <LinePreview channelName={ctx.channelName} trigger={TRIGGERS[section]} messages={main ?? []} stickerUrl={ctx.stickerUrl} empty="Write the message to see it here." />
      {unblocked?.length ? <LinePreview channelName={ctx.channelName} trigger={{ kind: "event", text: "Yuki unblocked you" }} messages={unblocked} stickerUrl={ctx.stickerUrl} /> : null}
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
          <div class="auto-card__preview" hx-post={`${MESSAGES_PATH}/preview`} hx-trigger="input delay:400ms from:'closest form'" hx-target="this" hx-swap="innerHTML">
            <SectionPreview section={section} values={previewValues} ctx={ctx} />
          </div>
        </div>
        <div class="auto-actions">
          {saved ? (
            <span class="auto-saved" role="status">
              Saved
            </span>
          ) : null}
          <button type="submit" class="btn btn--primary">
            Save
          </button>
        </div>
      </form>
    </section>
  );
};

const VARS_HINT = (
  <>
    Variables: {TEMPLATE_VARIABLES.slice(0, 3).map((t, i) => (
      <>
        {i ? ", " : ""}
        <code>{t}</code>
      </>
    ))}
    .
  </>
);

export interface SectionProps {
  settings: AutomationSettings;
  csrfToken: string;
  ctx: PreviewContext;
  values?: Record<string, string>;
  errors?: Errors;
  saved?: boolean;
}

type Text = (v: (n: keyof AutomationSettings) => string, e: Errors, name: keyof AutomationSettings, label: string, hint?: Child) => Child;
const text: Text = (v, e, name, label, hint = VARS_HINT) => <TextField id={`f-${name}`} name={name} label={label} value={v(name)} error={e[name]} rows={3} hint={hint} />;
const number = (v: (n: keyof AutomationSettings) => string, e: Errors, name: keyof AutomationSettings, label: string, hint: string, min: number, max: number) => (
  <TextField id={`f-${name}`} name={name} label={label} type="number" value={v(name)} error={e[name]} hint={hint} inputClass="auto-number" extra={{ min, max, step: 1 }} />
);

/** The card of one section (also what a save or a failed save returns). */
export const SectionCard: FC<SectionProps & { section: MessageSection }> = ({ section, ...p }) => {
  switch (section) {
    case "greeting":
      return (
        <MessageCard {...p} section="greeting" title="Greeting" lead="Sent when someone adds your account as a friend (or unblocks it)." enabledField="greetingEnabled"
          fields={(v, e) => (
            <>
              {text(v, e, "greetingText", "Greeting")}
              <Switch id="f-greetingFirstOnly" name="greetingFirstOnly" checked={p.values ? p.values.greetingFirstOnly === "on" : p.settings.greetingFirstOnly === 1} label="Only the first time someone adds the account" />
              {text(v, e, "greetingUnblockedText", "When someone unblocks the account (optional)", "Empty: they get the greeting above (unless “only the first time” is on).")}
            </>
          )}
        />
      );
    case "away":
      return (
        <MessageCard {...p} section="away" title="Away message" lead="Outside business hours, on a holiday or while the away switch is on: once per conversation, not once per message." enabledField="awayEnabled"
          fields={(v, e) => (
            <>
              {text(v, e, "awayText", "Away message")}
              {number(v, e, "quietMinutes", "Send again after a quiet period of (minutes)", "A customer who writes again after this long without messages gets it again. It also goes out again after you have been open in between.", 5, 10_080)}
            </>
          )}
        />
      );
    case "open_again":
      return (
        <MessageCard {...p} section="open_again" title="We're open again" lead="At opening time, to everyone who wrote while you were closed and has had no answer yet." enabledField="openAgainEnabled"
          fields={(v, e) => text(v, e, "openAgainText", "Message")}
        />
      );
    case "no_agent":
      return (
        <MessageCard {...p} section="no_agent" title="No agent available" lead="During business hours when nobody on the team is online (availability in the top bar)." enabledField="noAgentEnabled"
          fields={(v, e) => text(v, e, "noAgentText", "Message")}
        />
      );
    case "queue":
      return (
        <MessageCard {...p} section="queue" title="Queue position" lead="Tells a waiting customer their place in line and the expected wait (from your recent first-response times), and updates it when it changes a lot." enabledField="queueEnabled"
          fields={(v, e) => (
            <>
              {text(v, e, "queueText", "Message", <>Use <code>{"{{position}}"}</code> and <code>{"{{wait}}"}</code> (e.g. “about 15 minutes”).</>)}
              {number(v, e, "queueMaxUpdates", "Updates at most", "How many times one customer hears about a new position after the first message.", 0, 10)}
            </>
          )}
        />
      );
    case "auto_resolve":
      return (
        <MessageCard {...p} section="auto_resolve" title="Resolve inactive conversations" lead="Resolves an open conversation when the customer has not answered an agent's last message for this long. Snoozed and follow-up conversations are left alone." enabledField="autoResolveEnabled"
          fields={(v, e) => number(v, e, "autoResolveHours", "Hours after the agent's last message", "1 to 720 hours (30 days).", 1, 720)}
        />
      );
    case "keyword_list":
      return (
        <MessageCard {...p} section="keyword_list" title="Keyword list command" lead="A customer who sends this word gets the active keywords as quick-reply buttons to tap." enabledField="keywordListEnabled"
          fields={(v, e) => (
            <>
              <TextField id="f-keywordListCommand" name="keywordListCommand" label="Command word" value={v("keywordListCommand")} error={e.keywordListCommand} hint="Matched like LINE's exact match: ＨＥＬＰ, Help and help are the same." extra={{ maxlength: 30 }} />
              {text(v, e, "keywordListText", "Text above the buttons", "At most 13 buttons: the first keyword of each active rule (regular expressions are not listed).")}
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
  <AutomationShell viewer={viewer} active={MESSAGES_PATH} title="Automatic messages" lead="What linedesk says for you, per channel. Sent with the free reply token whenever the customer just wrote; otherwise pushed." channels={channels} channel={channel}>
    <p class="auto-stats" role="note">
      Last 30 days: <strong>{stats.total}</strong> automated message{stats.total === 1 ? "" : "s"} · <strong>{stats.reply}</strong> free (reply token) · <strong>{stats.push}</strong> pushed (count against the monthly quota)
    </p>
    {MESSAGE_SECTION_ORDER.map((section) => (
      <SectionCard section={section} settings={settings} csrfToken={viewer.csrfToken} ctx={ctx} {...(failed?.section === section ? { values: failed.values, errors: failed.errors } : {})} />
    ))}
  </AutomationShell>
);
