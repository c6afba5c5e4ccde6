// ja: placeholder
import type { settingsTags as en } from "../en/settings-tags";
import type { Translation } from "../types";

export const settingsTags = {} as const satisfies Translation<typeof en>;
