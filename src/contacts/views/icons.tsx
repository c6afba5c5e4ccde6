// Icons the contact panel, field admin and notifications need beyond the inbox set
// (inline SVG, stroke = currentColor, hidden from screen readers).
import type { FC } from "hono/jsx";
import { type IconProps, Svg } from "../../ui/icons";

export const IconClose: FC<IconProps> = (p) => <Svg {...p} d={["M18 6 6 18", "M6 6l12 12"]} />;
export const IconPlus: FC<IconProps> = (p) => <Svg {...p} d={["M12 5v14", "M5 12h14"]} />;
export const IconTrash: FC<IconProps> = (p) => <Svg {...p} d={["M3 6h18", "M8 6V4h8v2", "M19 6l-1 14H6L5 6", "M10 11v6", "M14 11v6"]} />;
export const IconUp: FC<IconProps> = (p) => <Svg {...p} d={["M18 15l-6-6-6 6"]} />;
export const IconDown: FC<IconProps> = (p) => <Svg {...p} d={["M6 9l6 6 6-6"]} />;
export const IconEdit: FC<IconProps> = (p) => <Svg {...p} d={["M12 20h9", "M16.5 3.5a2.12 2.12 0 0 1 3 3L7 19l-4 1 1-4Z"]} />;
export const IconBell: FC<IconProps> = (p) => <Svg {...p} d={["M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9", "M13.73 21a2 2 0 0 1-3.46 0"]} />;
export const IconTag: FC<IconProps> = (p) => <Svg {...p} d={["M20.59 13.41 13.42 20.58a2 2 0 0 1-2.83 0L2 12V2h10l8.59 8.59a2 2 0 0 1 0 2.82Z", "M7 7h.01"]} />;
export const IconNote: FC<IconProps> = (p) => <Svg {...p} d={["M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8Z", "M14 2v6h6", "M8 13h8", "M8 17h5"]} />;
export const IconList: FC<IconProps> = (p) => <Svg {...p} d={["M8 6h13", "M8 12h13", "M8 18h13", "M3 6h.01", "M3 12h.01", "M3 18h.01"]} />;
export const IconHistory: FC<IconProps> = (p) => <Svg {...p} d={["M3 3v5h5", "M3.05 13A9 9 0 1 0 6 5.3L3 8", "M12 7v5l4 2"]} />;
export const IconGlobe: FC<IconProps> = (p) => <Svg {...p} d={["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Z", "M2 12h20", "M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10Z"]} />;
