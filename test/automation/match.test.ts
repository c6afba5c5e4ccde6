// Matching keywords as LINE does (NFKC + case folding) and the linear-time
// pattern matcher: what it supports, what it refuses on save, and that a
// pattern that makes backtracking engines hang returns at once here.
import { describe, expect, it } from "vitest";
import { matchKeyword, normalizeText, patternProblem } from "../../src/automation/match";
import { compilePattern } from "../../src/automation/safe-regex";

const rule = (matchMode: "exact" | "contains" | "starts_with" | "regex", ...keywords: string[]) => ({ matchMode, keywords });

describe("keyword matching", () => {
  it("normalises width and case like LINE's 100% match", () => {
    expect(normalizeText("ＨＥＬＰ")).toBe("help");
    expect(normalizeText("ｶﾀﾛｸﾞ")).toBe("カタログ");
    expect(normalizeText("  Opening   Hours ")).toBe("opening hours");
    expect(matchKeyword(rule("exact", "help"), "ＨＥＬＰ")).toBe("help");
    expect(matchKeyword(rule("exact", "ＨＥＬＰ"), "help")).toBe("ＨＥＬＰ");
    expect(matchKeyword(rule("exact", "キーワード"), "ｷｰﾜｰﾄﾞ")).toBe("キーワード");
    expect(matchKeyword(rule("exact", "help"), "help me")).toBeNull();
  });

  it("contains and starts-with", () => {
    expect(matchKeyword(rule("contains", "返金"), "返金したいです")).toBe("返金");
    expect(matchKeyword(rule("contains", "price"), "What's the PRICE?")).toBe("price");
    expect(matchKeyword(rule("starts_with", "order"), "Ｏｒｄｅｒ #12")).toBe("order");
    expect(matchKeyword(rule("starts_with", "order"), "my order")).toBeNull();
  });

  it("regular expressions: classes, anchors, groups, counts, word boundaries, Japanese", () => {
    expect(matchKeyword(rule("regex", "^[a-z]{2}\\d{9}jp$"), "ＥＪ１２３４５６７８９ＪＰ")).not.toBeNull();
    expect(matchKeyword(rule("regex", "\\bprice\\b"), "the price list")).not.toBeNull();
    expect(matchKeyword(rule("regex", "\\bprice\\b"), "priceless")).toBeNull();
    expect(matchKeyword(rule("regex", "(営業|開店)時間"), "営業時間を教えて")).not.toBeNull();
    expect(matchKeyword(rule("regex", "^(?:hi|hello)[!.]*$"), "Hello!!")).not.toBeNull();
    expect(matchKeyword(rule("regex", "colou?r"), "COLOR")).not.toBeNull();
    expect(matchKeyword(rule("regex", "[^0-9]"), "12345")).toBeNull();
    expect(matchKeyword(rule("regex", "a.c"), "ac")).toBeNull();
    expect(matchKeyword(rule("regex", "a.c"), "A-C")).not.toBeNull();
  });

  it("refuses what needs backtracking or is too big, with a reason for the form", () => {
    expect(patternProblem("(a)\\1")).toMatch(/Back-references/);
    expect(patternProblem("foo(?=bar)")).toMatch(/Lookarounds/);
    expect(patternProblem("(abc")).toMatch(/missing its \)/);
    expect(patternProblem("abc)")).toMatch(/without its \(/);
    expect(patternProblem("*abc")).toMatch(/Nothing to repeat/);
    expect(patternProblem("a{1000}")).toMatch(/limited to 100/);
    expect(patternProblem("x".repeat(201))).toMatch(/at most 200/);
    expect(patternProblem("(a{100}){100}")).toMatch(/too complex/);
    expect(patternProblem("[z-a]")).toMatch(/backwards/);
    expect(patternProblem("^\\d{3}-\\d{4}$")).toBeNull();
  });

  it("runs catastrophic patterns in linear time", () => {
    const evil = compilePattern("(a+)+$");
    const input = `${"a".repeat(5000)}!`;
    expect(evil.test(input)).toBe(false);
    expect(compilePattern("(a|a)*b").test("a".repeat(5000))).toBe(false);
    expect(compilePattern("(x+x+)+y").test("x".repeat(3000))).toBe(false);
    expect(compilePattern("(a+)+$").test("aaaa")).toBe(true);
  });
});

describe("message templates", () => {
  it("fills variables, drops the space before an unknown name, keeps unknown variables", async () => {
    const { fillTemplate } = await import("../../src/automation/replies");
    expect(fillTemplate("Hi {{contact.name}}, welcome to {{ channel.name }}!", { contactName: "Yuki", channelName: "Café" })).toBe("Hi Yuki, welcome to Café!");
    expect(fillTemplate("Hi {{contact.name}}!", { contactName: "" })).toBe("Hi!");
    expect(fillTemplate("#{{position}} · {{wait}} · {{other}}", { position: 2, wait: "about 5 minutes" })).toBe("#2 · about 5 minutes · {{other}}");
  });
});
