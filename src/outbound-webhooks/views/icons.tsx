// Icons for the webhooks settings (24px grid, stroke = currentColor, like the settings icons).
import type { FC } from "hono/jsx";
import { type IconProps, Svg } from "../../ui/icons";

export { IconAlert, IconCheck, IconRetry, IconSend } from "../../ui/icons";
export { IconKey, IconPencil, IconPlus, IconPower, IconTrash } from "../../settings/views/icons";

/** A webhook: three linked nodes (the shape most tools use for "webhooks"). */
export const IconWebhook: FC<IconProps> = (p) => (
  <Svg
    {...p}
    d={[
      "M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2",
      "M6 17l3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06",
      "M12 6l3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8",
    ]}
  />
);
export const IconList: FC<IconProps> = (p) => <Svg {...p} d={["M8 6h13", "M8 12h13", "M8 18h13", "M3 6h.01", "M3 12h.01", "M3 18h.01"]} />;
