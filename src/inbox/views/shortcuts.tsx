// The `?` overlay listing the inbox's keyboard shortcuts (handled by public/shortcuts.js).
import type { FC } from "hono/jsx";

export const SHORTCUTS: Array<[string, string]> = [
  ["j / ↓", "Next conversation"],
  ["k / ↑", "Previous conversation"],
  ["r", "Reply"],
  ["n", "Private note"],
  ["e", "Resolve"],
  ["a", "Assign to me"],
  ["i", "Contact details"],
  ["/", "Search"],
  ["Esc", "Leave the composer / close"],
  ["?", "Show this list"],
];

export const ShortcutsOverlay: FC = () => (
  <dialog id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title">
    <h2 id="shortcuts-title">Keyboard shortcuts</h2>
    <dl class="shortcuts__list">
      {SHORTCUTS.map(([key, what]) => (
        <>
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{what}</dd>
        </>
      ))}
    </dl>
    <form method="dialog">
      <button class="btn btn--small" type="submit">
        Close
      </button>
    </form>
  </dialog>
);
