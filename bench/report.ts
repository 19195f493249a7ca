import { readFile, writeFile } from "node:fs/promises";
import { arch, cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "./child-process.ts";
import type { BaselineFigures } from "./compare.ts";
import type { CallbackFigures } from "./measure-callback.ts";
import type { CeilingFigures } from "./measure-ceiling.ts";
import type { LinkCommandFigures } from "./measure-link-command.ts";
import type { NotificationFigures } from "./measure-notifications.ts";
import type { RateLimitFigures } from "./measure-rate-limit.ts";
import type { PerLinkCounts } from "./measure-requests.ts";
import type { RoundTrips } from "./measure-round-trips.ts";
import type { WholeLinkFigures } from "./measure-whole-link.ts";
import type { ProcessMemory } from "./memory.ts";
import type { Summary } from "./stats.ts";

export interface BenchResults {
  date: string;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    kernel: string;
    arch: string;
    /** 1-minute load average when the run started: other processes compete for the cores. */
    loadAverage: number;
  };
  node: string;
  linkCommand: LinkCommandFigures;
  callback: CallbackFigures;
  /** The bot's CPU per link from the burst's start until its links' last DM and reply edit. */
  wholeLink: WholeLinkFigures;
  notifications: NotificationFigures;
  /** What one completed link cost each service, from the burst until its notices were sent. */
  perLink: PerLinkCounts;
  roundTrips: RoundTrips;
  ceiling: CeilingFigures;
  rateLimit: RateLimitFigures;
  /** Completed links per second ÷ the bare route's requests per second. */
  linksToCeilingRatio: number;
  botMemory: { idle: ProcessMemory; afterLoad: ProcessMemory };
  /** BENCH_BASELINE's figures, measured just before these. */
  baseline?: BaselineFigures;
}

export function describeMachine(): BenchResults["machine"] {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    arch: arch(),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

const ms = (s: Summary) => `p50 ${s.p50} ms · p99 ${s.p99} ms`;
const trail = (s: Summary) => `p50 ${s.p50} ms · p99 ${s.p99} ms · max ${s.max} ms`;

export function formatTable(r: BenchResults): string {
  const { linkCommand: link, callback: cb, notifications: n, ceiling: c, botMemory: mem, rateLimit: rl } = r;
  const whole = r.wholeLink;
  const { perLink: costs, roundTrips: trips } = r;
  const mongoTrips = (step: keyof RoundTrips["github"]) =>
    `${trips.mongo?.[step] ?? "?"} + ${trips.github[step]}`;
  const pages = Object.entries(cb.pageMs).map(
    ([page, s]) => [`${page} page latency, ${cb.browsers} browsers`, ms(s)] as const,
  );
  const rows: Array<readonly [string, string]> = [
    [`\`/link\` handling, ${link.interactions} interactions one at a time`, ms(link.handlingMs)],
    [`\`/link\` handling during the burst`, ms(cb.linkCommandUnderLoadMs)],
    ...pages,
    [
      `completed links/s, ${cb.browsers} browsers for ${cb.elapsedS} s`,
      `${cb.linksPerSecond} (${cb.links} links, ${cb.failed} failed)`,
    ],
    [
      "CPU during the burst: bot / MongoDB test server / bench process (stand-ins, browsers)",
      `${cb.botCpuPercent}% / ${cb.mongoCpuPercent ?? "?"}% / ${cb.benchCpuPercent}% of one core`,
    ],
    ["bot CPU per completed link, during the burst only", `${cb.botCpuMsPerLinkDuringBurst} ms`],
    [
      "bot CPU per completed link, whole link: the burst's start → its last DM or reply edit",
      `${whole.botCpuMsPerLink} ms over ${whole.elapsedS} s (the drain after the burst: ${whole.drainS} s)`,
    ],
    [
      "the same less the idle bot's CPU rate × the drain",
      `${whole.botCpuMsPerLinkLessIdle} ms (idle: ${whole.idleBotCpuMsPerS} ms of CPU per second)`,
    ],
    [
      "per completed link: MongoDB commands · GitHub requests · Discord requests",
      `${costs.mongoCommands?.total ?? "not counted"} · ${costs.githubRequests.total} · ${costs.discordRequests.total}`,
    ],
    [
      "round trips waited on, MongoDB + GitHub: `/link` · callback · confirm",
      `${mongoTrips("link")} · ${mongoTrips("callback")} · ${mongoTrips("confirm")}`,
    ],
    [`bare Hono route, ${c.concurrency} connections`, `${c.requestsPerSecond} req/s · ${ms(c.latencyMs)}`],
    ["links/s ÷ bare route req/s", String(r.linksToCeilingRatio)],
    [
      `rate limiter per refused request: fresh → after ${rl.distinctKeys.toLocaleString("en")} distinct keys`,
      `p50 ${rl.freshTableUs.p50} µs → ${rl.afterFloodUs.p50} µs · p99 ${rl.freshTableUs.p99} µs → ${rl.afterFloodUs.p99} µs (${rl.keysKept} keys kept)`,
    ],
    [
      "bot resident memory: idle → after the load (peak)",
      `${mem.idle.rssMiB} MiB → ${mem.afterLoad.rssMiB} MiB (${mem.afterLoad.peakRssMiB} MiB)`,
    ],
    ["DM trails its page by", trail(n.dmTrailMs)],
    ["reply edit trails its page by", trail(n.editTrailMs)],
    [
      "queue drained after the last page",
      `${n.drainAfterLastPageS} s, at ${n.discordRequestsPerSecond} Discord requests/s (${n.rateLimited} 429s)`,
    ],
    ["links checked: dropped notices / not stored", `${n.dropped} / ${n.notStored} of ${n.expected}`],
  ];
  const day = r.date.slice(0, 10);
  return [
    `${day}, ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.node}, ` +
      `load average ${r.machine.loadAverage} at the start`,
    "",
    ...alignedTable(["Figure", "Value"], rows),
  ].join("\n");
}

/** Columns padded to one width, as the formatter (Prettier) writes Markdown tables. */
export function alignedTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}

/**
 * bench/results.json, and the table between the README's `bench` markers (and the comparison
 * with BENCH_BASELINE between its `bench:baseline` markers).
 */
export async function writeResults(results: BenchResults, comparison?: string): Promise<string> {
  const table = formatTable(results);
  await writeFile(join(ROOT, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
  const readmePath = join(ROOT, "README.md");
  let readme = await readFile(readmePath, "utf8");
  readme = replaceBetween(readme, "bench", table);
  if (comparison) readme = replaceBetween(readme, "bench:baseline", comparison);
  await writeFile(readmePath, readme);
  return table;
}

function replaceBetween(readme: string, marker: string, table: string): string {
  const startMarker = `<!-- ${marker}:start -->`;
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(`<!-- ${marker}:end -->`);
  if (start < 0 || end < start) return readme;
  // Blank lines around the table, as Prettier formats Markdown.
  return `${readme.slice(0, start + startMarker.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
