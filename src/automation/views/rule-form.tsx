// The keyword rule form (create card, and in place of a rule's row to edit it):
// name, keywords, match mode, priority, time window, on/off, five message slots
// whose fields follow the chosen type (CSS :has, no script needed), quick-reply
// buttons, and a live preview of the reply as LINE bubbles.
import type { Child, FC } from "hono/jsx";
import { CsrfField, FormAlert } from "../../settings/views/form-bits";
import { MATCH_MODE_LABELS, MATCH_MODES } from "../match";
import { MAX_MESSAGES } from "../replies";
import { type FormErrors, type RuleFormValues, SLOT_TYPES, slotField, type SlotType } from "../rule-form";
import { ChannelField, Switch, TextField } from "./shell";

export const KEYWORDS_PATH = "/settings/automation/keywords";

const TYPE_LABELS: Record<SlotType, string> = {
  text: "Text",
  sticker: "Sticker",
  image: "Image",
  video: "Video",
  audio: "Audio",
  location: "Location",
  flex: "Flex message (JSON)",
  coupon: "Coupon",
};
export const WINDOW_LABELS = { always: "Always", in_hours: "During business hours", out_of_hours: "Outside business hours" } as const;

export interface RuleFormProps {
  csrfToken: string;
  channelId: string;
  /** Absent: the create form. */
  ruleId?: string;
  values: RuleFormValues;
  errors?: FormErrors;
  /** The preview HTML area's initial content. */
  preview: Child;
}

const Slot: FC<{ i: number; values: RuleFormValues; errors: FormErrors; key_: string }> = ({ i, values, errors, key_ }) => {
  const f = (name: Parameters<typeof slotField>[1]) => slotField(i, name);
  const v = (name: Parameters<typeof slotField>[1]) => values[f(name)] ?? "";
  const id = (name: Parameters<typeof slotField>[1]) => `${key_}-${f(name)}`;
  const field = (name: Parameters<typeof slotField>[1], label: string, more: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={id(name)} name={f(name)} label={label} value={v(name)} error={errors[f(name)]} {...more} />
  );
  return (
    <fieldset class="auto-slot">
      <legend class="auto-slot__legend">Message {i + 1}</legend>
      <div class="field">
        <label class="field__label visually-hidden" for={id("type")}>
          Type of message {i + 1}
        </label>
        <select id={id("type")} name={f("type")} class="select auto-slot__type" aria-invalid={errors[f("type")] ? "true" : undefined}>
          <option value="" selected={!v("type")}>
            {i === 0 ? "Choose a type" : "— none —"}
          </option>
          {SLOT_TYPES.map((t) => (
            <option value={t} selected={v("type") === t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        {errors[f("type")] ? <p class="field__error">{errors[f("type")]}</p> : null}
      </div>
      <div class="auto-slot__fields auto-slot__fields--text">{field("text", "Text", { rows: 3, hint: "Up to 5,000 characters. {{contact.name}} is the customer's name." })}</div>
      <div class="auto-slot__fields auto-slot__fields--sticker">{field("sticker", "Sticker (package/sticker id)", { placeholder: "446/1988", hint: "From LINE's free sticker list, e.g. 446/1988 or 11537/52002734.", inputClass: "input--mono" })}</div>
      <div class="auto-slot__fields auto-slot__fields--image auto-slot__fields--video auto-slot__fields--audio">{field("url", "File address (https)", { type: "url", placeholder: "https://…" })}</div>
      <div class="auto-slot__fields auto-slot__fields--image auto-slot__fields--video">{field("preview", "Preview image address (https)", { type: "url", placeholder: "https://…", hint: "JPEG or PNG up to 1 MB. Images reuse the file address when empty." })}</div>
      <div class="auto-slot__fields auto-slot__fields--audio">{field("duration", "Length (seconds)", { type: "number", extra: { min: 1, step: 1 } })}</div>
      <div class="auto-slot__fields auto-slot__fields--location auto-slot__grid">
        {field("title", "Place name")}
        {field("address", "Address")}
        {field("lat", "Latitude", { inputClass: "input--mono", placeholder: "35.6595" })}
        {field("lng", "Longitude", { inputClass: "input--mono", placeholder: "139.7005" })}
      </div>
      <div class="auto-slot__fields auto-slot__fields--flex">
        {field("alt", "Alt text", { hint: "Shown in notifications and chat lists." })}
        {field("json", "Flex JSON", { rows: 6, inputClass: "input--mono", placeholder: '{"type": "bubble", "body": {...}}', hint: "A bubble or carousel, e.g. from LINE's Flex Message Simulator." })}
      </div>
      <div class="auto-slot__fields auto-slot__fields--coupon">{field("coupon", "Coupon id", { inputClass: "input--mono", hint: "The id of a coupon created in LINE Official Account Manager." })}</div>
    </fieldset>
  );
};

export const RuleForm: FC<RuleFormProps> = ({ csrfToken, channelId, ruleId, values, errors = {}, preview }) => {
  const key = ruleId ?? "new";
  const action = ruleId ? `${KEYWORDS_PATH}/${ruleId}` : KEYWORDS_PATH;
  const target = ruleId ? `#rule-${ruleId}` : "#rule-create";
  return (
    <form class="auto-rule-form" method="post" action={action} hx-post={action} hx-target={target} hx-swap="outerHTML" hx-disable="find button[type=submit]">
      <CsrfField token={csrfToken} />
      <ChannelField channelId={channelId} />
      <FormAlert message={errors._form ?? (Object.keys(errors).length ? "Check the highlighted fields." : undefined)} />
      <div class="auto-rule-form__grid">
        <div class="auto-rule-form__fields">
          <TextField id={`${key}-name`} name="name" label="Rule name" value={values.name ?? ""} error={errors.name} hint="Shown in the thread: “Automation · Keyword: <name>”." extra={{ required: true, maxlength: 60 }} />
          <TextField id={`${key}-keywords`} name="keywords" label="Keywords (one per line)" value={values.keywords ?? ""} error={errors.keywords} rows={3} hint="Compared like LINE: full-width and half-width, upper and lower case are the same." extra={{ required: true }} />
          <div class="auto-rule-form__row">
            <div class="field">
              <label class="field__label" for={`${key}-mode`}>
                Match
              </label>
              <select id={`${key}-mode`} name="matchMode" class="select">
                {MATCH_MODES.map((m) => (
                  <option value={m} selected={(values.matchMode || "exact") === m}>
                    {MATCH_MODE_LABELS[m]}
                  </option>
                ))}
              </select>
              {errors.matchMode ? <p class="field__error">{errors.matchMode}</p> : null}
            </div>
            <div class="field">
              <label class="field__label" for={`${key}-window`}>
                Active
              </label>
              <select id={`${key}-window`} name="activeWindow" class="select">
                {Object.entries(WINDOW_LABELS).map(([w, label]) => (
                  <option value={w} selected={(values.activeWindow || "always") === w}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <TextField id={`${key}-priority`} name="priority" label="Priority" type="number" value={values.priority || "10"} error={errors.priority} inputClass="auto-number" extra={{ min: 1, max: 100 }} />
          </div>
          <p class="field__hint">When several rules match, the lowest priority number answers. Regular expressions run on a safe matcher: no look-arounds or back-references, 200 characters at most.</p>
          <Switch id={`${key}-enabled`} name="enabled" checked={values.enabled === "on" || values.enabled === "1"} label="Rule is on" />
          {Array.from({ length: MAX_MESSAGES }, (_, i) => (
            <Slot i={i} values={values} errors={errors} key_={key} />
          ))}
          <TextField
            id={`${key}-qr`}
            name="qr"
            label="Quick-reply buttons (optional, one per line)"
            value={values.qr ?? ""}
            error={errors.qr}
            rows={3}
            hint="Shown under the last message. “Label” sends the label; “Label | text” sends the text. Up to 13, labels up to 20 characters."
          />
        </div>
        <div class="auto-rule-form__side">
          <p class="auto-rule-form__side-title">What the customer sees</p>
          <div class="auto-rule-form__preview" hx-post={`${KEYWORDS_PATH}/preview`} hx-trigger="input delay:500ms from:'closest form', change from:'closest form'" hx-target="this" hx-swap="innerHTML">
            {preview}
          </div>
        </div>
      </div>
      <div class="auto-actions">
        {ruleId ? (
          <a class="btn btn--ghost" href={`${KEYWORDS_PATH}?channel=${encodeURIComponent(channelId)}`} hx-get={`${KEYWORDS_PATH}/${ruleId}?channel=${encodeURIComponent(channelId)}`} hx-target={target} hx-swap="outerHTML">
            Cancel
          </a>
        ) : null}
        <button type="submit" class="btn btn--primary">
          {ruleId ? "Save rule" : "Add rule"}
        </button>
      </div>
    </form>
  );
};
