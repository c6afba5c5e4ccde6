// /settings/csat (admins and owners): a channel's survey settings, the CSV
// export of answers, and the Google Sheets target. Bad input re-renders the
// form with what is wrong and status 422.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import type { Context } from "hono";
import { requireRole } from "../auth/middleware";
import { workspaceChannels } from "../automation/settings";
import type { CsatTextOverrides } from "../db/schema/csat";
import type { AppEnv } from "../env";
import { LANGUAGE_CODES } from "../lib/locales";
import { isHtmx, loadViewer, notFound } from "../settings/context";
import { fieldErrors } from "../settings/forms";
import { t } from "../ui/i18n";
import { csatCsv } from "./csv";
import { channelQuery, csatSettingsForm, sheetsForm } from "./forms";
import { loadCsatSettings, saveCsatSettings, TEXT_FIELDS } from "./settings";
import { loadSheetTarget, removeSheetTarget, saveSheetTarget } from "./sheets";
import { CSAT_PATH, CsatPage, SheetsForm, SurveyForm } from "./views/settings-page";

async function page(c: Context<AppEnv>, channelId: string | undefined, overrides: { survey?: object; sheets?: object } = {}, status: 200 | 422 = 200) {
  const viewer = await loadViewer(c);
  const channels = await workspaceChannels(c.env.DB, viewer.workspaceId);
  const channel = channels.find((ch) => ch.id === channelId) ?? channels[0];
  const csrfToken = viewer.csrfToken;
  const survey = channel ? { csrfToken, channels, settings: await loadCsatSettings(c.env.DB, channel), ...overrides.survey } : null;
  const sheets = { csrfToken, target: await loadSheetTarget(c.env.DB, viewer.workspaceId), ...overrides.sheets };
  return c.html(<CsatPage viewer={viewer} survey={survey} sheets={sheets} />, status);
}

export const csatSettingsRoutes = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", zValidator("query", channelQuery), (c) => page(c, c.req.valid("query").channel))
  .post("/", async (c) => {
    const session = c.get("session");
    const body = (await c.req.parseBody()) as Record<string, string>;
    const channels = await workspaceChannels(c.env.DB, session.workspaceId);
    const channel = channels.find((ch) => ch.id === body.channelId);
    if (!channel) throw notFound("channel");
    const current = await loadCsatSettings(c.env.DB, channel);
    const parsed = csatSettingsForm.safeParse(body);
    if (!parsed.success) {
      // The submitted values come back with the errors.
      const texts: Record<string, CsatTextOverrides> = {};
      for (const lang of LANGUAGE_CODES) for (const f of TEXT_FIELDS) (texts[lang] ??= {})[f] = String(body[`${f}.${lang}`] ?? "");
      const settings = { ...current, onResolve: body.onResolve ? 1 : 0, onlyIfAgentAnswered: body.onlyIfAgentAnswered ? 1 : 0, minDaysBetween: Number(body.minDaysBetween) || 0, texts };
      const props = { csrfToken: session.csrfToken, channels, settings, errors: fieldErrors(parsed.error) };
      return isHtmx(c) ? c.html(<SurveyForm {...props} />, 422) : page(c, channel.id, { survey: props }, 422);
    }
    const data = parsed.data as Record<string, string | number>;
    const texts: Record<string, CsatTextOverrides> = {};
    for (const lang of LANGUAGE_CODES) {
      for (const f of TEXT_FIELDS) {
        const value = String(data[`${f}.${lang}`] ?? "");
        if (value) (texts[lang] ??= {})[f] = value;
      }
    }
    const settings = { ...current, onResolve: parsed.data.onResolve, onlyIfAgentAnswered: parsed.data.onlyIfAgentAnswered, minDaysBetween: parsed.data.minDaysBetween, texts, updatedAt: Date.now() };
    await saveCsatSettings(c.env.DB, settings);
    if (!isHtmx(c)) return c.redirect(`${CSAT_PATH}?channel=${channel.id}`, 303);
    return c.html(<SurveyForm csrfToken={session.csrfToken} channels={channels} settings={settings} saved />);
  })
  .get("/export.csv", (c) => {
    const session = c.get("session");
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="csat-${new Date().toISOString().slice(0, 10)}.csv"`);
    c.header("cache-control", "no-store");
    return c.body(csatCsv(c.env.DB, session.workspaceId));
  })
  .post("/sheets", async (c) => {
    const session = c.get("session");
    const body = (await c.req.parseBody()) as Record<string, string>;
    const target = await loadSheetTarget(c.env.DB, session.workspaceId);
    const parsed = sheetsForm.safeParse(body);
    const values = { spreadsheetId: String(body.spreadsheetId ?? ""), sheetName: String(body.sheetName ?? "") };
    // A first setup needs a key; later saves may leave it empty to keep the stored one.
    const errors = parsed.success ? (!parsed.data.key && !target ? { key: t("csat.sheets.error.keyRequired") } : null) : fieldErrors(parsed.error);
    if (errors || !parsed.success) {
      const props = { csrfToken: session.csrfToken, target, values, errors: errors ?? {} };
      return isHtmx(c) ? c.html(<SheetsForm {...props} />, 422) : page(c, undefined, { sheets: props }, 422);
    }
    await saveSheetTarget(c.env, session.workspaceId, { clientEmail: parsed.data.key?.clientEmail ?? null, privateKey: parsed.data.key?.privateKey ?? null, spreadsheetId: parsed.data.spreadsheetId, sheetName: parsed.data.sheetName });
    if (!isHtmx(c)) return c.redirect(CSAT_PATH, 303);
    return c.html(<SheetsForm csrfToken={session.csrfToken} target={await loadSheetTarget(c.env.DB, session.workspaceId)} saved />);
  })
  .post("/sheets/remove", async (c) => {
    const session = c.get("session");
    await removeSheetTarget(c.env.DB, session.workspaceId);
    if (!isHtmx(c)) return c.redirect(CSAT_PATH, 303);
    return c.html(<SheetsForm csrfToken={session.csrfToken} target={null} />);
  });
