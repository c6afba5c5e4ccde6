// The trigger's form: what starts the workflow, then only the fields that kind
// needs (CSS :has on the kind select): channels, message conditions, first
// follow only, postback prefix, the tag, a shortcut's label and lowest role.
import type { FC } from "hono/jsx";
import { CsrfField, FormAlert } from "../../../settings/views/form-bits";
import { t } from "../../../ui/i18n";
import { type Trigger, TRIGGER_TYPES } from "../../definition";
import type { FormErrors, FormValues } from "../../forms/fields";
import { ROLES, triggerValues } from "../../forms/trigger-form";
import { Check, type EditorChoices, type FormCtx, Select, Text } from "./bits";
import { ConditionRows } from "./logic";

const TYPE_KEYS = { "conversation.opened": "opened", "message.received": "received", "contact.followed": "followed", "conversation.resolved": "resolved", "postback.received": "postback", "tag.added": "tag", shortcut: "shortcutKind" } as const;

export const TriggerForm: FC<{ workflowId: string; trigger: Trigger; csrfToken: string; choices: EditorChoices; failed?: { values: FormValues; errors: FormErrors } }> = ({ workflowId, trigger, csrfToken, choices, failed }) => {
  const action = `/settings/workflows/${workflowId}/trigger`;
  const ctx: FormCtx = { key: "trigger", values: failed?.values ?? triggerValues(trigger), errors: failed?.errors ?? {}, choices };
  return (
    <form method="post" action={action} hx-post={action} hx-target="#wf-editor" hx-select="#wf-editor" hx-swap="outerHTML" class="wf-sf wf-trigger-form" novalidate>
      <CsrfField token={csrfToken} />
      <FormAlert message={ctx.errors._form ?? (Object.keys(ctx.errors).length ? t("workflows.form.checkFields") : undefined)} />
      <Select ctx={ctx} name="type" label={t("workflows.form.triggerKind")} class="wf-tr__kind" options={TRIGGER_TYPES.map((type) => [type, t(`workflows.trigger.${TYPE_KEYS[type]}`)] as const)} />
      <div class="wf-tr wf-tr--channels">
        <Select ctx={ctx} name="channelIds" label={t("workflows.form.onChannels")} multiple options={choices.channels.map((c) => [c.id, c.name] as const)} hint={t("workflows.form.allChannels")} />
      </div>
      <div class="wf-tr wf-tr--received">
        <ConditionRows ctx={ctx} prefix="c" />
      </div>
      <div class="wf-tr wf-tr--followed">
        <Check ctx={ctx} name="firstFollowOnly" label={t("workflows.form.firstFollowOnly")} />
      </div>
      <div class="wf-tr wf-tr--postback">
        <Text ctx={ctx} name="dataPrefix" label={t("workflows.form.dataPrefix")} inputClass="input--mono" hint={t("workflows.form.dataPrefixHint")} />
      </div>
      <div class="wf-tr wf-tr--tag">
        <Select ctx={ctx} name="tagId" label={t("workflows.form.tag")} options={[["", t("workflows.form.pickTag")], ...choices.tags.map((x) => [x.id, x.name] as const)]} />
      </div>
      <div class="wf-tr wf-tr--shortcut wf-sf__row">
        <Text ctx={ctx} name="label" label={t("workflows.form.shortcutLabel")} extra={{ maxlength: 40 }} />
        <Select ctx={ctx} name="minRole" label={t("workflows.form.minRole")} fallback="agent" options={ROLES.map((r) => [r, t(`workflows.form.role.${r}`)] as const)} />
      </div>
      <div class="wf-sf__actions">
        <button class="btn btn--primary btn--small" type="submit">
          {t("workflows.editor.save")}
        </button>
      </div>
    </form>
  );
};
