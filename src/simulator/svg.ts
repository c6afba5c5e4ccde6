// Tiny SVG drawing helpers for the simulator's offline artwork: avatars, stickers and
// LINE emoji are drawn here because LINE's CDN is unreachable without internet.

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A stable hue (0–359) for any id, so the same user always gets the same colour. */
export function hueOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return Math.abs(h) % 360;
}

export type Expression = "happy" | "love" | "laugh" | "sad" | "ok" | "surprised" | "sleepy" | "angry" | "wink";

export const EXPRESSIONS: readonly Expression[] = ["happy", "love", "laugh", "sad", "ok", "surprised", "sleepy", "angry", "wink"];

function heart(x: number, y: number, s: number): string {
  return `<path d="M${x} ${y + s * 0.9} C${x - s * 1.6} ${y - s * 0.2} ${x - s * 0.6} ${y - s * 1.3} ${x} ${y - s * 0.35} C${x + s * 0.6} ${y - s * 1.3} ${x + s * 1.6} ${y - s * 0.2} ${x} ${y + s * 0.9}Z" fill="#ff4d6d"/>`;
}

/** Eyes, mouth and extras for a round face of radius r centred on (cx, cy). */
export function face(expression: Expression, cx: number, cy: number, r: number): string {
  const ink = "#3b2f2f";
  const ex = r * 0.36;
  const ey = cy - r * 0.12;
  const er = r * 0.09;
  const stroke = `stroke="${ink}" stroke-width="${(r * 0.07).toFixed(1)}" stroke-linecap="round" fill="none"`;
  const dot = (x: number) => `<circle cx="${x}" cy="${ey}" r="${er}" fill="${ink}"/>`;
  const arcEye = (x: number) => `<path d="M${x - er * 1.6} ${ey + er * 0.5} Q${x} ${ey - er * 1.8} ${x + er * 1.6} ${ey + er * 0.5}" ${stroke}/>`;
  const smile = `<path d="M${cx - r * 0.3} ${cy + r * 0.22} Q${cx} ${cy + r * 0.55} ${cx + r * 0.3} ${cy + r * 0.22}" ${stroke}/>`;
  const cheeks = `<circle cx="${cx - r * 0.55}" cy="${cy + r * 0.18}" r="${r * 0.12}" fill="#ff8fa3" opacity=".55"/><circle cx="${cx + r * 0.55}" cy="${cy + r * 0.18}" r="${r * 0.12}" fill="#ff8fa3" opacity=".55"/>`;
  switch (expression) {
    case "happy":
      return dot(cx - ex) + dot(cx + ex) + smile + cheeks;
    case "love":
      return heart(cx - ex, ey, r * 0.16) + heart(cx + ex, ey, r * 0.16) + smile + cheeks;
    case "laugh":
      return (
        arcEye(cx - ex) + arcEye(cx + ex) +
        `<path d="M${cx - r * 0.32} ${cy + r * 0.15} Q${cx} ${cy + r * 0.75} ${cx + r * 0.32} ${cy + r * 0.15}Z" fill="${ink}"/>` + cheeks
      );
    case "sad":
      return (
        dot(cx - ex) + dot(cx + ex) +
        `<path d="M${cx - r * 0.25} ${cy + r * 0.42} Q${cx} ${cy + r * 0.18} ${cx + r * 0.25} ${cy + r * 0.42}" ${stroke}/>` +
        `<path d="M${cx + ex} ${ey + er * 1.5} q${-er} ${er * 2.5} 0 ${er * 3.2} q${er} ${-er * 0.7} 0 ${-er * 3.2}Z" fill="#4dabf7"/>`
      );
    case "ok":
      return arcEye(cx - ex) + arcEye(cx + ex) + smile + cheeks;
    case "surprised":
      return dot(cx - ex) + dot(cx + ex) + `<ellipse cx="${cx}" cy="${cy + r * 0.35}" rx="${r * 0.12}" ry="${r * 0.17}" fill="${ink}"/>`;
    case "sleepy":
      return (
        `<path d="M${cx - ex - er * 1.5} ${ey} h${er * 3}" ${stroke}/><path d="M${cx + ex - er * 1.5} ${ey} h${er * 3}" ${stroke}/>` +
        `<path d="M${cx - r * 0.15} ${cy + r * 0.35} h${r * 0.3}" ${stroke}/>`
      );
    case "angry":
      return (
        `<path d="M${cx - ex - er * 2} ${ey - er * 2.4} l${er * 3} ${er * 1.3}" ${stroke}/><path d="M${cx + ex + er * 2} ${ey - er * 2.4} l${-er * 3} ${er * 1.3}" ${stroke}/>` +
        dot(cx - ex) + dot(cx + ex) +
        `<path d="M${cx - r * 0.25} ${cy + r * 0.42} Q${cx} ${cy + r * 0.2} ${cx + r * 0.25} ${cy + r * 0.42}" ${stroke}/>`
      );
    case "wink":
      return dot(cx - ex) + arcEye(cx + ex) + smile + cheeks;
  }
}
