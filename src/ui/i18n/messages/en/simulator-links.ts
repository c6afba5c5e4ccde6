// English: the simulator's LINE account-link dialog and the console's pending links.
export const simulatorLinks = {
  "simulator.links.title": "Account links",
  "simulator.links.hint": "Link tokens the app issued in the last 10 minutes. Finish LINE's account-link dialog for one to send the accountLink event.",
  "simulator.links.none": "No link tokens waiting.",
  "simulator.links.nonce": "Nonce",
  "simulator.links.result": "Result",
  "simulator.links.ok": "Linked",
  "simulator.links.failedOption": "Failed",
  "simulator.links.complete": "Send accountLink event",
  "simulator.links.dialogTitle": "Link your account",
  "simulator.links.linked": "Your LINE account is linked.",
  "simulator.links.failed": "The account could not be linked.",
} as const;
