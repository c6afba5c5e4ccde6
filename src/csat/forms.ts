// What Settings → CSAT accepts: a channel's survey settings with its texts per
// language, and the workspace's Google Sheets target (the service account's
// JSON key is write-only: empty keeps the stored one).
import { z } from "zod";
import { LANGUAGE_CODES } from "../lib/locales";
import { t } from "../ui/i18n";
import { TEXT_FIELDS, TEXT_MAX } from "./settings";

const checkbox = z.preprocess((v) => (v === "on" || v === "1" ? 1 : 0), z.number());
const text = z
  .string()
  .trim()
  .max(TEXT_MAX, { error: () => t("csat.settings.error.tooLong", { max: TEXT_MAX }) })
  .optional()
  .default("");

export const channelQuery = z.object({ channel: z.string().max(40).optional() });

const textFields = Object.fromEntries(LANGUAGE_CODES.flatMap((lang) => TEXT_FIELDS.map((field) => [`${field}.${lang}`, text])));

export const csatSettingsForm = z.object({
  channelId: z.string().min(1).max(40),
  onResolve: checkbox,
  onlyIfAgentAnswered: checkbox,
  minDaysBetween: z.coerce.number({ error: () => t("csat.settings.error.minDays") }).int({ error: () => t("csat.settings.error.minDays") }).min(0, { error: () => t("csat.settings.error.minDays") }).max(365, { error: () => t("csat.settings.error.minDays") }),
  ...textFields,
});

export type CsatSettingsValues = Record<string, string>;

const serviceAccountKey = z.object({ client_email: z.string().email().max(200), private_key: z.string().includes("BEGIN PRIVATE KEY").max(8000) });

export const sheetsForm = z.object({
  key: z
    .string()
    .trim()
    .max(10_000, { error: () => t("csat.sheets.error.key") })
    .transform((raw, ctx) => {
      if (!raw) return null;
      try {
        const parsed = serviceAccountKey.safeParse(JSON.parse(raw));
        if (parsed.success) return { clientEmail: parsed.data.client_email, privateKey: parsed.data.private_key };
      } catch {
        // Not JSON: reported below.
      }
      ctx.addIssue({ code: "custom", message: t("csat.sheets.error.key") });
      return z.NEVER;
    }),
  spreadsheetId: z.string().trim().regex(/^[A-Za-z0-9_-]{10,100}$/, { error: () => t("csat.sheets.error.spreadsheet") }),
  sheetName: z.string().trim().min(1, { error: () => t("csat.sheets.error.sheetName") }).max(100, { error: () => t("csat.sheets.error.sheetName") }),
});
