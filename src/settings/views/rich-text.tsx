// Translated sentences with markup inside (a <code> or a link): the catalog keeps the
// whole sentence, so every language orders it naturally; `{name}` placeholders
// listed in `nodes` become those elements (still escaped, never raw HTML).
import type { Child } from "hono/jsx";
import { type MessageKey, type Params, t } from "../../ui/i18n";

/** `t(key, params)` with the placeholders named in `nodes` replaced by elements. */
export function richText(key: MessageKey, nodes: Record<string, Child>, params?: Params): Child[] {
  const text = t(key, params);
  return text.split(/(\{\w+\})/g).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name !== undefined && name in nodes ? nodes[name] : part;
  });
}
