// The keyword rule form (create card, and in place of a rule's row to edit it):
// name, keywords, match mode, priority, time window, on/off, five message slots
// whose fields follow the chosen type (CSS :has, no script needed), quick-reply
// buttons, and a live preview of the reply as LINE bubbles.
import type { Child, FC } from "hono/jsx";
import { CsrfField, FormAlert, TextField } from "../../settings/views/form-bits";
import { t } from "../../ui/i18n";
import { MATCH_MODES, matchModeLabel } from "../match";
import { MAX_MESSAGES } from "../replies";
import { ACTIVE_WINDOWS, type FormErrors, type RuleFormValues, SLOT_TYPES, slotField, type SlotType } from "../rule-form";
import type { ActiveWindow } from "../settings";
import { ChannelField, rich, Switch } from "./shell";

export const KEYWORDS_PATH = "/settings/automation/keywords";

const typeLabel = (type: SlotType): string => t(`automation.slotType.${type}`);
/** "Always", "During business hours"… in the reader's language. */
export const windowLabel = (window: ActiveWindow): string => t(`automation.window.${window}`);

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

export const Slot: FC<{ i: number; values: RuleFormValues; errors: FormErrors; key_: string }> = ({ i, values, errors, key_ }) => {
  const f = (name: Parameters<typeof slotField>[1]) => slotField(i, name);
  const v = (name: Parameters<typeof slotField>[1]) => values[f(name)] ?? "";
  const id = (name: Parameters<typeof slotField>[1]) => `${key_}-${f(name)}`;
  const field = (name: Parameters<typeof slotField>[1], label: string, more: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={id(name)} name={f(name)} label={label} value={v(name)} error={errors[f(name)]} {...more} />
  );
  return (
    <fieldset class="auto-slot">
      <legend class="auto-slot__legend">{t("automation.slot.legend", { n: i + 1 })}</legend>
      <div class="field">
        <label class="field__label visually-hidden" for={id("type")}>
          {t("automation.slot.typeLabel", { n: i + 1 })}
        </label>
        <select id={id("type")} name={f("type")} class="select auto-slot__type" aria-invalid={errors[f("type")] ? "true" : undefined}>
          <option value="" selected={!v("type")}>
            {i === 0 ? t("automation.slot.chooseType") : t("automation.slot.none")}
          </option>
          {SLOT_TYPES.map((type) => (
            <option value={type} selected={v("type") === type}>
              {typeLabel(type)}
            </option>
          ))}
        </select>
        {errors[f("type")] ? <p class="field__error">{errors[f("type")]}</p> : null}
      </div>
      <div class="auto-slot__fields auto-slot__fields--text">{field("text", t("automation.slot.text"), { rows: 3, hint: rich(t("automation.slot.textHint"), { variable: <code>{"{{contact.name}}"}</code> }) })}</div>
      <div class="auto-slot__fields auto-slot__fields--sticker">{field("sticker", t("automation.slot.sticker"), { placeholder: "446/1988", hint: t("automation.slot.stickerHint"), inputClass: "input--mono" })}</div>
      <div class="auto-slot__fields auto-slot__fields--image auto-slot__fields--video auto-slot__fields--audio">{field("url", t("automation.slot.url"), { type: "url", placeholder: "https://…" })}</div>
      <div class="auto-slot__fields auto-slot__fields--image auto-slot__fields--video">{field("preview", t("automation.slot.preview"), { type: "url", placeholder: "https://…", hint: t("automation.slot.previewHint") })}</div>
      <div class="auto-slot__fields auto-slot__fields--audio">{field("duration", t("automation.slot.duration"), { type: "number", extra: { min: 1, step: 1 } })}</div>
      <div class="auto-slot__fields auto-slot__fields--location auto-slot__grid">
        {field("title", t("automation.slot.title"))}
        {field("address", t("automation.slot.address"))}
        {field("lat", t("automation.slot.lat"), { inputClass: "input--mono", placeholder: "35.6595" })}
        {field("lng", t("automation.slot.lng"), { inputClass: "input--mono", placeholder: "139.7005" })}
      </div>
      <div class="auto-slot__fields auto-slot__fields--flex">
        {field("alt", t("automation.slot.alt"), { hint: t("automation.slot.altHint") })}
        {field("json", t("automation.slot.json"), { rows: 6, inputClass: "input--mono", placeholder: '{"type": "bubble", "body": {...}}', hint: t("automation.slot.jsonHint") })}
      </div>
      <div class="auto-slot__fields auto-slot__fields--coupon">{field("coupon", t("automation.slot.coupon"), { inputClass: "input--mono", hint: t("automation.slot.couponHint") })}</div>
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
      <FormAlert message={errors._form ?? (Object.keys(errors).length ? t("automation.form.checkFields") : undefined)} />
      <div class="auto-rule-form__grid">
        <div class="auto-rule-form__fields">
          <TextField id={`${key}-name`} name="name" label={t("automation.form.name")} value={values.name ?? ""} error={errors.name} hint={t("automation.form.nameHint")} extra={{ required: true, maxlength: 60 }} />
          <TextField id={`${key}-keywords`} name="keywords" label={t("automation.form.keywords")} value={values.keywords ?? ""} error={errors.keywords} rows={3} hint={t("automation.form.keywordsHint")} extra={{ required: true }} />
          <div class="auto-rule-form__row">
            <div class="field">
              <label class="field__label" for={`${key}-mode`}>
                {t("automation.form.match")}
              </label>
              <select id={`${key}-mode`} name="matchMode" class="select">
                {MATCH_MODES.map((m) => (
                  <option value={m} selected={(values.matchMode || "exact") === m}>
                    {matchModeLabel(m)}
                  </option>
                ))}
              </select>
              {errors.matchMode ? <p class="field__error">{errors.matchMode}</p> : null}
            </div>
            <div class="field">
              <label class="field__label" for={`${key}-window`}>
                {t("automation.form.active")}
              </label>
              <select id={`${key}-window`} name="activeWindow" class="select">
                {ACTIVE_WINDOWS.map((w) => (
                  <option value={w} selected={(values.activeWindow || "always") === w}>
                    {windowLabel(w)}
                  </option>
                ))}
              </select>
            </div>
            <TextField id={`${key}-priority`} name="priority" label={t("automation.form.priority")} type="number" value={values.priority || "10"} error={errors.priority} inputClass="auto-number" extra={{ min: 1, max: 100 }} />
          </div>
          <p class="field__hint">{t("automation.form.priorityHint")}</p>
          <Switch id={`${key}-enabled`} name="enabled" checked={values.enabled === "on" || values.enabled === "1"} label={t("automation.form.enabled")} />
          {Array.from({ length: MAX_MESSAGES }, (_, i) => (
            <Slot i={i} values={values} errors={errors} key_={key} />
          ))}
          <TextField
            id={`${key}-qr`}
            name="qr"
            label={t("automation.form.quickReplies")}
            value={values.qr ?? ""}
            error={errors.qr}
            rows={3}
            hint={t("automation.form.quickRepliesHint")}
          />
        </div>
        <div class="auto-rule-form__side">
          <p class="auto-rule-form__side-title">{t("automation.form.previewTitle")}</p>
          <div class="auto-rule-form__preview" hx-post={`${KEYWORDS_PATH}/preview`} hx-trigger="input delay:500ms from:'closest form', change from:'closest form'" hx-sync="this:replace" hx-target="this" hx-swap="innerHTML">
            {preview}
          </div>
        </div>
      </div>
      <div class="auto-actions">
        {ruleId ? (
          <a class="btn btn--ghost" href={`${KEYWORDS_PATH}?channel=${encodeURIComponent(channelId)}`} hx-get={`${KEYWORDS_PATH}/${ruleId}?channel=${encodeURIComponent(channelId)}`} hx-target={target} hx-swap="outerHTML">
            {t("common.cancel")}
          </a>
        ) : null}
        <button type="submit" class="btn btn--primary">
          {ruleId ? t("automation.form.save") : t("automation.form.add")}
        </button>
      </div>
    </form>
  );
};
