// "Add tag to selected" in the contact directory: tags up to 100 contacts of the
// workspace (merged-away contacts are not selectable), and each contact that did
// not have the tag announces tag.added in its conversations, as the contact panel
// does, so SLA policies, workflows and webhooks hear of it.
import { chunked } from "../../db/bind-limit";
import type { Bindings } from "../../env";
import { contactTagChanged } from "../../conversations/service";
import { forEachBounded } from "../../lib/bounded";
import { tagContact, type TagView } from "../queries/tags";

/** How many of `ids` got the tag; null when one is not a live contact of the workspace (nothing is tagged then). */
export async function bulkTagContacts(env: Bindings, workspaceId: string, actor: { id: string; name: string }, ids: readonly string[], tag: TagView): Promise<number | null> {
  const unique = [...new Set(ids)];
  const live: string[] = [];
  for (const part of chunked(unique)) {
    const marks = part.map((_, j) => `?${j + 2}`).join(", ");
    const rows = await env.DB.prepare(`SELECT id FROM contacts WHERE workspace_id = ?1 AND merged_into_id IS NULL AND id IN (${marks})`)
      .bind(workspaceId, ...part)
      .all<{ id: string }>();
    live.push(...rows.results.map((r) => r.id));
  }
  if (live.length !== unique.length) return null;
  await forEachBounded(live, 10, async (contactId) => {
    if (await tagContact(env.DB, workspaceId, actor.id, contactId, tag)) await contactTagChanged(env, workspaceId, contactId, "tag.added", tag, actor);
  });
  return live.length;
}
