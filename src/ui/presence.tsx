// "Who else is here": agents viewing the same conversation and who is typing,
// with a collision warning before two agents answer at once.
import type { FC } from "hono/jsx";

export interface PresenceProps {
  /** Other agents with the conversation open (not the reader). */
  viewers: string[];
  /** Other agents typing a reply right now. */
  typing: string[];
}

const list = (names: string[]) => (names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

export const Presence: FC<PresenceProps> = ({ viewers, typing }) => (
  <div id="presence" class={`presence${typing.length ? " presence--typing" : ""}`} role="status" aria-live="polite">
    {typing.length ? (
      <span class="presence__warn">
        ⚠ {list(typing)} {typing.length === 1 ? "is" : "are"} typing a reply — check before you answer
      </span>
    ) : viewers.length ? (
      <span class="presence__viewers">Also viewing: {list(viewers)}</span>
    ) : null}
  </div>
);
