// th: the inbox area's messages.
import type { inbox as en } from "../en/inbox";
import type { Translation } from "../types";

export const inbox = {} as const satisfies Translation<typeof en>;
