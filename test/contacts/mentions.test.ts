// @mention parsing in notes (pure functions).
import { describe, expect, it } from "vitest";
import { completeMention, mentionedAgents, mentionQuery, splitMentions, suggestAgents } from "../../src/contacts/mentions";

const agents = [
  { id: "usr_a", name: "Aiko Sato" },
  { id: "usr_b", name: "Aiko Tanaka" },
  { id: "usr_c", name: "Ken" },
  { id: "usr_d", name: "สมชาย ใจดี" },
];

describe("mentions", () => {
  it("finds full names, unique first names and non-Latin names, never the author", () => {
    const found = (body: string, author = "usr_x") => mentionedAgents(body, agents, author).map((a) => a.id);
    expect(found("@Aiko Tanaka please call")).toEqual(["usr_b"]);
    expect(found("@aiko please")).toEqual([]); // two Aikos: the first name alone is ambiguous
    expect(found("cc @Ken, thanks")).toEqual(["usr_c"]);
    expect(found("@Kenji is new")).toEqual([]);
    expect(found("ask @สมชาย ใจดี ด้วย")).toEqual(["usr_d"]);
    expect(found("ask @สมชาย")).toEqual(["usr_d"]);
    expect(found("mail ken@example.com")).toEqual([]);
    expect(found("@Ken", "usr_c")).toEqual([]);
  });

  it("splits a note into text and mention runs, longest name first", () => {
    expect(splitMentions("hi @Aiko Tanaka and @Ken.", agents)).toEqual([
      { text: "hi ", mention: false },
      { text: "@Aiko Tanaka", mention: true },
      { text: " and ", mention: false },
      { text: "@Ken", mention: true },
      { text: ".", mention: false },
    ]);
  });

  it("reads the @partial being typed and completes it", () => {
    expect(mentionQuery("please ask @ai")).toBe("ai");
    expect(mentionQuery("@")).toBe("");
    expect(mentionQuery("done @Ken ")).toBeNull();
    expect(mentionQuery("mail ken@exa")).toBeNull();
    expect(mentionQuery("no mention")).toBeNull();
    expect(suggestAgents("ai", agents).map((a) => a.name)).toEqual(["Aiko Sato", "Aiko Tanaka"]);
    expect(suggestAgents("tan", agents).map((a) => a.name)).toEqual(["Aiko Tanaka"]);
    expect(suggestAgents("", agents)).toHaveLength(4);
    expect(completeMention("please ask @ai", "Aiko Tanaka")).toBe("please ask @Aiko Tanaka ");
  });
});
