// Every UI language has every message, with the same placeholders; language
// negotiation and plural forms behave as agents in each market expect.
import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES } from "../../src/lib/locales";
import { CATALOGS } from "../../src/ui/i18n/catalog";
import { negotiateLanguage, t, tn, withLocale } from "../../src/ui/i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogs", () => {
  const english = CATALOGS.en;
  const keys = Object.keys(english).sort();

  it.each(LANGUAGE_CODES.filter((c) => c !== "en"))("%s has exactly the English keys, none empty, same placeholders", (code) => {
    const catalog: Record<string, string> = CATALOGS[code];
    expect(Object.keys(catalog).sort()).toEqual(keys);
    for (const key of keys) {
      const text = catalog[key] ?? "";
      expect(text.trim(), `${code} ${key}`).not.toBe("");
      expect(placeholders(text), `${code} ${key}`).toEqual(placeholders(english[key as keyof typeof english]));
    }
  });

  it("has both plural forms wherever one exists", () => {
    for (const key of keys) {
      if (key.endsWith(".one")) expect(keys, key).toContain(key.replace(/\.one$/, ".other"));
      if (key.endsWith(".other")) expect(keys, key).toContain(key.replace(/\.other$/, ".one"));
    }
  });

  it("never uses emoji as icons in messages", () => {
    for (const code of LANGUAGE_CODES) {
      for (const [key, text] of Object.entries(CATALOGS[code])) expect(/\p{Extended_Pictographic}/u.test(text), `${code} ${key}`).toBe(false);
    }
  });
});

describe("negotiation", () => {
  it.each([
    ["ja,en-US;q=0.9", "ja"],
    ["th-TH,th;q=0.9,en;q=0.8", "th"],
    ["zh-TW,zh;q=0.9", "zh-TW"],
    ["zh-HK", "zh-TW"],
    ["zh-Hant-TW", "zh-TW"],
    ["zh-CN,zh;q=0.9", "zh-CN"],
    ["zh", "zh-CN"],
    ["id-ID", "id"],
    ["in", "id"],
    ["tr-TR", "tr"],
    ["fr-FR,de;q=0.8,ja;q=0.5", "ja"],
    ["en;q=0.1,ja;q=0.9", "ja"],
    ["fr-FR", null],
    ["", null],
  ])("%j → %s", (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});

describe("t and tn", () => {
  it("translates in the current context and fills placeholders", () => {
    expect(withLocale({ locale: "ja", timeZone: "Asia/Tokyo" }, () => t("auth.invite.join", { workspace: "さくら" }))).toBe("さくら に参加");
    expect(withLocale({ locale: "th", timeZone: "Asia/Bangkok" }, () => t("time.today"))).toBe("วันนี้");
    expect(t("time.today")).toBe("Today");
  });

  it("picks plural forms by the language's rules and formats the number", () => {
    expect(tn("auth.throttle.locked", 1)).toContain("wait 1 minute and");
    expect(tn("auth.throttle.locked", 15)).toContain("wait 15 minutes and");
    expect(withLocale({ locale: "ja", timeZone: "UTC" }, () => tn("auth.throttle.locked", 1))).toContain("1分");
    expect(withLocale({ locale: "tr", timeZone: "UTC" }, () => tn("auth.throttle.locked", 1200))).toContain("1.200 dakika");
  });
});
