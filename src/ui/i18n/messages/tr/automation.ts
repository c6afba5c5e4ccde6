// tr: the automation area's messages.
import type { automation as en } from "../en/automation";
import type { Translation } from "../types";

export const automation = {} as const satisfies Translation<typeof en>;
