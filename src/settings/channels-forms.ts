// Zod schemas for Settings → Channels: add, edit (blank secret or token = keep),
// remove (type the name), the list's cursor, and what a form echoes back on 422.
// Secrets are never echoed: a failed form shows the secret fields empty again.
import { z } from "zod";

export const CHANNEL_NAME_MAX = 60;
export const CHANNEL_PAGE_SIZE = 50;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const channelName = z
  .string({ error: "Give the channel a name" })
  .trim()
  .min(1, "Give the channel a name, e.g. the country or brand it serves")
  .max(CHANNEL_NAME_MAX, `Channel names can have at most ${CHANNEL_NAME_MAX} characters`);

/** LINE channel ids are numbers (LINE Developers Console → Basic settings). */
const lineChannelId = z
  .string({ error: "Enter the channel ID" })
  .trim()
  .min(1, "Enter the channel ID from the LINE Developers Console (Basic settings)")
  .regex(/^\d{6,20}$/, "A LINE channel ID is a number, e.g. 1234567890 (Basic settings tab)");

/** Channel secrets are 32 hexadecimal characters (Basic settings). */
const channelSecret = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, "A channel secret is 32 characters of 0–9 and a–f (Basic settings tab)");

/** Long-lived tokens are ~170 characters; v2.1 tokens are longer JWT-like strings. */
const accessToken = z
  .string()
  .trim()
  .min(20, "That is too short for a channel access token (Messaging API tab → Channel access token)")
  .max(2000, "That is too long for a channel access token")
  .regex(/^[\x21-\x7e]+$/, "A channel access token has no spaces or line breaks");

export const channelCreateForm = z.object({
  name: channelName,
  lineChannelId,
  channelSecret: z.preprocess(blank, z.string({ error: "Paste the channel secret" }).pipe(channelSecret)),
  accessToken: z.preprocess(blank, z.string({ error: "Paste a channel access token" }).pipe(accessToken)),
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
