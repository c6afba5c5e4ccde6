// One labelled field of the setup form, with its hint or error underneath.
import type { Child, FC } from "hono/jsx";

export const SetupField: FC<{ id: string; label: string; hint?: string; error?: string; children?: Child }> = ({ id, label, hint, error, children }) => (
  <div class="field">
    <label for={id} class="field__label">
      {label}
    </label>
    {children}
    {error ? (
      <p id={`${id}-error`} class="field__error">
        {error}
      </p>
    ) : hint ? (
      <p id={`${id}-hint`} class="field__hint">
        {hint}
      </p>
    ) : null}
  </div>
);

