// /settings/automation/keywords: list, create (422 with the form's errors),
// preview while typing, edit in place, switch on/off and delete keyword rules.
// Rules of another workspace are a 404. htmx swaps the card or row that
// changed; without JavaScript every form posts and redirects back.
import type { Context } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { idParam } from "./forms";
import { type AutomationContext, automationContext, backTo, formBody, isHtmx, previewContext } from "./route-context";
import { parseReply, parseRuleForm, ruleFormValues, valuesOfRule } from "./rule-form";
import { createRule, deleteRule, findRule, listRules, setRuleEnabled, updateRule } from "./rules";
import type { KeywordRule } from "./settings";
import { KEYWORDS_PATH, KeywordsPage, RuleCreateCard, RuleRow } from "./views/keywords-page";
import { LinePreview } from "./views/line-preview";
import type { PreviewContext } from "./views/messages-page";
import { RuleForm } from "./views/rule-form";

async function loadRule(c: Context<AppEnv>, ctx: AutomationContext): Promise<KeywordRule> {
  const id = idParam.safeParse(c.req.param());
  const rule = id.success ? await findRule(c.env.DB, ctx.viewer.workspaceId, id.data.id) : null;
  if (!rule) throw new HTTPException(404, { message: t("automation.error.ruleNotFound") });
  return rule;
}

/** The preview of what a (possibly half-filled) form would send. */
function FormPreview({ values, ctx }: { values: Record<string, string>; ctx: PreviewContext }) {
  const reply = parseReply(values);
  const keyword = (values.keywords ?? "").split("\n").map((k) => k.trim()).find(Boolean) ?? "";
  // A pattern is not something a customer types: show it as a note instead of a bubble.
  const trigger = !keyword ? undefined : values.matchMode === "regex" ? { kind: "event" as const, text: t("automation.keywords.matching", { pattern: keyword }) } : { kind: "text" as const, text: keyword };
  const problems = Object.values(reply.errors).filter(Boolean);
  return (
    <>
      <LinePreview channelName={ctx.channelName} trigger={trigger} messages={reply.messages} quickReplies={reply.quickReplies} stickerUrl={ctx.stickerUrl} empty={t("automation.keywords.previewNoMessage")} />
      {problems.length ? (
        <ul class="auto-preview-problems">
          {problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

async function page(c: Context<AppEnv>, ctx: AutomationContext, extra: Partial<Parameters<typeof KeywordsPage>[0]> = {}, status: 200 | 422 = 200) {
  const [preview, rules] = await Promise.all([previewContext(c, ctx), listRules(c.env.DB, ctx.viewer.workspaceId, ctx.channel.id)]);
  return c.html(<KeywordsPage {...ctx} ctx={preview} rules={rules} {...extra} />, status);
}

export const keywordRoutes = new Hono<AppEnv>()
  .get("/", async (c) => page(c, await automationContext(c)))
  .post("/preview", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    return c.html(<FormPreview values={ruleFormValues(body)} ctx={await previewContext(c, ctx)} />);
  })
  .post("/", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const parsed = parseRuleForm(body);
    const preview = await previewContext(c, ctx);
    if (!parsed.input) {
      const create = { values: parsed.values, errors: parsed.errors, preview: <FormPreview values={parsed.values} ctx={preview} /> };
      if (isHtmx(c)) return c.html(<RuleCreateCard csrfToken={ctx.viewer.csrfToken} channelId={ctx.channel.id} ctx={preview} {...create} />, 422);
      return page(c, ctx, { create }, 422);
    }
    const rule = await createRule(c.env.DB, ctx.who, ctx.channel.id, parsed.input);
    if (!isHtmx(c)) return c.redirect(backTo(KEYWORDS_PATH, ctx.channel.id), 303);
    return c.html(
      <>
        <RuleCreateCard csrfToken={ctx.viewer.csrfToken} channelId={ctx.channel.id} ctx={preview} />
        <hx-partial hx-target="#rule-list" hx-swap="beforeend">
          <RuleRow rule={rule} csrfToken={ctx.viewer.csrfToken} channelName={ctx.channel.name} stickerUrl={preview.stickerUrl} />
        </hx-partial>
      </>,
    );
  })
  .get("/:id", async (c) => {
    const ctx = await automationContext(c);
    const rule = await loadRule(c, ctx);
    if (!isHtmx(c)) return c.redirect(backTo(KEYWORDS_PATH, rule.channelId), 303);
    const preview = await previewContext(c, ctx);
    return c.html(<RuleRow rule={rule} csrfToken={ctx.viewer.csrfToken} channelName={ctx.channel.name} stickerUrl={preview.stickerUrl} />);
  })
  .get("/:id/edit", async (c) => {
    const ctx = await automationContext(c);
    const rule = await loadRule(c, ctx);
    const preview = await previewContext(c, ctx);
    const values = valuesOfRule(rule);
    const form = <RuleForm csrfToken={ctx.viewer.csrfToken} channelId={rule.channelId} ruleId={rule.id} values={values} preview={<FormPreview values={values} ctx={preview} />} />;
    if (isHtmx(c)) return c.html(<li id={`rule-${rule.id}`} class="auto-rule auto-rule--editing">{form}</li>);
    return c.html(<KeywordsPage {...ctx} ctx={preview} rules={[]} editing={{ id: rule.id, form }} />);
  })
  .post("/:id", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const rule = await loadRule(c, ctx);
    const parsed = parseRuleForm(body);
    const preview = await previewContext(c, ctx);
    if (!parsed.input) {
      const form = <RuleForm csrfToken={ctx.viewer.csrfToken} channelId={rule.channelId} ruleId={rule.id} values={parsed.values} errors={parsed.errors} preview={<FormPreview values={parsed.values} ctx={preview} />} />;
      if (isHtmx(c)) return c.html(<li id={`rule-${rule.id}`} class="auto-rule auto-rule--editing">{form}</li>, 422);
      return c.html(<KeywordsPage {...ctx} ctx={preview} rules={[]} editing={{ id: rule.id, form }} />, 422);
    }
    const updated = await updateRule(c.env.DB, ctx.who, rule, parsed.input);
    if (!isHtmx(c)) return c.redirect(backTo(KEYWORDS_PATH, rule.channelId), 303);
    return c.html(<RuleRow rule={updated} csrfToken={ctx.viewer.csrfToken} channelName={ctx.channel.name} stickerUrl={preview.stickerUrl} />);
  })
  .post("/:id/toggle", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const current = await loadRule(c, ctx);
    const rule = await setRuleEnabled(c.env.DB, ctx.who, current, !current.enabled);
    if (!isHtmx(c)) return c.redirect(backTo(KEYWORDS_PATH, rule.channelId), 303);
    return c.html(<RuleRow rule={rule} csrfToken={ctx.viewer.csrfToken} channelName={ctx.channel.name} stickerUrl={(await previewContext(c, ctx)).stickerUrl} />);
  })
  .post("/:id/delete", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const rule = await loadRule(c, ctx);
    await deleteRule(c.env.DB, ctx.who, rule);
    return isHtmx(c) ? c.body("", 200) : c.redirect(backTo(KEYWORDS_PATH, rule.channelId), 303);
  });
