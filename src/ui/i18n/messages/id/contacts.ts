// id: the contacts area's messages.
import type { contacts as en } from "../en/contacts";
import type { Translation } from "../types";

export const contacts = {} as const satisfies Translation<typeof en>;
