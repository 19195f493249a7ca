import { raw } from "hono/html";

// Stroke icons drawn in currentColor, so the stylesheet picks their colour per theme and tone.
const icon = (paths: string) =>
  raw(
    `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths}</svg>`,
  );

const LINK_PATHS =
  '<path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71"/><path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71"/>';

export const ICONS = {
  brand: icon(LINK_PATHS),
  confirm: icon(LINK_PATHS),
  success: icon('<path d="M20 6 9 17l-5-5"/>'),
  problem: icon('<path d="M12 6v8"/><path d="M12 18h.01"/>'),
  neutral: icon('<path d="M17 7 7 17"/><path d="m7 7 10 10"/>'),
} as const;

/** Served at /assets/favicon.svg: without one every browser asks for /favicon.ico and logs a 404. */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#5865f2"/><g transform="translate(4 4)" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">${LINK_PATHS}</g></svg>`;
