// Composition root for features that still work on a conversation's runtime
// rather than through the ConversationPort (like listeners.ts for domain
// events): the CSAT survey and SLA clocks. The conversation core reaches them
// only through this file, never by importing the features. Moving them onto
// the port (activity lines, index columns and answer-awaiting there) is the
// next step; docs/architecture.md lists this as a known exception.
export { closeSurveyJob, type CsatCommand, runCsatCommand } from "./csat/survey";
export { syncSla } from "./sla/timers";
