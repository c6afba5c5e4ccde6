// @mentions in contact notes (pure): which agents a note mentions, the
// `@partial` being typed at the end of a draft, and completing it to a name.

export interface MentionableAgent {
  id: string;
  name: string;
}

const WORD = /[\p{L}\p{N}_]/u;

/** Names an agent answers to: the full name, and the first word when no other agent shares it. */
function handles(agent: MentionableAgent, agents: MentionableAgent[]): string[] {
  const name = agent.name.trim();
  const first = name.split(/\s+/)[0] ?? "";
  const shared = agents.some((a) => a.id !== agent.id && (a.name.trim().split(/\s+/)[0] ?? "").toLowerCase() === first.toLowerCase());
  return first && first !== name && !shared ? [name, first] : [name];
}

/** Ranges [start, end) of `@handle` in `text` (the @ starts a word; the handle ends one). */
function occurrences(text: string, handle: string): Array<[number, number]> {
  const lower = text.toLowerCase();
  const needle = `@${handle.toLowerCase()}`;
  const out: Array<[number, number]> = [];
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
    const before = text[i - 1];
    const after = text[i + needle.length];
    if ((before === undefined || !WORD.test(before)) && (after === undefined || !WORD.test(after))) out.push([i, i + needle.length]);
  }
  return out;
}

/** The agents a note mentions (each once), never its author. */
export function mentionedAgents(body: string, agents: MentionableAgent[], authorId: string): MentionableAgent[] {
  return agents.filter((a) => a.id !== authorId && handles(a, agents).some((h) => occurrences(body, h).length > 0));
}

/** The note split into plain text and `@mention` runs, for highlighting. */
export function splitMentions(body: string, agents: MentionableAgent[]): Array<{ text: string; mention: boolean }> {
  const ranges: Array<[number, number]> = [];
  // Longer handles first, so "@Aiko Tanaka" wins over "@Aiko".
  const all = agents.flatMap((a) => handles(a, agents)).sort((x, y) => y.length - x.length);
  for (const h of all) {
    for (const r of occurrences(body, h)) if (!ranges.some(([s, e]) => r[0] < e && s < r[1])) ranges.push(r);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const parts: Array<{ text: string; mention: boolean }> = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push({ text: body.slice(at, s), mention: false });
    parts.push({ text: body.slice(s, e), mention: true });
    at = e;
  }
  if (at < body.length) parts.push({ text: body.slice(at), mention: false });
  return parts;
}

/** The `@partial` being typed at the end of the draft (without the @), or null. */
export function mentionQuery(draft: string): string | null {
  const at = draft.lastIndexOf("@");
  if (at === -1) return null;
  const before = draft[at - 1];
  if (before !== undefined && WORD.test(before)) return null; // an e-mail address, not a mention
  const query = draft.slice(at + 1);
  if (query.length > 30 || /[\n@]/.test(query) || /\s$/.test(query)) return null;
  return query;
}

/** Agents whose name (or a word of it) starts with the query, best first. */
export function suggestAgents(query: string, agents: MentionableAgent[], limit = 6): MentionableAgent[] {
  const q = query.toLowerCase();
  const score = (a: MentionableAgent) => {
    const name = a.name.toLowerCase();
    if (name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    return 2;
  };
  return agents
    .map((a) => ({ a, s: score(a) }))
    .filter((x) => x.s < 2)
    .sort((x, y) => x.s - y.s || x.a.name.localeCompare(y.a.name))
    .slice(0, limit)
    .map((x) => x.a);
}

/** Replaces the `@partial` at the end of the draft with `@Full Name `. */
export function completeMention(draft: string, name: string): string {
  const query = mentionQuery(draft);
  if (query === null) return `${draft}${draft && !/\s$/.test(draft) ? " " : ""}@${name} `;
  return `${draft.slice(0, draft.length - query.length - 1)}@${name} `;
}
