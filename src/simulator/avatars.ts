// Generated profile pictures for fake LINE users, groups and the account itself:
// a coloured circle with initials, served as SVG so nothing needs the internet.
import { escapeXml, hueOf } from "./svg";

/** Two initials for Latin-style names; one character for CJK, Thai and other scripts. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = Array.from(words[0] ?? "")[0];
  if (!first) return "?";
  if (!/^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}0-9]$/u.test(first)) return first;
  const second = words.length > 1 ? (Array.from(words[words.length - 1] ?? "")[0] ?? "") : "";
  return (first + second).toUpperCase();
}

export function avatarSvg(id: string, name: string, shape: "person" | "group" | "account" = "person"): string {
  const hue = hueOf(id);
  const text = escapeXml(initials(name));
  const size = text.length > 8 ? 30 : 40;
  const badge =
    shape === "group"
      ? `<g transform="translate(70 70)"><circle r="16" fill="#fff"/><circle cx="-5" cy="-3" r="4.5" fill="hsl(${hue} 45% 40%)"/><circle cx="5" cy="-3" r="4.5" fill="hsl(${hue} 45% 40%)"/><path d="M-13 9a8 7 0 0 1 16 0zM-3 9a8 7 0 0 1 16 0z" fill="hsl(${hue} 45% 40%)"/></g>`
      : "";
  const bg = shape === "account" ? "#06c755" : `hsl(${hue} 55% 52%)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${shape === "account" ? "#04a345" : `hsl(${(hue + 35) % 360} 60% 42%)`}"/></linearGradient></defs><rect width="96" height="96" rx="48" fill="url(#g)"/><text x="48" y="${48 + size * 0.36}" text-anchor="middle" font-family="system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans', sans-serif" font-size="${size}" font-weight="600" fill="#fff">${text}</text>${badge}</svg>`;
}
