// Forms of the steps that change the conversation or the contact: update a
// contact field and tags, assign (an agent or a team picked by name, and how
// the team hands it on), set status, set priority, and a private note.
import type { FC } from "hono/jsx";
import { t } from "../../../ui/i18n";
import { type FormCtx, Row, Select, Text } from "./bits";

const VARIABLES_HINT = "{{contact.name}} {{answers.<name>}} {{contact.field.<key>}}";

export const UpdateContactFields: FC<{ ctx: FormCtx }> = ({ ctx }) => {
  const tagList = `${ctx.key}-tags`;
  return (
    <>
      <Row>
        <Text ctx={ctx} name="fieldKey" label={t("workflows.form.fieldKey")} inputClass="input--mono" placeholder="language" />
        <Text ctx={ctx} name="fieldValue" label={t("workflows.form.fieldValue")} hint={t("workflows.form.variablesHint", { variables: VARIABLES_HINT })} />
      </Row>
      <Row>
        <Text ctx={ctx} name="addTags" label={t("workflows.form.addTags")} extra={{ list: tagList }} hint={t("workflows.form.tagsHint")} />
        <Text ctx={ctx} name="removeTags" label={t("workflows.form.removeTags")} extra={{ list: tagList }} />
      </Row>
      <datalist id={tagList}>
        {ctx.choices.tags.map((tag) => (
          <option value={tag.name} />
        ))}
      </datalist>
    </>
  );
};

export const AssignFields: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <>
    <Select ctx={ctx} name="assignTo" label={t("workflows.form.assignTo")} fallback="unassign" class="wf-sf__assign-to" options={[["team", t("workflows.form.assign.team")], ["agent", t("workflows.form.assign.agent")], ["unassign", t("workflows.form.assign.unassign")]]} />
    <Row class="wf-as--team">
      <Select ctx={ctx} name="teamId" label={t("workflows.form.team")} options={[["", t("workflows.form.pickTeam")], ...ctx.choices.teams.map((x) => [x.id, x.name] as const)]} />
      <Select
        ctx={ctx}
        name="teamRule"
        label={t("workflows.form.teamRule")}
        fallback="policy"
        options={(["policy", "round_robin", "least_open", "queue"] as const).map((rule) => [rule, t(`workflows.form.teamRule.${rule}`)] as const)}
      />
    </Row>
    <div class="wf-as--agent">
      <Select ctx={ctx} name="userId" label={t("workflows.form.agent")} options={[["", t("workflows.form.pickAgent")], ...ctx.choices.agents.map((x) => [x.id, x.name] as const)]} />
    </div>
  </>
);

export const StatusFields: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <Select ctx={ctx} name="status" label={t("workflows.form.status")} options={[["open", t("inbox.status.open")], ["follow_up", t("inbox.status.followUp")], ["resolved", t("inbox.status.resolved")]]} />
);

export const PriorityFields: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <Select ctx={ctx} name="priority" label={t("workflows.form.priority")} options={(["none", "low", "medium", "high", "urgent"] as const).map((p, i) => [String(i), t(`inbox.priority.${p}`)] as const)} />
);

export const NoteFields: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <Text ctx={ctx} name="text" label={t("workflows.form.noteText")} rows={3} extra={{ maxlength: 2000 }} hint={t("workflows.form.variablesHint", { variables: VARIABLES_HINT })} />
);
