// zh-TW: the pwa area's messages.
import type { pwa as en } from "../en/pwa";
import type { Translation } from "../types";

export const pwa = {} as const satisfies Translation<typeof en>;
