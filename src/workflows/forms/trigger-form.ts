// The workflow's trigger as form fields: the kind, then what that kind needs
// (channels, message conditions, first follow only, postback prefix, tag, or a
// shortcut's label and the lowest role that may press it).
import { type Trigger, TRIGGER_TYPES, triggerSchema } from "../definition";
import { t } from "../../ui/i18n";
import { conditionValues, readConditions } from "./conditions";
import { FieldReader, type FormValues, listOf, type Parsed } from "./fields";

export const ROLES = ["agent", "supervisor", "admin", "owner"] as const;

export function triggerValues(trigger: Trigger): FormValues {
  const v: FormValues = { type: trigger.type };
  if ("channelIds" in trigger) v.channelIds = trigger.channelIds.join("\n");
  switch (trigger.type) {
    case "message.received":
      trigger.conditions.forEach((c, j) => Object.assign(v, conditionValues(`c${j}_`, c)));
      return v;
    case "contact.followed":
      return { ...v, firstFollowOnly: trigger.firstFollowOnly ? "on" : "" };
    case "postback.received":
      return { ...v, dataPrefix: trigger.dataPrefix };
    case "tag.added":
      return { ...v, tagId: trigger.tagId };
    case "shortcut":
      return { ...v, label: trigger.label, minRole: trigger.minRole };
    default:
      return v;
  }
}

export function parseTriggerForm(values: FormValues, choices: { channelIds: ReadonlySet<string>; tagIds: ReadonlySet<string> }): Parsed<Trigger> {
  const r = new FieldReader(values);
  const type = r.choice("type", TRIGGER_TYPES, "conversation.opened");
  const channelIds = listOf(r.raw("channelIds"));
  if (channelIds.some((id) => !choices.channelIds.has(id))) r.fail("channelIds", "workflows.form.pickChannel");
  let trigger: Trigger;
  switch (type) {
    case "message.received":
      trigger = { type, channelIds, conditions: readConditions(r, "c") };
      break;
    case "contact.followed":
      trigger = { type, channelIds, firstFollowOnly: r.str("firstFollowOnly") === "on" };
      break;
    case "postback.received":
      trigger = { type, dataPrefix: r.text("dataPrefix", 300) };
      break;
    case "tag.added": {
      const tagId = r.str("tagId");
      if (!choices.tagIds.has(tagId)) r.fail("tagId", "workflows.form.pickTag");
      trigger = { type, tagId };
      break;
    }
    case "shortcut":
      trigger = { type, label: r.text("label", 40), minRole: r.choice("minRole", ROLES, "agent") };
      break;
    default:
      trigger = { type, channelIds };
  }
  if (!r.ok) return { value: null, errors: r.errors };
  const checked = triggerSchema.safeParse(trigger);
  if (!checked.success) return { value: null, errors: { _form: t("workflows.editor.invalid", { reason: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 3).join("; ") }) } };
  return { value: checked.data, errors: {} };
}
