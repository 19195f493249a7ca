import type { Harness } from "./harness.ts";

/** Every stored link, pending confirmation and /link state, to show a request changed nothing. */
export async function readStoredState(h: Harness) {
  const { links, pendingLinks, linkStates } = h.bot.deps.storage;
  const [linkDocs, pendingDocs, stateDocs] = await Promise.all([
    links.find().sort({ _id: 1 }).lean().exec(),
    pendingLinks.find().sort({ _id: 1 }).lean().exec(),
    linkStates.find().sort({ _id: 1 }).lean().exec(),
  ]);
  return { links: linkDocs, pendingLinks: pendingDocs, linkStates: stateDocs };
}

/** Log lines at pino's "error" level or above. */
export const errorLogs = (lines: string[]) =>
  lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
