// Opaque keyset cursors for settings lists: base64url JSON of the last row's
// sort key and id. Anything that does not decode is treated as "first page".
import { z } from "zod";
import { fromBase64, toBase64Url } from "../../lib/crypto";

export interface KeysetCursor {
  /** The sort key of the last row shown (a name or a shortcut). */
  key: string;
  id: string;
}

const cursorShape = z.tuple([z.string().max(300), z.string().max(64)]);

export function encodeCursor(cursor: KeysetCursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([cursor.key, cursor.id])));
}

export function decodeCursor(text: string | undefined): KeysetCursor | null {
  if (!text || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  const bytes = fromBase64(padded);
  if (!bytes) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? { key: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
