// zh-TW: the simulator area's messages.
import type { simulator as en } from "../en/simulator";
import type { Translation } from "../types";

export const simulator = {} as const satisfies Translation<typeof en>;
