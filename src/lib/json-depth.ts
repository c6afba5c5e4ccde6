// A linear scan of JSON text for its nesting depth, run before JSON.parse on
// untrusted bodies: a signed body nested thousands of levels deep would
// otherwise overflow the stack in a recursive validator (a 500) rather than
// being refused.

/** True when `text` nests arrays/objects deeper than `max` (strings are skipped, escapes honoured). */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return false;
}
