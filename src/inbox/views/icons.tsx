// The inbox's own stroke icons (on the shared 24px grid of src/ui/icons.tsx):
// search, filters, selection, sound, keyboard, the phone's action and contact
// buttons, follow-up flag, snooze. Never emoji or full-width symbols.
import type { FC } from "hono/jsx";
import { type IconProps, Svg } from "../../ui/icons";

export const IconSearch: FC<IconProps> = (p) => <Svg {...p} d={["M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16Z", "m21 21-4.3-4.3"]} />;
export const IconFilter: FC<IconProps> = (p) => <Svg {...p} d="M22 3H2l8 9.46V19l4 2v-8.54L22 3Z" />;
export const IconSelect: FC<IconProps> = (p) => <Svg {...p} d={["M9 11l3 3L22 4", "M21 12v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11"]} />;
export const IconSound: FC<IconProps> = (p) => <Svg {...p} d={["M11 5 6 9H2v6h4l5 4V5Z", "M15.54 8.46a5 5 0 0 1 0 7.07", "M19.07 4.93a10 10 0 0 1 0 14.14"]} />;
export const IconKeyboard: FC<IconProps> = (p) => (
  <Svg {...p} d={["M20 5H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2Z", "M6 9h.01", "M10 9h.01", "M14 9h.01", "M18 9h.01", "M6 13h.01", "M18 13h.01", "M10 13h4", "M7 16h10"]} />
);
export const IconMore: FC<IconProps> = (p) => <Svg {...p} d={["M12 13a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z", "M19 13a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z", "M5 13a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"]} />;
export const IconContact: FC<IconProps> = (p) => <Svg {...p} d={["M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2", "M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z"]} />;
export const IconFlag: FC<IconProps> = (p) => <Svg {...p} d={["M4 15s1-1 4-1 5 2 8 2 4-1 4-1V3s-1 1-4 1-5-2-8-2-4 1-4 1z", "M4 22v-7"]} />;
export const IconSnooze: FC<IconProps> = (p) => <Svg {...p} d={["M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16Z", "M12 9v4l2 2", "M5 3 2 6", "m22 6-3-3"]} />;
export const IconClose: FC<IconProps> = (p) => <Svg {...p} d={["M18 6 6 18", "m6 6 12 12"]} />;
export const IconReopen: FC<IconProps> = (p) => <Svg {...p} d={["M3 12a9 9 0 1 0 3-6.7L3 8", "M3 3v5h5"]} />;
export const IconTag: FC<IconProps> = (p) => <Svg {...p} d={["M12.59 2.59A2 2 0 0 0 11.17 2H4a2 2 0 0 0-2 2v7.17a2 2 0 0 0 .59 1.42l8.7 8.7a2.43 2.43 0 0 0 3.42 0l6.58-6.58a2.43 2.43 0 0 0 0-3.42Z", "M7.5 8a.5.5 0 1 0 0-1 .5.5 0 0 0 0 1Z"]} />;
