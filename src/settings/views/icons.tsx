// Inline SVG icons for the settings pages (stroke = currentColor), drawn on the
// same 24px grid as the inbox icons so the two sets sit together.
import type { FC } from "hono/jsx";
import { type IconProps, Svg } from "../../ui/icons";

export type { IconProps };

export const IconUser: FC<IconProps> = (p) => <Svg {...p} d={["M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2", "M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z"]} />;
export const IconUsers: FC<IconProps> = (p) => (
  <Svg {...p} d={["M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2", "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z", "M23 21v-2a4 4 0 0 0-3-3.87", "M16 3.13a4 4 0 0 1 0 7.75"]} />
);
export const IconUserPlus: FC<IconProps> = (p) => (
  <Svg {...p} d={["M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2", "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z", "M19 8v6", "M22 11h-6"]} />
);
export const IconReply: FC<IconProps> = (p) => <Svg {...p} d={["M9 17l-5-5 5-5", "M20 18v-2a4 4 0 0 0-4-4H4"]} />;
export const IconLink: FC<IconProps> = (p) => (
  <Svg {...p} d={["M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71", "M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71"]} />
);
export const IconChevronDown: FC<IconProps> = (p) => <Svg {...p} d={["M6 9l6 6 6-6"]} />;
export const IconPlus: FC<IconProps> = (p) => <Svg {...p} d={["M12 5v14", "M5 12h14"]} />;
export const IconX: FC<IconProps> = (p) => <Svg {...p} d={["M18 6 6 18", "M6 6l12 12"]} />;
export const IconKey: FC<IconProps> = (p) => (
  <Svg {...p} d={["M21 2l-2 2m-7.61 7.61a5.5 5.5 0 1 1-7.78 7.78 5.5 5.5 0 0 1 7.78-7.78Z", "M15.5 7.5l3 3L22 7l-3-3"]} />
);
export const IconPower: FC<IconProps> = (p) => <Svg {...p} d={["M18.36 6.64a9 9 0 1 1-12.73 0", "M12 2v10"]} />;
export const IconBack: FC<IconProps> = (p) => <Svg {...p} d={["M15 18l-6-6 6-6"]} />;
export const IconPencil: FC<IconProps> = (p) => <Svg {...p} d={["M12 20h9", "M16.5 3.5a2.12 2.12 0 0 1 3 3L7 19l-4 1 1-4Z"]} />;
export const IconTrash: FC<IconProps> = (p) => (
  <Svg {...p} d={["M3 6h18", "M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6", "M10 11v6", "M14 11v6", "M9 6V4a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2"]} />
);
export const IconTag: FC<IconProps> = (p) => <Svg {...p} d={["M20.59 13.41 13.42 20.58a2 2 0 0 1-2.83 0L2 12V2h10l8.59 8.59a2 2 0 0 1 0 2.82Z", "M7 7h.01"]} />;
export const IconMerge: FC<IconProps> = (p) => <Svg {...p} d={["M8 3v4a4 4 0 0 0 4 4h0a4 4 0 0 1 4 4v6", "M16 3v4a4 4 0 0 1-4 4", "M13 18l3 3 3-3"]} />;
