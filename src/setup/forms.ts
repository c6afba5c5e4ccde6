// The /setup form: workspace, owner and the setup key, validated with zod.
import { z } from "zod";
import { isTimeZone, LANGUAGE_CODES } from "../lib/locales";
import { t } from "../ui/i18n";

export const setupForm = z
  .object({
    _csrf: z.string().min(1).max(200),
    setupKey: z.string().min(1, { error: () => t("setup.error.keyMissing") }).max(500),
    workspaceName: z.string().trim().min(1, { error: () => t("setup.error.workspaceName") }).max(80, { error: () => t("setup.error.tooLong") }),
    timeZone: z.string().refine(isTimeZone, { error: () => t("setup.error.timeZone") }),
    language: z.enum(LANGUAGE_CODES, { error: () => t("setup.error.language") }),
    name: z.string().trim().min(1, { error: () => t("auth.name.missing") }).max(80, { error: () => t("auth.name.tooLong") }),
    email: z.string().trim().toLowerCase().email({ error: () => t("setup.error.email") }).max(254),
    password: z.string().max(200, { error: () => t("auth.password.tooLong", { max: 200 }) }),
    confirm: z.string().max(200),
  })
  .refine((d) => d.password === d.confirm, { error: () => t("auth.password.mismatch"), path: ["confirm"] });

export type SetupForm = z.infer<typeof setupForm>;

/** What the person typed (never the key or passwords), to fill the form again after an error. */
export interface SetupValues {
  workspaceName?: string;
  timeZone?: string;
  language?: string;
  name?: string;
  email?: string;
}

export function typedValues(body: Record<string, unknown>): SetupValues {
  const text = (k: string) => (typeof body[k] === "string" ? String(body[k]).slice(0, 254) : undefined);
  return { workspaceName: text("workspaceName"), timeZone: text("timeZone"), language: text("language"), name: text("name"), email: text("email") };
}
