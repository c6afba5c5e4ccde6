// The `?` overlay listing the inbox's keyboard shortcuts (handled by public/shortcuts.js).
import type { FC } from "hono/jsx";
import { type MessageKey, t } from "../../ui/i18n";

export const SHORTCUTS: Array<[string, MessageKey]> = [
  ["j / ↓", "inbox.shortcuts.next"],
  ["k / ↑", "inbox.shortcuts.previous"],
  ["r", "inbox.shortcuts.reply"],
  ["n", "inbox.shortcuts.note"],
  ["e", "inbox.shortcuts.resolve"],
  ["a", "inbox.shortcuts.assignMe"],
  ["i", "inbox.shortcuts.contact"],
  ["/", "inbox.shortcuts.search"],
  ["Esc", "inbox.shortcuts.escape"],
  ["?", "inbox.shortcuts.help"],
];

export const ShortcutsOverlay: FC = () => (
  <dialog id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title">
    <h2 id="shortcuts-title">{t("inbox.shortcuts.title")}</h2>
    <dl class="shortcuts__list">
      {SHORTCUTS.map(([key, what]) => (
        <>
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{t(what)}</dd>
        </>
      ))}
    </dl>
    <form method="dialog">
      <button class="btn btn--small" type="submit">
        {t("common.close")}
      </button>
    </form>
  </dialog>
);
