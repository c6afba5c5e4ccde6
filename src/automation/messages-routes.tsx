// /settings/automation/messages: the automatic messages page, saving one
// section (its card comes back, with errors and 422 when invalid) and the
// live preview of a section while the admin types.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { fieldErrors } from "../settings/forms";
import { t } from "../ui/i18n";
import { MESSAGE_SECTIONS, sectionParam } from "./forms";
import { automationContext, backTo, formBody, isHtmx, previewContext } from "./route-context";
import { listRules } from "./rules";
import { saveSettings, type SettingsChange } from "./settings";
import { KEYWORDS_PATH, KeywordsPage } from "./views/keywords-page";
import { type AutomatedStats, MESSAGES_PATH, MessagesPage, SectionCard, SectionPreview } from "./views/messages-page";

const DAY_MS = 86_400_000;

/** Automated messages of the channel in the last 30 days, by how they were delivered. */
async function automatedStats(d1: D1Database, channelId: string, now = Date.now()): Promise<AutomatedStats> {
  const row = await d1
    .prepare(
      `SELECT COUNT(*) AS total,
              SUM(CASE WHEN json_extract(detail, '$.via') = 'reply' THEN 1 ELSE 0 END) AS reply,
              SUM(CASE WHEN json_extract(detail, '$.via') = 'push' THEN 1 ELSE 0 END) AS push
         FROM reporting_events WHERE channel_id = ?1 AND kind = 'automated_message' AND created_at > ?2`,
    )
    .bind(channelId, now - 30 * DAY_MS)
    .first<{ total: number; reply: number | null; push: number | null }>();
  return { total: row?.total ?? 0, reply: row?.reply ?? 0, push: row?.push ?? 0 };
}

export const messagesRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const ctx = await automationContext(c);
    return c.html(<MessagesPage {...ctx} ctx={await previewContext(c, ctx)} stats={await automatedStats(c.env.DB, ctx.channel.id)} />);
  })
  .post("/preview", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const section = sectionParam.safeParse(body);
    if (!section.success) throw new HTTPException(422, { message: t("automation.error.unknownSection") });
    return c.html(<SectionPreview section={section.data.section} values={body} ctx={await previewContext(c, ctx)} />);
  })
  .post("/:section", async (c) => {
    const section = sectionParam.safeParse(c.req.param());
    if (!section.success) throw new HTTPException(404, { message: t("automation.error.noSuchMessage") });
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const parsed = MESSAGE_SECTIONS[section.data.section].safeParse(body);
    const preview = await previewContext(c, ctx);
    if (!parsed.success) {
      const failed = { section: section.data.section, values: body, errors: fieldErrors(parsed.error) };
      if (isHtmx(c)) return c.html(<SectionCard {...failed} settings={ctx.settings} csrfToken={ctx.viewer.csrfToken} ctx={preview} />, 422);
      if (failed.section === "keyword_list") {
        const rules = await listRules(c.env.DB, ctx.viewer.workspaceId, ctx.channel.id);
        return c.html(<KeywordsPage {...ctx} ctx={preview} rules={rules} listFailed={failed} />, 422);
      }
      return c.html(<MessagesPage {...ctx} ctx={preview} stats={await automatedStats(c.env.DB, ctx.channel.id)} failed={failed} />, 422);
    }
    const change: SettingsChange = parsed.data;
    await saveSettings(c.env.DB, ctx.who, ctx.channel.id, change, section.data.section);
    if (!isHtmx(c)) return c.redirect(backTo(section.data.section === "keyword_list" ? KEYWORDS_PATH : MESSAGES_PATH, ctx.channel.id), 303);
    const settings = { ...ctx.settings, ...change };
    return c.html(<SectionCard section={section.data.section} settings={settings} csrfToken={ctx.viewer.csrfToken} ctx={{ ...preview, settings }} saved />);
  });
