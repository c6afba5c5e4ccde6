// Zod schemas for every settings form, query and path parameter, plus the
// helper that turns a failed parse into per-field messages for the 422 forms.
import { z } from "zod";

import { ROLES, type Role } from "../db/roles";
import { AVAILABILITY, type Availability } from "../ui/availability";
import { t } from "../ui/i18n";

export { ROLES, type Role };
/** Roles an invite can carry: owners are made by promotion, never by invite. */
export const INVITE_ROLES = ["admin", "supervisor", "agent"] as const;
export { AVAILABILITY, type Availability };

export const SHORTCUT_MAX = 32;
export const REPLY_BODY_MAX = 5000;
export const TEAM_NAME_MAX = 60;

/** Ids we create are `<prefix>_<20 chars>`; anything else cannot exist, so it is a 404. */
export const idParam = z.object({ id: z.string().regex(/^[a-z]{2,8}_[0-9a-z]{20}$/) });
export const listQuery = z.object({ cursor: z.string().max(600).optional() });

const personName = z
  .string()
  .trim()
  .min(1, { error: () => t("settings.form.nameMissing") })
  .max(80, { error: () => t("settings.form.nameTooLong") });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: () => t("settings.form.emailTooLong") })
  .email({ error: () => t("settings.form.emailInvalid") });

export const inviteForm = z.object({
  name: personName,
  email,
  role: z.enum(INVITE_ROLES, { error: () => t("settings.form.inviteRole") }),
});
export type InviteFormValues = { name: string; email: string; role: string };

export const roleForm = z.object({ role: z.enum(ROLES, { error: () => t("settings.team.roleInvalid") }) });

export const availabilityForm = z.object({ availability: z.enum(AVAILABILITY, { error: () => t("availability.invalid") }) });

export const teamNameForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => t("settings.teams.nameMissing") })
    .max(TEAM_NAME_MAX, { error: () => t("settings.teams.nameTooLong", { max: TEAM_NAME_MAX }) }),
});
export const teamMemberForm = z.object({ userId: z.string().regex(/^[a-z]{2,8}_[0-9a-z]{20}$/, { error: () => t("settings.teams.chooseMember") }) });

/** Browsers send CRLF line breaks; count characters the way the composer will. */
const replyBody = z.preprocess(
  (text) => (typeof text === "string" ? text.replace(/\r\n/g, "\n") : text),
  z
    .string({ error: () => t("settings.canned.bodyMissing") })
    .trim()
    .min(1, { error: () => t("settings.canned.bodyMissing") })
    .max(REPLY_BODY_MAX, { error: () => t("settings.canned.bodyTooLong", { max: REPLY_BODY_MAX }) }),
);
const shortcut = z
  .string({ error: () => t("settings.canned.shortcutMissing") })
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^\/+/, ""))
  .pipe(
    z
      .string()
      .min(1, { error: () => t("settings.canned.shortcutMissing") })
      .max(SHORTCUT_MAX, { error: () => t("settings.canned.shortcutTooLong", { max: SHORTCUT_MAX }) })
      .regex(/^[a-z0-9_-]+$/, { error: () => t("settings.canned.shortcutChars") }),
  );

export const cannedReplyForm = z.object({
  shortcut,
  body: replyBody,
  scope: z.enum(["shared", "personal"], { error: () => t("settings.canned.scopeInvalid") }).default("personal"),
});
export const cannedReplyEditForm = z.object({ shortcut, body: replyBody });
export const cannedScopeQuery = z.object({
  scope: z.enum(["all", "shared", "personal"]).catch("all"),
  cursor: z.string().max(600).optional(),
});
export type CannedScopeFilter = z.infer<typeof cannedScopeQuery>["scope"];

export type FieldErrors = Partial<Record<string, string>>;

/** The first message per field (`_form` for errors that belong to no single field). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === "string" ? issue.path[0] : "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The submitted text values, to put back into a form that failed validation. */
export function submittedText(body: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = body[key];
    out[key] = typeof value === "string" ? value : "";
  }
  return out;
}
