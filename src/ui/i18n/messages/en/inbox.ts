// English: the inbox area's messages (keys start with "inbox." or "js.inbox.").
export const inbox = {} as const;
