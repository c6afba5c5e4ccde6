// English: the contacts area's messages (keys start with "contacts." or "js.contacts.").
export const contacts = {} as const;
