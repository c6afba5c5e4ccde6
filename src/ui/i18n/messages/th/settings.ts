// th: the settings area's messages.
import type { settings as en } from "../en/settings";
import type { Translation } from "../types";

export const settings = {} as const satisfies Translation<typeof en>;
