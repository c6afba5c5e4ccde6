// Icons of Settings → Profile (stroke = currentColor, the shared 24px grid).
import type { FC } from "hono/jsx";
import { type IconProps, Svg } from "../../ui/icons";

/** A person in a circle: one's own profile (Team uses the bare person). */
export const IconProfile: FC<IconProps> = (p) => <Svg {...p} d={["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Z", "M12 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z", "M6.2 19.1a7 7 0 0 1 11.6 0"]} />;
export const IconPhone: FC<IconProps> = (p) => <Svg {...p} d={["M17 2H7a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2Z", "M12 18h.01"]} />;
export const IconMonitor: FC<IconProps> = (p) => <Svg {...p} d={["M20 3H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2Z", "M8 21h8", "M12 17v4"]} />;
