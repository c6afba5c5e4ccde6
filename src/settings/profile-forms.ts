// Zod schemas for Settings → Profile: the language and time zone form, the
// notification preferences form, and the browser's push subscription (JSON).
import { z } from "zod";
import { isTimeZone, LANGUAGE_CODES, type LanguageCode } from "../lib/locales";
import { t } from "../ui/i18n";

/** "" is Automatic (null): follow the browser, then the workspace. */
export const profileForm = z.object({
  language: z
    .string()
    .optional()
    .transform((v) => v ?? "")
    .pipe(z.union([z.literal(""), z.enum(LANGUAGE_CODES)], { error: () => t("pwa.profile.error.language") }))
    .transform((v): LanguageCode | null => (v === "" ? null : v)),
  /** "" is the workspace's time zone (null). */
  timeZone: z
    .string()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || isTimeZone(v), { error: () => t("pwa.profile.error.timeZone") })
    .transform((v) => (v === "" ? null : v)),
});
export type ProfileValues = z.infer<typeof profileForm>;

/** A checkbox: present ("on") when ticked, absent otherwise. */
const checkbox = z
  .union([z.literal("on"), z.literal("1"), z.literal("true")])
  .optional()
  .transform((v) => v !== undefined);

export const preferencesForm = z.object({ mine: checkbox, unassigned: checkbox, mentions: checkbox, sla: checkbox, hideText: checkbox });

const b64url = /^[A-Za-z0-9_-]+={0,2}$/;

/** PushSubscription.toJSON() as the browser posts it. */
export const subscriptionJson = z.object({
  endpoint: z.string().min(12).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    // 65 bytes (an uncompressed P-256 point) and 16 bytes, base64url.
    p256dh: z.string().min(86).max(90).regex(b64url),
    auth: z.string().min(22).max(26).regex(b64url),
  }),
});

export const deviceParam = z.object({ id: z.string().regex(/^psub_[0-9a-z]{20}$/) });
