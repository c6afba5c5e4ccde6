// zh-CN: the composer area's messages.
import type { composer as en } from "../en/composer";
import type { Translation } from "../types";

export const composer = {} as const satisfies Translation<typeof en>;
