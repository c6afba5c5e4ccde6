// Zod schemas for Settings → Channels: add, edit (blank secret or token = keep),
// remove (type the name), the list's cursor, and what a form echoes back on 422.
// Secrets are never echoed: a failed form shows the secret fields empty again.
import { z } from "zod";
import { t } from "../ui/i18n";

export const CHANNEL_NAME_MAX = 60;
export const CHANNEL_PAGE_SIZE = 50;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const channelName = z
  .string({ error: () => t("settings.channels.form.nameMissing") })
  .trim()
  .min(1, { error: () => t("settings.channels.form.nameMissing") })
  .max(CHANNEL_NAME_MAX, { error: () => t("settings.channels.form.nameTooLong", { max: CHANNEL_NAME_MAX }) });

/** LINE channel ids are numbers (LINE Developers Console → Basic settings). */
const lineChannelId = z
  .string({ error: () => t("settings.channels.form.idMissing") })
  .trim()
  .min(1, { error: () => t("settings.channels.form.idMissing") })
  .regex(/^\d{6,20}$/, { error: () => t("settings.channels.form.idFormat") });

/** Channel secrets are 32 hexadecimal characters (Basic settings). */
const channelSecret = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, { error: () => t("settings.channels.form.secretFormat") });

/** Long-lived tokens are ~170 characters; v2.1 tokens are longer JWT-like strings. */
const accessToken = z
  .string()
  .trim()
  .min(20, { error: () => t("settings.channels.form.tokenShort") })
  .max(2000, { error: () => t("settings.channels.form.tokenLong") })
  .regex(/^[\x21-\x7e]+$/, { error: () => t("settings.channels.form.tokenSpaces") });

export const channelCreateForm = z.object({
  name: channelName,
  lineChannelId,
  channelSecret: z.preprocess(blank, z.string({ error: () => t("settings.channels.form.secretMissing") }).pipe(channelSecret)),
  accessToken: z.preprocess(blank, z.string({ error: () => t("settings.channels.form.tokenMissing") }).pipe(accessToken)),
});

/** Editing: the LINE channel id is fixed (it is the webhook URL); empty secret fields keep what is stored. */
export const channelEditForm = z.object({
  name: channelName,
  channelSecret: z.preprocess(blank, channelSecret.optional()),
  accessToken: z.preprocess(blank, accessToken.optional()),
});

export const channelRemoveForm = z.object({ confirmName: z.string().trim().max(200).default("") });

export const channelListQuery = z.object({ cursor: z.string().max(600).optional() });

/** What a failed form shows again: never the secret fields. */
export interface ChannelFormValues {
  name: string;
  lineChannelId: string;
}
