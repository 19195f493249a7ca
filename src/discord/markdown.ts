import { escapeMarkdown, type EscapeMarkdownOptions } from "discord.js";

// Every character escapeMarkdown acts on with its default options and `maskedLink` (a masked
// link needs a `[`); headings and lists stay off, as they are by default.
const MARKDOWN = /[\\`*_~|[]/;

/**
 * escapeMarkdown, skipped for text it would leave unchanged: most GitHub logins and names have
 * none of its characters, and its look-behind patterns cost more than the rest of a link's DM.
 */
export function escapeText(text: string, options?: Pick<EscapeMarkdownOptions, "maskedLink">): string {
  return MARKDOWN.test(text) ? escapeMarkdown(text, options) : text;
}
