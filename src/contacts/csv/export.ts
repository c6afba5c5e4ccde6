// CSV export of the directory's filtered list: one row per live contact, the
// custom fields as columns (by key). Read by keyset pages so any size streams.
import { chunked } from "../../db/bind-limit";
import type { DirectoryFilters } from "../directory/filters";
import { listDirectory } from "../directory/list";
import { csvLine } from "./format";

export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 500;

/** Columns the import reads back as they are exported (id and fields by key, tags); the rest are for reading. */
export const READ_ONLY_COLUMNS = ["name", "language", "channels", "friend_status", "verified_customer_id", "membership", "last_seen", "created_at"] as const;

export function exportContactsCsv(d1: D1Database, workspaceId: string, filters: DirectoryFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        const fields = (await d1.prepare("SELECT id, key FROM custom_fields WHERE workspace_id = ?1 ORDER BY position, created_at").bind(workspaceId).all<{ id: string; key: string }>()).results;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(["id", "name", "language", "channels", "friend_status", "verified_customer_id", "membership", "last_seen", "tags", ...fields.map((f) => f.key), "created_at"])}`));
        let after: string | undefined;
        let written = 0;
        do {
          const page = await listDirectory(d1, workspaceId, filters, { afterId: after, limit: PAGE });
          const ids = page.rows.map((r) => r.id);
          const values = await fieldValuesOf(d1, ids);
          for (const r of page.rows) {
            const mine = new Map(values.filter((v) => v.contact_id === r.id).map((v) => [v.field_id, v.value]));
            controller.enqueue(
              encoder.encode(
                csvLine([
                  r.id,
                  r.displayName,
                  r.language,
                  r.channels.map((c) => c.name).join("; "),
                  r.channels.map((c) => c.friendStatus).join("; "),
                  r.verifiedCustomerId,
                  r.membershipTitle,
                  r.lastSeenAt ? new Date(r.lastSeenAt).toISOString() : "",
                  r.tags.map((t) => t.name).join("; "),
                  ...fields.map((f) => mine.get(f.id) ?? ""),
                  new Date(r.createdAt).toISOString(),
                ]),
              ),
            );
          }
          written += page.rows.length;
          after = page.nextAfterId ?? undefined;
        } while (after && written < EXPORT_MAX_ROWS);
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

/** The custom field values of `ids` (a page of up to 500: read 90 at a time). */
async function fieldValuesOf(d1: D1Database, ids: readonly string[]): Promise<Array<{ contact_id: string; field_id: string; value: string }>> {
  const parts = await Promise.all(
    chunked(ids).map(async (part) => (await d1.prepare(`SELECT contact_id, field_id, value FROM contact_field_values WHERE contact_id IN (${part.map((_, i) => `?${i + 1}`).join(", ")})`).bind(...part).all<{ contact_id: string; field_id: string; value: string }>()).results),
  );
  return parts.flat();
}
