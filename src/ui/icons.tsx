// Small inline SVG icons (stroke = currentColor) so the UI needs no icon font or CDN.
import type { FC } from "hono/jsx";

export interface IconProps {
  class?: string;
}

/** One stroke icon on the shared 24px grid; other features draw their icons with it. */
export const Svg: FC<IconProps & { d: string | string[] }> = ({ d, class: className }) => (
  <svg
    class={`icon ${className ?? ""}`.trim()}
    viewBox="0 0 24 24"
    width="16"
    height="16"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    {(Array.isArray(d) ? d : [d]).map((p) => (
      <path d={p} />
    ))}
  </svg>
);

export const LogoMark: FC<IconProps> = ({ class: className }) => (
  <svg class={`logo-mark ${className ?? ""}`.trim()} viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="9" fill="#06C755" />
    <path d="M16 7.5c-5.5 0-10 3.6-10 8 0 3.9 3.5 7.2 8.3 7.9.6.1.7.5.6 1l-.2 1.3c0 .4.3.7.7.5 3.9-2.1 10.6-6.1 10.6-10.7 0-4.4-4.5-8-10-8Z" fill="#fff" />
    <circle cx="11.6" cy="15.6" r="1.45" fill="#06C755" />
    <circle cx="16" cy="15.6" r="1.45" fill="#06C755" />
    <circle cx="20.4" cy="15.6" r="1.45" fill="#06C755" />
  </svg>
);

export const IconSend: FC<IconProps> = (p) => <Svg {...p} d={["M22 2 11 13", "M22 2 15 22l-4-9-9-4 20-7Z"]} />;
export const IconBack: FC<IconProps> = (p) => <Svg {...p} d="M15 18l-6-6 6-6" />;
export const IconUsers: FC<IconProps> = (p) => (
  <Svg {...p} d={["M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2", "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z", "M23 21v-2a4 4 0 0 0-3-3.87", "M16 3.13a4 4 0 0 1 0 7.75"]} />
);
export const IconDownload: FC<IconProps> = (p) => <Svg {...p} d={["M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4", "M7 10l5 5 5-5", "M12 15V3"]} />;
export const IconFile: FC<IconProps> = (p) => <Svg {...p} d={["M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8Z", "M14 2v6h6"]} />;
export const IconPin: FC<IconProps> = (p) => <Svg {...p} d={["M21 10c0 7-9 13-9 13s-9-6-9-13a9 9 0 0 1 18 0Z", "M12 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z"]} />;
export const IconExternal: FC<IconProps> = (p) => <Svg {...p} d={["M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6", "M15 3h6v6", "M10 14 21 3"]} />;
export const IconAlert: FC<IconProps> = (p) => <Svg {...p} d={["M12 9v4", "M12 17h.01", "M10.29 3.86 1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3L13.71 3.86a2 2 0 0 0-3.42 0Z"]} />;
export const IconRetry: FC<IconProps> = (p) => <Svg {...p} d={["M1 4v6h6", "M3.51 15a9 9 0 1 0 2.13-9.36L1 10"]} />;
export const IconCheck: FC<IconProps> = (p) => <Svg {...p} d="M20 6 9 17l-5-5" />;
export const IconClock: FC<IconProps> = (p) => <Svg {...p} d={["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Z", "M12 6v6l4 2"]} />;
export const IconChat: FC<IconProps> = (p) => <Svg {...p} d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2Z" />;
export const IconInbox: FC<IconProps> = (p) => (
  <Svg {...p} d={["M22 12h-6l-2 3h-4l-2-3H2", "M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11Z"]} />
);
export const IconLogout: FC<IconProps> = (p) => <Svg {...p} d={["M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4", "M16 17l5-5-5-5", "M21 12H9"]} />;

export const IconSettings: FC<IconProps> = (p) => (
  <Svg
    {...p}
    d={[
      "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z",
      "M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.68 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.68a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1Z",
    ]}
  />
);
export const IconQuote: FC<IconProps> = (p) => <Svg {...p} d={["M9 17H5a2 2 0 0 1-2-2v-4l4-6h2l-2 6h2a2 2 0 0 1 2 2v2a2 2 0 0 1-2 2Z", "M19 17h-4a2 2 0 0 1-2-2v-4l4-6h2l-2 6h2a2 2 0 0 1 2 2v2a2 2 0 0 1-2 2Z"]} />;
export const IconBell: FC<IconProps> = (p) => <Svg {...p} d={["M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9", "M10.3 21a1.94 1.94 0 0 0 3.4 0"]} />;
/** Reports: a bar chart. */
export const IconChart: FC<IconProps> = (p) => <Svg {...p} d={["M3 3v18h18", "M8 17v-5", "M13 17V8", "M18 17v-8"]} />;
/** A workflow (shortcut buttons, Settings → Workflows). */
export const IconWorkflow: FC<IconProps> = (p) => <Svg {...p} d={["M6 3h4v4H6Z", "M14 17h4v4h-4Z", "M8 7v5a2 2 0 0 0 2 2h6v3"]} />;
