// Guards the import graph that docs/architecture.md describes. Features talk
// through domain events and the conversation port; a feature may import only
// the shared folders and the public modules of another feature listed below.
// The conversation core imports no feature (listeners are wired in
// src/listeners.ts, the composition root). A failure names the file and the
// import: route the dependency through an event, the port or a public module —
// or, when the module really is a feature's public face, list it here and in
// docs/architecture.md.
import { describe, expect, it } from "vitest";

declare global {
  interface ImportMeta {
    glob<T>(pattern: string | string[], options: { query: "?raw"; import: "default"; eager: true }): Record<string, T>;
  }
}

const sources = import.meta.glob<string>(["../src/**/*.ts", "../src/**/*.tsx"], { query: "?raw", import: "default", eager: true });

/** Folders every feature may use: framework-free helpers, the database, shared UI, the LINE platform. */
const SHARED = new Set(["lib", "db", "ui", "line"]);

/** What other features may import from each feature (paths inside the feature, without extension). */
const PUBLIC: Record<string, readonly string[]> = {
  conversations: ["events", "model", "port", "service", "live", "conversation-do", "ingest-spool", "workspace-do"],
  auth: ["middleware", "api-token-check", "throttle", "password-strength", "session", "invites", "routes"],
  assignment: ["index", "listener", "routes", "drain-job", "serializer"],
  csat: ["index", "inbox-routes", "contact-ratings", "survey", "listener", "sheets", "routes", "nav", "views/toolbar-action"],
  sla: ["timers", "listener", "routes", "nav"],
  reports: ["routes", "recorder", "backfill", "backlog"],
  automation: ["listener", "routes", "state", "views/line-preview", "nav", "commands", "hours", "queue", "settings", "rules", "replies", "rule-form", "views/rule-form"],
  composer: ["routes", "media-routes", "forms", "messages", "stickers", "guard", "views/composer"],
  contacts: ["routes", "listener", "assigned-listener", "account-link", "notification-routes", "nav", "notify", "schemas", "queries/contact", "queries/fields", "queries/tags"],
  inbox: ["routes", "directory", "queries", "conversation-ref", "triage-form", "views/list-toolbar"],
  quota: ["routes", "service", "views/quota-badge"],
  settings: ["routes", "context", "forms", "queries/members", "queries/teams", "team-rules", "queries/cursor", "queries/canned-replies", "views/form-bits", "views/icons", "views/nav", "views/shell", "views/rich-text"],
  "outbound-webhooks": ["listener", "dispatcher-do", "nav", "routes"],
  push: ["sla", "listener", "offline-page", "mentions", "assigned", "deliveries", "content", "device-label", "endpoint", "preferences", "recipients", "subscriptions", "vapid"],
  tags: ["store", "palette", "conversation-tags", "tagged-conversations"],
  setup: ["routes", "first-run", "bootstrapped"],
  simulator: ["routes", "simulator-do", "stickers"],
  webhooks: ["app", "routes"],
  api: ["routes"],
  workflows: ["definition", "listener", "shortcut-routes", "settings-routes", "shortcuts", "views/shortcut-bar"],
};

/**
 * Known exception, to be moved onto the port: the CSAT survey and the SLA clocks
 * still work on the conversation's runtime (activity lines, index columns,
 * awaited answers), reached from the core only through src/conversation-extensions.ts.
 */
const RUNTIME_EXTENSIONS = ["csat/survey.ts", "sla/timers.ts"];

/** What the conversation core may import besides the shared folders and itself. */
const CORE_ALLOWED = ["tags/conversation-tags", "quota/service", "listeners", "workspace-services", "conversation-extensions", "env"];

interface Edge {
  from: string;
  to: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const [file, text] of Object.entries(sources)) {
    const from = file.replace(/^\.\.\/src\//, "");
    const dir = from.split("/").slice(0, -1);
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const parts = [...dir];
      for (const seg of (m[1] ?? "").split("/")) {
        if (seg === "..") parts.pop();
        else if (seg !== ".") parts.push(seg);
      }
      out.push({ from, to: parts.join("/").replace(/\.(tsx?|js)$/, "") });
    }
  }
  return out;
}

const featureOf = (path: string) => (path.includes("/") ? path.split("/")[0] ?? "" : "");
const inside = (path: string) => path.split("/").slice(1).join("/");

describe("import graph", () => {
  const all = edges();

  it("reads the sources", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(all.length).toBeGreaterThan(500);
  });

  it("the conversation core imports no feature (automation, workflows, inbox...)", () => {
    const bad = all.filter((e) => featureOf(e.from) === "conversations" && featureOf(e.to) !== "conversations" && !SHARED.has(featureOf(e.to)) && !CORE_ALLOWED.includes(e.to));
    expect(bad.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("automation and workflows reach a conversation only through its port, events and model", () => {
    const bad = all.filter((e) => ["automation", "workflows"].includes(featureOf(e.from)) && featureOf(e.to) === "conversations" && !["events", "model", "port", "service"].includes(inside(e.to)));
    expect(bad.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("a feature imports another feature only through that feature's public modules", () => {
    const bad = all.filter((e) => {
      const a = featureOf(e.from);
      const b = featureOf(e.to);
      if (!b || a === b || SHARED.has(b)) return false;
      if (RUNTIME_EXTENSIONS.includes(e.from) && b === "conversations") return false;
      return !(PUBLIC[b] ?? []).includes(inside(e.to));
    });
    expect(bad.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("shared folders import no feature (the domain model aside)", () => {
    const bad = all.filter((e) => SHARED.has(featureOf(e.from)) && featureOf(e.to) && !SHARED.has(featureOf(e.to)) && e.to !== "conversations/model" && e.to !== "conversations/events");
    expect(bad.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});
