// English: the automation area's messages (keys start with "automation." or "js.automation.").
export const automation = {} as const;
