// What Settings → SLA accepts for a policy: a name, its place in the order,
// optional conditions (channel, team, priority at least, tag) and at least one
// target in minutes.
import { z } from "zod";
import { t } from "../ui/i18n";

const minutes = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 525_600) {
      ctx.addIssue({ code: "custom", message: t("sla.settings.error.minutes") });
      return z.NEVER;
    }
    return n;
  });
const optionalId = z
  .string()
  .trim()
  .max(40)
  .transform((v) => v || null);

export const policyForm = z
  .object({
    name: z.string().trim().min(1, { error: () => t("sla.settings.error.name") }).max(80, { error: () => t("sla.settings.error.name") }),
    position: z.coerce.number({ error: () => t("sla.settings.error.position") }).int({ error: () => t("sla.settings.error.position") }).min(0, { error: () => t("sla.settings.error.position") }).max(999, { error: () => t("sla.settings.error.position") }),
    channelId: optionalId,
    teamId: optionalId,
    tagId: optionalId,
    minPriority: z.enum(["", "1", "2", "3", "4"]).transform((v) => (v ? Number(v) : null)),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    businessHours: z.preprocess((v) => (v === "on" ? 1 : 0), z.number()),
  })
  .refine((p) => p.firstResponseMinutes !== null || p.nextResponseMinutes !== null || p.resolutionMinutes !== null, { message: t("sla.settings.error.noTarget"), path: ["firstResponseMinutes"] });

export type PolicyFormValues = Record<string, string>;
export const EMPTY_POLICY: PolicyFormValues = { name: "", position: "10", channelId: "", teamId: "", tagId: "", minPriority: "", firstResponseMinutes: "", nextResponseMinutes: "", resolutionMinutes: "", businessHours: "" };
