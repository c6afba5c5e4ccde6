// English: the composer area's messages (keys start with "composer." or "js.composer.").
export const composer = {} as const;
