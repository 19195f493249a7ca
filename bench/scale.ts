import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildIfStale } from "../test/support/build.ts";
import { type Cluster, type Node, startCluster, startNode } from "../test/support/cluster.ts";
import { answerConfirmation, authorizeViaLink, createMember } from "../test/support/members.ts";
import { startRoundRobinProxy } from "../test/support/round-robin-proxy.ts";
import { type Spawned, spawnScript, waitForOutput } from "../test/support/spawn-bot.ts";
import { findFreePort } from "../test/support/stand-in-settings.ts";
import { ROOT } from "./child-process.ts";
import { runClosedLoop } from "./load.ts";
import { startBenchMongo } from "./mongo-child.ts";
import { describeMachine } from "./report.ts";

// `npm run bench:scale`: links per second through 1, 2 and 3 web replicas behind a round-robin
// proxy (one gateway, one worker), and how long a DM backlog takes to drain with 1 and 2 workers.
const BROWSERS = Number(process.env.BENCH_BROWSERS ?? 20);
const LINK_MS = Number(process.env.BENCH_LINK_MS ?? 10_000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 5_000);

const log = (message: string) => console.log(`[bench:scale] ${message}`);

async function measureLinks(replicaCount: number) {
  const c = await startCluster({}, mongoInAChild);
  const ports = await Promise.all(Array.from({ length: replicaCount }, findFreePort));
  // Every octolink process is a child of its own, and so is MongoDB: this process is the load and the stand-ins.
  const replicas = ports.map((port) =>
    spawnScript("src/main.ts", { ...c.env, ROLE: "web", PORT: String(port) }),
  );
  const others = ["gateway", "worker"].map((role) =>
    spawnScript("src/main.ts", { ...c.env, ROLE: role, PORT: "0" }),
  );
  const children = [...replicas, ...others];
  try {
    await Promise.all(replicas.map((r) => waitForOutput(r, /web server listening/, 60_000)));
    await Promise.all(
      others.map((o) => waitForOutput(o, /outbox worker started|connected to Discord/, 60_000)),
    );
    const proxy = await startRoundRobinProxy(
      c.publicPort,
      ports.map((port) => `http://127.0.0.1:${port}`),
    );
    let failed = 0;
    const reasons = new Map<string, number>();
    const run = await runClosedLoop({ concurrency: BROWSERS, durationMs: LINK_MS }, async () => {
      const member = createMember(c);
      try {
        const { callbackUrl, browser } = await authorizeViaLink(c, member);
        if ((await answerConfirmation(browser, callbackUrl)).res.status !== 200) failed += 1;
      } catch (err) {
        failed += 1;
        const reason = (err as Error).message.slice(0, 80);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    });
    await proxy.close();
    const links = run.iterations - failed;
    if (reasons.size > 0) log(`failures: ${JSON.stringify(Object.fromEntries(reasons))}`);
    return { replicas: replicaCount, links, failed, linksPerSecond: round(links / (run.elapsedMs / 1000)) };
  } finally {
    await stopAll(c, children, []);
  }
}

async function measureDrain(workerCount: number) {
  // Discord's budget is lifted in the stand-in; each worker's discord.js still keeps to 50 requests a second.
  const c = await startCluster({ globalRateLimitPerSecond: 1_000_000 }, mongoInAChild);
  const writer = await startNode(c, { ROLE: "web" });
  const nodes: Node[] = [writer];
  try {
    const members = Array.from({ length: BACKLOG }, () => createMember(c));
    const flaggedAt = new Date();
    await writer.bot.deps.notifier.notifyRelinkNeeded(
      members.map((m) => ({ discordId: m.discordId, githubLogin: m.login, flaggedAt })),
    );
    const started = performance.now();
    for (let i = 0; i < workerCount; i++) nodes.push(await startNode(c, { ROLE: "worker" }));
    // Counted at the Discord stand-in: polling MongoDB would load the database being measured.
    const sent = () => members.filter((m) => c.discord.dmsTo(m.discordId).length > 0).length;
    while (sent() < BACKLOG) await new Promise((r) => setTimeout(r, 500));
    const seconds = (performance.now() - started) / 1000;
    const deliveredOnce = members.filter((m) => c.discord.dmsTo(m.discordId).length === 1).length;
    return {
      workers: workerCount,
      dms: BACKLOG,
      deliveredOnce,
      seconds: round(seconds),
      dmsPerSecond: round(BACKLOG / seconds),
    };
  } finally {
    await stopAll(c, [], nodes);
  }
}

async function stopAll(c: Cluster, replicas: Spawned[], nodes: Node[]) {
  for (const replica of replicas) replica.killHard();
  await Promise.all(nodes.map((n) => n.bot.stop()));
  await c.stop();
}

const mongoInAChild = () => startBenchMongo(`octolink_scale_${Date.now().toString(36)}`);
const round = (n: number) => Math.round(n * 10) / 10;

// The replicas, gateway and worker run the JavaScript `npm start` runs.
buildIfStale();
const links = [];
// BENCH_LINK_MS=0 measures only the drain.
for (const replicas of LINK_MS > 0 ? [1, 2, 3] : []) {
  log(`links: ${replicas} web replica(s), ${BROWSERS} browsers for ${LINK_MS / 1000} s`);
  links.push(await measureLinks(replicas));
  log(JSON.stringify(links.at(-1)));
}
const drain = [];
for (const workers of [1, 2]) {
  log(`drain: ${BACKLOG} DMs, ${workers} worker(s)`);
  drain.push(await measureDrain(workers));
  log(JSON.stringify(drain.at(-1)));
}
const results = {
  date: new Date().toISOString(),
  machine: describeMachine(),
  node: process.version,
  links,
  drain,
};
await writeFile(join(ROOT, "bench/scale-results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
