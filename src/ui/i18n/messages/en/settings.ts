// English: the settings area's messages (keys start with "settings." or "js.settings.").
export const settings = {} as const;
