// Icons for Settings → Channels (24px grid, stroke = currentColor, like the others).
import type { FC } from "hono/jsx";
import { type IconProps, Svg } from "../../ui/icons";

export const IconChannel: FC<IconProps> = (p) => (
  <Svg {...p} d={["M21 11.5a8.38 8.38 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.38 8.38 0 0 1-3.8-.9L3 21l1.9-5.7a8.38 8.38 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.38 8.38 0 0 1 3.8-.9h.5a8.48 8.48 0 0 1 8 8v.5Z"]} />
);
export const IconCopy: FC<IconProps> = (p) => (
  <Svg {...p} d={["M20 9h-9a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h9a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2Z", "M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"]} />
);
export const IconRefresh: FC<IconProps> = (p) => <Svg {...p} d={["M23 4v6h-6", "M1 20v-6h6", "M3.51 9a9 9 0 0 1 14.85-3.36L23 10M1 14l4.64 4.36A9 9 0 0 0 20.49 15"]} />;
export const IconWebhook: FC<IconProps> = (p) => <Svg {...p} d={["M22 12h-4l-3 9L9 3l-3 9H2"]} />;
export const IconQr: FC<IconProps> = (p) => (
  <Svg {...p} d={["M3 3h7v7H3Z", "M14 3h7v7h-7Z", "M3 14h7v7H3Z", "M14 14h3v3h-3Z", "M20 14v.01", "M14 20h.01", "M17 20h4v-3"]} />
);
export const IconShield: FC<IconProps> = (p) => <Svg {...p} d={["M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10Z"]} />;
export const IconInfo: FC<IconProps> = (p) => <Svg {...p} d={["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Z", "M12 16v-4", "M12 8h.01"]} />;
