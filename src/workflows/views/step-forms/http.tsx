// The HTTP request step's form: method and URL, headers, a JSON body template,
// timeout and retries, response mappings (JSON pointer → variable / contact
// field), a note with the outcome and where to go when the request fails. The
// workspace's secret names are listed as {{secret.NAME}} (never their values).
import type { FC } from "hono/jsx";
import { t } from "../../../ui/i18n";
import { rowCount } from "../../forms/fields";
import { HTTP_METHODS, MAX_MAPPINGS } from "../../forms/http-form";
import { type FormCtx, Row, Select, StepPicker, Text } from "./bits";

export const HttpFields: FC<{ ctx: FormCtx; self: string }> = ({ ctx, self }) => {
  const secrets = ctx.choices.secrets;
  return (
    <>
      <Row class="wf-sf__row--url">
        <Select ctx={ctx} name="method" label={t("workflows.form.method")} fallback="POST" options={HTTP_METHODS.map((m) => [m, m] as const)} />
        <Text ctx={ctx} name="url" label={t("workflows.form.url")} inputClass="input--mono" placeholder="https://example.com/api/tickets" />
      </Row>
      <p class="field__hint wf-sf__secrets">
        {secrets.length ? t("workflows.form.secretsAvailable", { secrets: secrets.map((s) => `{{secret.${s}}}`).join(" ") }) : t("workflows.form.noSecrets")}{" "}
        <a href="/settings/workflows/secrets">{t("workflows.secrets.title")}</a>
      </p>
      <Text ctx={ctx} name="headers" label={t("workflows.form.headers")} rows={3} inputClass="input--mono" placeholder="Authorization: Bearer {{secret.API_TOKEN}}" hint={t("workflows.form.headersHint")} />
      <Text ctx={ctx} name="body" label={t("workflows.form.body")} rows={5} inputClass="input--mono" placeholder='{"subject": "LINE chat with {{contact.name}}"}' hint={t("workflows.form.bodyHint")} />
      <Row>
        <Text ctx={ctx} name="timeoutSeconds" label={t("workflows.form.timeoutSeconds")} type="number" extra={{ min: 1, max: 30 }} placeholder="10" />
        <Text ctx={ctx} name="retries" label={t("workflows.form.retries")} type="number" extra={{ min: 0, max: 5 }} placeholder="2" />
      </Row>
      <fieldset class="wf-sf__group">
        <legend class="wf-sf__legend">{t("workflows.form.mappings")}</legend>
        {Array.from({ length: rowCount(ctx.values, "s", 2, MAX_MAPPINGS) }, (_, i) => (
          <Row class="wf-sf__row--3">
            <Text ctx={ctx} name={`s${i}_pointer`} label={t("workflows.form.pointer")} inputClass="input--mono" placeholder="/ticket/id" />
            <Text ctx={ctx} name={`s${i}_variable`} label={t("workflows.form.toVariable")} inputClass="input--mono" />
            <Text ctx={ctx} name={`s${i}_field`} label={t("workflows.form.toField")} inputClass="input--mono" />
          </Row>
        ))}
        <p class="field__hint">{t("workflows.form.mappingsHint")}</p>
      </fieldset>
      <Text ctx={ctx} name="note" label={t("workflows.form.resultNote")} rows={2} hint={t("workflows.form.resultNoteHint")} />
      <StepPicker ctx={ctx} name="onError" label={t("workflows.editor.onError")} emptyLabel={t("workflows.form.continue")} self={self} />
    </>
  );
};
