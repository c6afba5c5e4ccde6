// Contact and agent avatars: the LINE profile picture, or coloured initials
// when there is none (the colour is stable per name).
import type { FC } from "hono/jsx";

const PALETTE_SIZE = 8;

const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

/** The first user-perceived character (a Thai consonant keeps its vowel marks, an emoji stays whole). */
function firstGrapheme(word: string): string {
  if (segmenter) {
    for (const { segment } of segmenter.segment(word)) return segment;
    return "";
  }
  return Array.from(word)[0] ?? "";
}

/**
 * Initials for the fallback avatar: two letters for Latin-script names
 * ("Mika Tanaka" -> "MT"), one character otherwise ("佐藤 健" -> "佐",
 * "สมชาย ใจดี" -> "ส"), as Japanese and Thai apps do.
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const firstWord = words[0];
  if (!firstWord) return "?";
  const lastWord = words[words.length - 1];
  const latin = /^[\p{Script=Latin}\p{N}]/u;
  if (words.length > 1 && lastWord && latin.test(firstWord) && latin.test(lastWord)) {
    return (firstGrapheme(firstWord) + firstGrapheme(lastWord)).toUpperCase();
  }
  return firstGrapheme(firstWord).toUpperCase();
}

/** A palette slot 0..7 derived from the name (FNV-1a), so a contact keeps one colour. */
export function colourSlot(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % PALETTE_SIZE;
}

export interface AvatarProps {
  name: string;
  pictureUrl?: string | null;
  /** sm 28px, md 40px (default), lg 44px */
  size?: "sm" | "md" | "lg";
}

/** Decorative: the name is always printed next to it, so it is hidden from screen readers. */
export const Avatar: FC<AvatarProps> = ({ name, pictureUrl, size = "md" }) =>
  pictureUrl ? (
    <img class={`avatar avatar--${size}`} src={pictureUrl} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" />
  ) : (
    <span class={`avatar avatar--${size} avatar--c${colourSlot(name)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
