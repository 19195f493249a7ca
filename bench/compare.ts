import type { BotFigures } from "./measure-bot.ts";
import { alignedTable } from "./report.ts";
import type { Summary } from "./stats.ts";

/** The baseline's figures, measured in the same run of the bench as this checkout's. */
export interface BaselineFigures extends BotFigures {
  rev: string;
  commit: string;
}

const ms = (s: Summary | undefined) => (s ? `${s.p50} / ${s.p99}` : "–");
const ratio = (after: number, before: number) =>
  before > 0 && Number.isFinite(after / before) ? `${Math.round((after / before) * 100) / 100}×` : "–";

/** Before and after side by side, as a Markdown table; the last column is after ÷ before. */
export function formatComparison(before: BaselineFigures, after: BotFigures): string {
  const row = (figure: string, of: (f: BotFigures) => string, times?: (f: BotFigures) => number) =>
    [figure, of(before), of(after), times ? ratio(times(after), times(before)) : ""] as const;
  const page = (name: string) => (f: BotFigures) => ms(f.callback.pageMs[name]);
  const costs = (f: BotFigures) =>
    `${f.perLink.mongoCommands?.total ?? "?"} · ${f.perLink.githubRequests.total} · ${f.perLink.discordRequests.total}`;
  const rows = [
    row(
      "completed links/s (failed)",
      (f) => `${f.callback.linksPerSecond} (${f.callback.failed})`,
      (f) => f.callback.linksPerSecond,
    ),
    row(
      "bot CPU per completed link, during the burst only",
      (f) => `${f.callback.botCpuMsPerLinkDuringBurst} ms`,
      (f) => f.callback.botCpuMsPerLinkDuringBurst,
    ),
    row(
      "bot CPU per completed link, whole link (burst + drain)",
      (f) => `${f.wholeLink.botCpuMsPerLink} ms`,
      (f) => f.wholeLink.botCpuMsPerLink,
    ),
    row(
      "the same less the idle rate × the drain",
      (f) => `${f.wholeLink.botCpuMsPerLinkLessIdle} ms`,
      (f) => f.wholeLink.botCpuMsPerLinkLessIdle,
    ),
    row(
      "idle bot CPU (ms per second)",
      (f) => String(f.wholeLink.idleBotCpuMsPerS),
      (f) => f.wholeLink.idleBotCpuMsPerS,
    ),
    row("drain after the burst (s)", (f) => String(f.wholeLink.drainS)),
    row(
      "CPU during the burst: bot / MongoDB test server / bench process",
      (f) =>
        `${f.callback.botCpuPercent}% / ${f.callback.mongoCpuPercent ?? "?"}% / ${f.callback.benchCpuPercent}%`,
    ),
    row("callback page p50 / p99 (ms)", page("callback")),
    row("confirm page p50 / p99 (ms)", page("confirm")),
    row("`/link` during the burst p50 / p99 (ms)", (f) => ms(f.callback.linkCommandUnderLoadMs)),
    row("`/link` one at a time p50 / p99 (ms)", (f) => ms(f.linkCommand.handlingMs)),
    row(
      "bot resident memory, idle → after the load (MiB)",
      (f) => `${f.botMemory.idle.rssMiB} → ${f.botMemory.afterLoad.rssMiB}`,
    ),
    row("MongoDB · GitHub · Discord per link", costs),
    row(
      "links checked: dropped notices / not stored",
      (f) => `${f.notifications.dropped} / ${f.notifications.notStored}`,
    ),
  ];
  return [
    `Before: \`${before.rev}\` (${before.commit.slice(0, 7)}); after: this checkout; one after the other in one run.`,
    "",
    ...alignedTable(["Figure", "Before", "After", "After ÷ before"], rows),
  ].join("\n");
}
