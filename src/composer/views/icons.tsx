// The composer's own inline SVG icons (stroke = currentColor), same style as the inbox's.
import type { FC } from "hono/jsx";

const Svg: FC<{ d: string[] }> = ({ d }) => (
  <svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    {d.map((p) => (
      <path d={p} />
    ))}
  </svg>
);

export const IconSmile: FC = () => <Svg d={["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Z", "M8 14s1.5 2 4 2 4-2 4-2", "M9 9h.01", "M15 9h.01"]} />;
export const IconPaperclip: FC = () => <Svg d={["m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48"]} />;
export const IconMapPin: FC = () => <Svg d={["M21 10c0 7-9 13-9 13s-9-6-9-13a9 9 0 0 1 18 0Z", "M12 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z"]} />;
export const IconButtons: FC = () => <Svg d={["M4 7h16a1 1 0 0 1 1 1v3a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1Z", "M7 16h4", "M15 16h2", "M5 19h6", "M13 19h6"]} />;
export const IconClose: FC = () => <Svg d={["M18 6 6 18", "M6 6l12 12"]} />;
export const IconSendArrow: FC = () => <Svg d={["M22 2 11 13", "M22 2 15 22l-4-9-9-4 20-7Z"]} />;
