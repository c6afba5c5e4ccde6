// The simulator pages' client strings: the current language's `js.*` messages as JSON
// and public/i18n.js, which gives public/simulator.js window.ldT (as src/ui/layout.tsx
// does for the inbox; the simulator pages have their own document shell).
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { clientMessages } from "../../ui/i18n";

export const ClientMessages: FC = () => (
  <>
    <script type="application/json" id="i18n-messages">
      {raw(JSON.stringify(clientMessages()).replace(/</g, "\\u003c"))}
    </script>
    <script src="/i18n.js"></script>
  </>
);
