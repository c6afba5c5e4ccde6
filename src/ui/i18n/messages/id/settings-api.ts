// id: placeholder
import type { settingsApi as en } from "../en/settings-api";
import type { Translation } from "../types";

export const settingsApi = {} as const satisfies Translation<typeof en>;
