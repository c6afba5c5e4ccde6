// The requests the benchmark measures, each with the query functions its route runs
// (src/inbox/routes.tsx + page.tsx), so HTTP timings and rows read line up:
//   list   GET /inbox/list   requireSession → listConversations + workspaceDirectory
//   counts GET /inbox/counts requireSession → viewCounts
//   page   GET /inbox        requireSession → listConversations + workspaceDirectory + viewCounts
//   floor  GET /healthz      no D1 at all: wrangler dev's proxy + routing, for reference
import { TAGS, TEAMS } from "./dataset.mjs";

const teamId = (seed, name) => seed.ids.teamIds[TEAMS.indexOf(name)];
const tagId = (seed, name) => seed.ids.tagIds[TAGS.findIndex(([n]) => n === name)];

function listPath(filter) {
  const params = new URLSearchParams();
  for (const k of ["view", "team", "tag", "channel", "q", "cursor"]) if (filter[k]) params.set(k, filter[k]);
  const s = params.toString();
  return `/inbox/list${s ? `?${s}` : ""}`;
}

/** Deep pages: walked over HTTP first (cursor from each page's "Load more" link). */
export const DEEP_PAGES = 20;

export function buildCases(seed) {
  const cases = [];
  const list = (key, group, label, filter, extra = {}) => cases.push({ key, group, label, route: "list", filter, path: listPath(filter), ...extra });
  for (const view of ["mine", "unassigned", "all", "follow_up", "pinned", "snoozed", "resolved"]) list(`view:${view}`, "views", `view=${view}, first page`, { view });
  list("deep:all", "deep pages", `view=all, page ${DEEP_PAGES + 1} (keyset cursor)`, { view: "all" }, { deep: DEEP_PAGES });
  list("deep:resolved", "deep pages", `view=resolved, page ${DEEP_PAGES + 1} (keyset cursor)`, { view: "resolved" }, { deep: DEEP_PAGES });

  list("filter:all+team", "filters", "all + team Support TH", { view: "all", team: teamId(seed, "Support TH") });
  list("filter:mine+team", "filters", "mine + team Escalations", { view: "mine", team: teamId(seed, "Escalations") });
  list("filter:follow_up+team", "filters", "follow_up + team Support JP", { view: "follow_up", team: teamId(seed, "Support JP") });
  list("filter:unassigned+channel", "filters", "unassigned + channel LINE OA Thailand", { view: "unassigned", channel: seed.ids.channel2Id });
  list("filter:resolved+channel", "filters", "resolved + channel (demo OA)", { view: "resolved", channel: seed.channel1Id });
  list("filter:all+tag", "filters", "all + tag 配送 (≈16% of conversations)", { view: "all", tag: tagId(seed, "配送") });
  list("filter:resolved+tag", "filters", "resolved + tag VIP (2%)", { view: "resolved", tag: tagId(seed, "VIP") });
  list("filter:all+team+tag+channel", "filters", "all + team Support JP + tag 返品 + channel (demo OA)", {
    view: "all",
    team: teamId(seed, "Support JP"),
    tag: tagId(seed, "返品"),
    channel: seed.channel1Id,
  });

  list("search:ja", "search", "q=キャンセル (ja, message text, common)", { view: "all", q: "キャンセル" });
  list("search:ja-rare", "search", "q=抹茶ラテ (ja, product name, rarer)", { view: "all", q: "抹茶ラテ" });
  list("search:th", "search", "q=ยกเลิก (th, message text)", { view: "all", q: "ยกเลิก" });
  list("search:en", "search", "q=refund (en, message text)", { view: "all", q: "refund" });
  list("search:order", "search", "q=A12345 (order number prefix)", { view: "all", q: "A12345" });
  list("search:en-resolved", "search", "q=refund in view=resolved", { view: "resolved", q: "refund" });
  list("search:name2", "search", "q=佐藤 (2-char name, LIKE on title)", { view: "all", q: "佐藤" });
  list("search:name2-none", "search", "q=Zq (2 chars, no match: LIKE scans every title)", { view: "all", q: "Zq" });
  list("search:none", "search", "q=カンガルー (3+ chars, no match)", { view: "all", q: "カンガルー" });

  cases.push({ key: "counts", group: "counts", label: "GET /inbox/counts", route: "counts", path: "/inbox/counts" });
  cases.push({ key: "page", group: "page", label: "GET /inbox (full page: list + counts)", route: "page", filter: { view: "all" }, path: "/inbox" });
  cases.push({ key: "floor", group: "reference", label: "GET /healthz (no D1; proxy + routing floor)", route: "floor", path: "/healthz" });
  return cases;
}

/** What a case's route calls, for the rows-read pass (same calls as the route's code). */
export function routeCalls(app, kase, ctx) {
  const { workspaceId, userId, token } = ctx;
  // Like Promise.all, but every call runs to the end (so all its statements are recorded).
  const all = async (promises) => {
    const settled = await Promise.allSettled(promises);
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  };
  const session = (d1For) => app.loadSession(d1For("session"), token);
  const list = (d1For) => app.listConversations(d1For("list"), workspaceId, userId, kase.filter);
  const directory = (d1For) => app.workspaceDirectory(d1For("directory"), workspaceId);
  const counts = (d1For) => app.viewCounts(d1For("counts"), workspaceId, userId);
  switch (kase.route) {
    case "list":
      return async (d1For) => {
        await session(d1For);
        await all([list(d1For), directory(d1For)]);
      };
    case "counts":
      return async (d1For) => {
        await session(d1For);
        await counts(d1For);
      };
    case "page":
      return async (d1For) => {
        await session(d1For);
        await all([list(d1For), directory(d1For), counts(d1For)]);
      };
    default:
      return async () => {};
  }
}
