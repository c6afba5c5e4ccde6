// LINE's sender.name: what the customer sees above an agent's answer. LINE
// refuses more than 20 characters and the word "LINE" (the whole message then
// fails), so long names are shortened the way a person would read them.
import { describe, expect, it } from "vitest";
import { SENDER_NAME_MAX, senderFor, senderName } from "../../src/line/sender";

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)].map((g) => g.segment);

describe("senderName", () => {
  it("keeps names that fit as they are", () => {
    expect(senderName("Aiko (admin)")).toBe("Aiko (admin)");
    expect(senderName("  Ploy   Srisuk ")).toBe("Ploy Srisuk");
    expect(senderName("x".repeat(20))).toBe("x".repeat(20));
  });

  it("shortens a long name after the last whole word, with an ellipsis", () => {
    expect(senderName("Aom Supanida Wongsawat")).toBe("Aom Supanida…");
    expect(senderName("Mika from Customer Support")).toBe("Mika from Customer…");
  });

  it("never cuts inside a grapheme: emoji sequences and Thai vowel marks stay whole", () => {
    const family = "👩‍👩‍👧‍👦";
    const name = senderName(`Nok${family}${family}${family}${family}`);
    expect(name.length).toBeLessThanOrEqual(SENDER_NAME_MAX);
    expect(name.endsWith("…")).toBe(true);
    for (const g of graphemes(name.slice(0, -1))) expect(["N", "o", "k", family]).toContain(g);

    // One long Thai word: no word boundary inside the limit, so whole graphemes (consonant + marks).
    const thai = "ศุภนิดาวงศ์สวัสดิ์ศรีสุขสันต์";
    const short = senderName(thai);
    expect(short.length).toBeLessThanOrEqual(SENDER_NAME_MAX);
    expect(thai.startsWith(short.slice(0, -1))).toBe(true);
    const kept = graphemes(short.slice(0, -1));
    expect(kept.join("")).toBe(graphemes(thai).slice(0, kept.length).join(""));
  });

  it("drops the word LINE, which LINE refuses in sender names", () => {
    expect(senderName("LINE Support Ploy")).toBe("Support Ploy");
    expect(senderName("Caroline")).toBe("Caroline");
    expect(senderFor({ name: "LINE" })).toBeUndefined();
    expect(senderFor({ name: "Mika" })).toEqual({ name: "Mika" });
  });

  it("is always within LINE's limit", () => {
    for (const name of ["a b c d e f g h i j k l m n o p", "Supercalifragilisticexpialidocious", "山田太郎（カスタマーサポート担当・東京本社）", `${"🇯🇵".repeat(15)}`]) {
      const out = senderName(name);
      expect(out.length, name).toBeLessThanOrEqual(SENDER_NAME_MAX);
      expect(out.length, name).toBeGreaterThan(0);
    }
  });
});
