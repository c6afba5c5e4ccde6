// Icons for the automation settings nav and pages, drawn like the settings
// icons (24px grid, stroke = currentColor).
import type { FC } from "hono/jsx";
import type { IconProps } from "../../settings/views/icons";

const Svg: FC<IconProps & { d: string[] }> = ({ d, class: className }) => (
  <svg class={`icon ${className ?? ""}`.trim()} viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    {d.map((p) => (
      <path d={p} />
    ))}
  </svg>
);

export const IconClock: FC<IconProps> = (p) => <Svg {...p} d={["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Z", "M12 6v6l4 2"]} />;
export const IconBot: FC<IconProps> = (p) => <Svg {...p} d={["M12 8V4H8", "M6 8h12a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2Z", "M2 14h2", "M20 14h2", "M15 13v2", "M9 13v2"]} />;
export const IconKey: FC<IconProps> = (p) => <Svg {...p} d={["M4 7V4h16v3", "M9 20h6", "M12 4v16"]} />;
export const IconCalendar: FC<IconProps> = (p) => <Svg {...p} d={["M8 2v4", "M16 2v4", "M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z", "M3 10h18"]} />;
export const IconPower: FC<IconProps> = (p) => <Svg {...p} d={["M12 2v10", "M18.4 6.6a9 9 0 1 1-12.77.04"]} />;
export const IconPlay: FC<IconProps> = (p) => <Svg {...p} d={["M7 4v16l13-8Z"]} />;
export const IconTicket: FC<IconProps> = (p) => <Svg {...p} d={["M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4Z", "M13 6v2", "M13 11v2", "M13 16v2"]} />;
