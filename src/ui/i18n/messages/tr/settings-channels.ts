// tr: placeholder
import type { settingsChannels as en } from "../en/settings-channels";
import type { Translation } from "../types";

export const settingsChannels = {} as const satisfies Translation<typeof en>;
