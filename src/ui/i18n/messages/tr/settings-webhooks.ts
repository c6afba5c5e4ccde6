// tr: placeholder
import type { settingsWebhooks as en } from "../en/settings-webhooks";
import type { Translation } from "../types";

export const settingsWebhooks = {} as const satisfies Translation<typeof en>;
