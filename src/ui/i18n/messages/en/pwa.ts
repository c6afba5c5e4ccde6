// English: the pwa area's messages (keys start with "pwa." or "js.pwa.").
export const pwa = {} as const;
