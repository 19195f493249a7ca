import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { ICONS } from "./icons.ts";

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The status badge's colour and icon: done, went wrong, nothing happened, or asks the member. */
export type Tone = "success" | "problem" | "neutral" | "confirm";

export interface PageContent {
  title: string;
  heading: string;
  /** One sentence on what happened. */
  message: string;
  /** What the member does now, usually "return to Discord and run /link again". */
  next?: string;
  tone: Tone;
  body?: Markup;
}

/**
 * One layout for every page: the bot's name, a status badge, the heading, one sentence, then
 * the next step. No script and no inline style (the CSP forbids both); `html` escapes values.
 */
export function renderLayout(page: PageContent): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${page.title} · octolink</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/octolink.css">
</head>
<body>
<main class="tone-${page.tone}">
<p class="brand">${ICONS.brand}<span>octolink</span></p>
<div class="status">${ICONS[page.tone]}</div>
<h1>${page.heading}</h1>
<p class="message">${page.message}</p>
${page.body ?? ""}
${page.next ? html`<p class="next">${page.next}</p>` : ""}
</main>
</body>
</html>`;
}
