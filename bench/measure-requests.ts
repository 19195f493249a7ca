import type { BenchEnvironment } from "./environment.ts";

/** What the bot asked of each service, by command or route, counted by the stand-ins. */
export interface RequestCounts {
  /** By `<command> <collection>`; null on a real MongoDB (MONGODB_TEST_URI), which is not counted. */
  mongo: Record<string, number> | null;
  github: Record<string, number>;
  discord: Record<string, number>;
}

export interface PerLinkCounts {
  links: number;
  mongoCommands: Breakdown | null;
  githubRequests: Breakdown;
  discordRequests: Breakdown;
}

interface Breakdown {
  total: number;
  by: Record<string, number>;
}

// The driver's own traffic (handshakes, heartbeats, session ends), not the link's work.
const MONGO_HOUSEKEEPING = new Set(["hello", "isMaster", "ismaster", "ping", "endSessions"]);

/** The stand-ins' counts so far: MongoDB commands, and the bot's requests to GitHub and Discord. */
export async function countRequests(env: BenchEnvironment): Promise<RequestCounts> {
  const github: Record<string, number> = {};
  // The browser's own visits to GitHub's authorize page are not the bot's.
  for (const r of env.github.requests) {
    if (!r.path.startsWith("/login/oauth/authorize")) add(github, `${r.method} ${r.path}`);
  }
  const discord: Record<string, number> = {};
  for (const r of env.discord.requests) add(discord, `${r.method} ${r.route}`);
  return { mongo: await env.mongo.commandCounts(), github, discord };
}

/** (after − before) ÷ links, by command or route, to two decimals. */
export function perLink(before: RequestCounts, after: RequestCounts, links: number): PerLinkCounts {
  const mongo = (counts: Record<string, number> | null) =>
    counts && Object.fromEntries(Object.entries(counts).filter(([key]) => !MONGO_HOUSEKEEPING.has(key)));
  const afterMongo = mongo(after.mongo);
  return {
    links,
    mongoCommands: afterMongo && divide(afterMongo, mongo(before.mongo) ?? {}, links),
    githubRequests: divide(after.github, before.github, links),
    discordRequests: divide(after.discord, before.discord, links),
  };
}

function divide(after: Record<string, number>, before: Record<string, number>, links: number): Breakdown {
  const made = new Map<string, number>();
  for (const [key, count] of Object.entries(after)) {
    const n = count - (before[key] ?? 0);
    // Snowflakes differ per member and message; the route is what is counted.
    const route = key.replace(/\b\d{15,}\b/g, ":id");
    if (n > 0) made.set(route, (made.get(route) ?? 0) + n);
  }
  const round = (n: number) => Math.round((n / links) * 100) / 100;
  const total = [...made.values()].reduce((sum, n) => sum + n, 0);
  return { total: round(total), by: Object.fromEntries([...made].map(([key, n]) => [key, round(n)])) };
}

function add(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
