// The directory's filters, as the query string carries them (zod at the edge).
// The same filters select the rows of the CSV export.
import { z } from "zod";
import { rowId } from "../schemas";

export const SEEN_WINDOWS = ["7d", "30d", "90d", "older"] as const;
export type SeenWindow = (typeof SEEN_WINDOWS)[number];
export const FRIEND_STATUSES = ["following", "unfollowed", "unknown"] as const;

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const directoryQuery = z.object({
  q: opt(z.string().trim().max(100)),
  tag: opt(rowId),
  channel: opt(rowId),
  friend: opt(z.enum(FRIEND_STATUSES)),
  language: opt(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)),
  field: opt(rowId),
  value: opt(z.string().max(500)),
  seen: opt(z.enum(SEEN_WINDOWS)),
  verified: opt(z.enum(["yes", "no"])),
  member: opt(z.enum(["yes"])),
  after: opt(rowId),
});
export type DirectoryFilters = Omit<z.output<typeof directoryQuery>, "after">;

/** The filters as a query string (for pagination links and the export link). */
export function filterQuery(filters: DirectoryFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (typeof v === "string" && v !== "") params.set(k, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export const SEEN_MS: Record<Exclude<SeenWindow, "older">, number> = { "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "90d": 90 * 86_400_000 };
