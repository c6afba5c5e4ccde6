// Shipped workflow templates: one click creates an editable draft from one of
// them (Settings → Workflows). Team steps use the workspace's own teams (by
// name when one fits: "sales", "senior"), so a template works out of the box;
// the Zendesk and Zoho Desk ones call those APIs in their documented shapes
// with credentials from workspace secrets ({{secret.NAME}}). Texts for the
// customer are the shipped ones of template-texts.ts: sent in the customer's
// language until an admin edits them.
import type { Step, Trigger } from "./definition";
import type { Draft } from "./store";
import { shipped as say } from "./template-texts";

export const TEMPLATE_IDS = ["faq", "routing", "escalate", "sales", "zendesk", "zoho"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TeamRef {
  id: string;
  name: string;
}

const text = (t: string, quickReplies: Array<{ label: string; text: string }> = []) => ({ messages: [{ type: "text" as const, text: t }], quickReplies });

function pick(teams: TeamRef[], pattern: RegExp): TeamRef | undefined {
  return teams.find((t) => pattern.test(t.name)) ?? teams[0];
}

function assignTo(id: string, team: TeamRef | undefined, next: string | null): Step {
  return team ? { id, type: "assign", to: { kind: "team", teamId: team.id, usePolicy: true, rule: "round_robin" }, next } : { id, type: "note", text: "No team yet: add one in Settings → Teams and pick it in this step.", next };
}

const shortcut = (label: string, minRole: "agent" | "supervisor" = "agent"): Trigger => ({ type: "shortcut", label, minRole });

export function templateDraft(id: TemplateId, teams: TeamRef[]): { name: string; draft: Draft } {
  switch (id) {
    case "faq":
      return {
        name: "FAQ menu",
        draft: {
          trigger: { type: "conversation.opened", channelIds: [] },
          steps: [
            {
              id: "menu",
              type: "question",
              message: text(say("workflows.tpl.faq.menu")),
              answer: { kind: "choice", display: "quickReplies", options: [{ label: say("workflows.tpl.faq.optHours"), value: "hours", next: "hours" }, { label: say("workflows.tpl.faq.optShipping"), value: "shipping", next: "shipping" }, { label: say("workflows.tpl.faq.optHuman"), value: "human", next: "human" }] },
              saveTo: { variable: "topic" },
              timeoutMinutes: 60,
              onTimeout: null,
              next: null,
            },
            { id: "hours", type: "send", message: text(say("workflows.tpl.faq.hours")), next: null },
            { id: "shipping", type: "send", message: text(say("workflows.tpl.faq.shipping")), next: null },
            { id: "human", type: "send", message: text(say("workflows.tpl.faq.human")), next: null },
          ],
        },
      };
    case "routing": {
      const [a, b, c] = [teams[0], teams[1] ?? teams[0], teams[2] ?? teams[0]];
      return {
        name: "Routing survey",
        draft: {
          trigger: { type: "conversation.opened", channelIds: [] },
          steps: [
            {
              id: "language",
              type: "question",
              message: text(say("workflows.tpl.routing.language")),
              answer: { kind: "choice", display: "quickReplies", options: [{ label: "English", value: "en" }, { label: "日本語", value: "ja" }, { label: "ไทย", value: "th" }] },
              saveTo: { variable: "language" },
              timeoutMinutes: 30,
              onTimeout: "to-a",
              next: "route",
            },
            {
              id: "route",
              type: "branch",
              rules: [
                { when: [{ subject: "answer", variable: "language", op: "equals", value: "ja" }], next: "to-b" },
                { when: [{ subject: "answer", variable: "language", op: "equals", value: "th" }], next: "to-c" },
              ],
              otherwise: "to-a",
            },
            assignTo("to-a", a, "thanks"),
            assignTo("to-b", b, "thanks"),
            assignTo("to-c", c, "thanks"),
            { id: "thanks", type: "send", message: text(say("workflows.tpl.routing.thanks")), next: null },
          ],
        },
      };
    }
    case "escalate":
      return {
        name: "Escalate",
        draft: {
          trigger: shortcut("Escalate"),
          steps: [
            { id: "urgent", type: "setPriority", priority: 4, next: "senior" },
            assignTo("senior", pick(teams, /senior|escalat|tier ?2/i), "note"),
            { id: "note", type: "note", text: "Escalated to a senior agent.", next: null },
          ],
        },
      };
    case "sales":
      return {
        name: "Pass lead to sales",
        draft: {
          trigger: shortcut("Lead to sales"),
          steps: [
            { id: "tag", type: "updateContact", addTags: ["lead"], removeTags: [], next: "sales" },
            assignTo("sales", pick(teams, /sales|営業|ขาย/i), "tell"),
            { id: "tell", type: "send", message: text(say("workflows.tpl.sales.tell")), next: null },
          ],
        },
      };
    case "zendesk":
      return {
        name: "Create a Zendesk ticket",
        draft: {
          trigger: shortcut("Zendesk ticket"),
          steps: [
            {
              id: "ticket",
              type: "http",
              request: {
                method: "POST",
                // POST /api/v2/tickets.json; API token auth: Basic base64("{email}/token:{api_token}").
                url: "https://{{secret.ZENDESK_SUBDOMAIN}}.zendesk.com/api/v2/tickets.json",
                headers: [{ name: "Authorization", value: "Basic {{base64:secret.ZENDESK_CREDENTIALS}}" }],
                body: '{"ticket": {"subject": "LINE conversation with {{contact.name}}", "comment": {"body": "Opened from linedesk: {{conversation.url}}"}, "requester": {"name": "{{contact.name}}"}, "tags": ["line"]}}',
                timeoutSeconds: 10,
                retries: 2,
                save: [{ pointer: "/ticket/id", variable: "zendeskTicket" }],
                note: "Zendesk ticket #{{answers.zendeskTicket}} created",
                onError: null,
              },
              next: null,
            },
          ],
        },
      };
    case "zoho":
      return {
        name: "Create a Zoho Desk ticket",
        draft: {
          trigger: shortcut("Zoho Desk ticket"),
          steps: [
            {
              id: "ticket",
              type: "http",
              request: {
                method: "POST",
                // POST /api/v1/tickets with an OAuth token and the orgId header; subject, departmentId and a contact are required.
                url: "https://desk.zoho.com/api/v1/tickets",
                headers: [
                  { name: "Authorization", value: "Zoho-oauthtoken {{secret.ZOHO_DESK_TOKEN}}" },
                  { name: "orgId", value: "{{secret.ZOHO_DESK_ORG_ID}}" },
                ],
                body: '{"subject": "LINE conversation with {{contact.name}}", "departmentId": "{{secret.ZOHO_DESK_DEPARTMENT_ID}}", "contact": {"lastName": "{{contact.name}}"}, "description": "Opened from linedesk: {{conversation.url}}", "channel": "Chat"}',
                timeoutSeconds: 10,
                retries: 2,
                save: [
                  { pointer: "/ticketNumber", variable: "zohoTicket" },
                  { pointer: "/webUrl", variable: "zohoTicketUrl" },
                ],
                note: "Zoho Desk ticket #{{answers.zohoTicket}}: {{answers.zohoTicketUrl}}",
                onError: null,
              },
              next: null,
            },
          ],
        },
      };
  }
}
