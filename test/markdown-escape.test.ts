import { escapeMarkdown } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeText } from "../src/discord/markdown.ts";

// Names and logins land in DMs and replies as markdown: the shortcut must never change what
// escapeMarkdown would have sent, whatever the text.
const markdownish = fc.string({
  unit: fc.constantFrom(..."ab1 -_*~|`\\[]()<>:/#.\nhttps".split(""), "é", "✅", "https://x/"),
  maxLength: 40,
});

describe("escapeText", () => {
  it("is escapeMarkdown, with and without masked links, for any text", () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: "grapheme" })), (text) => {
        expect(escapeText(text)).toBe(escapeMarkdown(text));
        expect(escapeText(text, { maskedLink: true })).toBe(escapeMarkdown(text, { maskedLink: true }));
      }),
      { numRuns: 2000 },
    );
  });

  it("still escapes what would format: a login with underscores, a name with a masked link", () => {
    expect(escapeText("a_b_c")).toBe("a\\_b\\_c");
    expect(escapeText("[click](https://evil.example)", { maskedLink: true })).toBe(
      escapeMarkdown("[click](https://evil.example)", { maskedLink: true }),
    );
    expect(escapeText("[click](https://evil.example)", { maskedLink: true })).not.toBe(
      "[click](https://evil.example)",
    );
  });
});
