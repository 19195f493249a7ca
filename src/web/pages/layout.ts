import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageContent {
  title: string;
  heading: string;
  message: string;
  next?: string;
  body?: Markup;
}

/** One layout for every page; `html` escapes each interpolated value. */
export function renderLayout(page: PageContent): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${page.title} · octolink</title>
<link rel="stylesheet" href="/assets/octolink.css">
</head>
<body>
<main>
<p class="brand">octolink</p>
<h1>${page.heading}</h1>
<p>${page.message}</p>
${page.body ?? ""}
${page.next ? html`<p class="next">${page.next}</p>` : ""}
</main>
</body>
</html>`;
}
