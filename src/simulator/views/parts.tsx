// Small pieces the simulator's pages share: a translated sentence with an element
// (a link, a <code>) in place of its placeholder, and the phone's SVG icons (never
// emoji: they show as empty boxes where no emoji font is installed).
import type { Child, FC } from "hono/jsx";
import { Svg } from "../../ui/icons";

/** Pass as the placeholder's value to t(); <Sentence> puts its child there. */
export const SLOT = "\u0001";

/** `text` (a t() result with one SLOT) with `children` in the SLOT's place, all text escaped. */
export const Sentence: FC<{ text: string; children?: Child }> = ({ text, children }) => {
  const [before = "", after = ""] = text.split(SLOT);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
};

export const IconPlus: FC = () => <Svg class="sim-icon" d={["M12 5v14", "M5 12h14"]} />;
export const IconMenu: FC = () => <Svg class="sim-icon" d={["M4 6h16", "M4 12h16", "M4 18h16"]} />;
export const IconClose: FC = () => <Svg class="sim-icon" d={["M18 6 6 18", "M6 6l12 12"]} />;
export const IconChevronLeft: FC = () => <Svg class="sim-icon sim-icon--lg" d="M15 18l-6-6 6-6" />;
export const IconSmile: FC = () => <Svg class="sim-icon" d={["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Z", "M8 14s1.5 2 4 2 4-2 4-2", "M9 9h.01", "M15 9h.01"]} />;
export const IconMapPin: FC = () => <Svg class="sim-icon" d={["M21 10c0 7-9 13-9 13s-9-6-9-13a9 9 0 0 1 18 0Z", "M12 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z"]} />;
export const IconCamera: FC = () => <Svg class="sim-icon" d={["M23 19a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4l2-3h6l2 3h4a2 2 0 0 1 2 2Z", "M12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z"]} />;
export const IconImage: FC = () => <Svg class="sim-icon" d={["M19 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2Z", "M8.5 10a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Z", "M21 15l-5-5L5 21"]} />;
export const IconFileDoc: FC = () => <Svg class="sim-icon sim-icon--lg" d={["M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8Z", "M14 2v6h6", "M8 13h8", "M8 17h5"]} />;
export const IconTicket: FC = () => <Svg class="sim-icon" d={["M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4Z", "M13 6v2", "M13 11v2", "M13 16v2"]} />;
export const IconExternal: FC = () => <Svg class="sim-icon sim-icon--sm" d={["M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6", "M15 3h6v6", "M10 14 21 3"]} />;
