import { readFileSync } from "node:fs";

/**
 * `npx tsx bench/summarize-profile.ts <file.cpuprofile> [rows] [skip seconds]`: where a
 * BENCH_CPU_PROF=1 profile spends its busy time, by function (self time) and by package, where
 * native and Node core frames count for the package that called them — without opening
 * DevTools. `skip seconds` leaves out the profile's first seconds (the startup, say).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(["(idle)", "(program)", "(root)"]);

const [file, rowsArg, skipArg] = process.argv.slice(2);
if (!file) throw new Error("usage: summarize-profile <file.cpuprofile> [rows] [skip seconds]");
const rows = Number(rowsArg ?? 25);
const skipUs = Number(skipArg ?? 0) * 1_000_000;
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const selfUs = new Map<number, number>();
let sinceStartUs = 0;
profile.samples.forEach((id, index) => {
  const deltaUs = profile.timeDeltas[index] ?? 0;
  sinceStartUs += deltaUs;
  if (sinceStartUs >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + deltaUs);
});

/** The package a frame's code belongs to; undefined for native and Node core frames. */
function packageOf(url: string): string | undefined {
  if (url === "" || url.startsWith("node:")) return undefined;
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match?.[1]) return match[1];
  return /\/(src|commands)\//.test(url) ? "octolink" : url;
}

function attributedPackage(id: number): string {
  const frame = byId.get(id)?.callFrame;
  if (frame?.functionName === "(garbage collector)") return "(garbage collector)";
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const pkg = packageOf(byId.get(at)?.callFrame.url ?? "");
    if (pkg) return pkg;
  }
  return "(node core / native, no caller)";
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let busy = 0;
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame || IDLE.has(frame.functionName)) continue;
  busy += us;
  const where = frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|commands)\//, "$1/");
  const name = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  const pkg = attributedPackage(id);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}

const top = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(
      ([name, us]) =>
        `${((us / busy) * 100).toFixed(1).padStart(5)}% ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    )
    .join("\n");
console.log(
  `${(busy / 1000).toFixed(0)} ms busy (idle left out)\n\nby package (native and Node core time counted for its caller):\n${top(byPackage)}\n\nby function (self time):\n${top(byFunction)}`,
);
