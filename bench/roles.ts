import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addRoleRule, enqueueJobs } from "../src/storage/index.ts";
import { buildIfStale } from "../test/support/build.ts";
import { startCluster, startNode } from "../test/support/cluster.ts";
import { spawnScript, waitForOutput } from "../test/support/spawn-bot.ts";
import { ROOT } from "./child-process.ts";
import { startBenchMongo } from "./mongo-child.ts";
import { describeMachine } from "./report.ts";
import { seedLinkedMembers } from "./seed-linked-members.ts";

// `npm run bench:roles`: one `/link-roles sync` over N linked members (default 2,000 and 10,000),
// run by a worker process of its own against the stand-ins: how long it takes, the Discord and
// GitHub requests it made, the most Discord requests in any one second, and the worker's peak memory.
const SIZES = (process.env.BENCH_ROLE_MEMBERS ?? "2000,10000").split(",").map(Number);
const SHARE = Number(process.env.BENCH_ROLE_SHARE ?? 50);
// One in ten linked accounts is not in the server (10007); one in five of the rest is in the org.
const NOT_IN_SERVER_EVERY = 10;
const IN_ORG_EVERY = 5;

const log = (message: string) => console.log(`[bench:roles] ${message}`);
const round = (n: number) => Math.round(n * 10) / 10;

/** Peak resident memory of a process, from Linux's accounting (VmHWM). */
const peakRssMb = (pid: number) => {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return round(Number(kb) / 1024);
};

/** The most requests in any window of `ms`, by the stand-in's arrival times (which jitter under load). */
function busiestWindow(times: number[], ms: number): number {
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

async function measureSync(count: number) {
  // Only Discord's global 50 a second limits the sync here: the stand-in's per-route buckets are lifted.
  const c = await startCluster({ routeRateLimit: { limit: 100_000, windowMs: 1000 } }, () =>
    startBenchMongo(`octolink_roles_${Date.now().toString(36)}`),
  );
  const seeder = await startNode(c, { ROLE: "web" });
  const { storage, config } = seeder.bot.deps;
  try {
    log(`${count} members: seeding links`);
    const members = await seedLinkedMembers(c, { storage, tokenKeys: config.tokenKeys }, count);
    members.forEach((m, i) => {
      if (i % NOT_IN_SERVER_EVERY === 0) c.discord.leaveGuild(m.discordId);
      else if (i % IN_ORG_EVERY === 1) c.github.facts.setOrgMembership("bench-org", m.githubId);
    });
    const guildId = c.discord.guildId;
    const verified = c.discord.addRole({ name: "Verified" });
    const orgRole = c.discord.addRole({ name: "Org" });
    await addRoleRule(storage, { guildId, roleId: verified, kind: "linked", target: null }, "bench");
    await addRoleRule(storage, { guildId, roleId: orgRole, kind: "org", target: "bench-org" }, "bench");

    const worker = spawnScript("src/main.ts", {
      ...c.env,
      ROLE: "worker",
      PORT: "0",
      LOG_LEVEL: "info",
      ROLE_SYNC_INTERVAL: "off",
      ROLE_SYNC_DISCORD_SHARE: String(SHARE),
    });
    try {
      await waitForOutput(worker, /outbox worker started/, 60_000);
      const discordBefore = c.discord.requests.length;
      const githubBefore = c.github.requests.length;
      const started = performance.now();
      const job = { kind: "role_sync", guildId, actorId: null, sealedInteractionToken: null } as const;
      await enqueueJobs(storage, [{ id: "role_sync:bench", job }]);
      let outcome: Record<string, number> | null = null;
      while (!outcome) {
        await new Promise((r) => setTimeout(r, 1000));
        const doc = await storage.outbox
          .findById("role_sync:bench")
          .lean<{ status: string; outcome: Record<string, number> }>();
        if (doc?.status === "done") outcome = doc.outcome;
        if (doc?.status === "failed") throw new Error("the sync failed");
      }
      const seconds = (performance.now() - started) / 1000;
      const discord = c.discord.requests.slice(discordBefore);
      const github = c.github.requests.slice(githubBefore);
      const byRoute = (method: string, pattern: RegExp) =>
        discord.filter((r) => r.method === method && pattern.test(r.route)).length;
      return {
        members: count,
        seconds: round(seconds),
        tally: outcome,
        discord: {
          requests: discord.length,
          getMember: byRoute("GET", /\/members\/\d+$/),
          putRole: byRoute("PUT", /\/roles\//),
          deleteRole: byRoute("DELETE", /\/roles\//),
          rateLimited: discord.filter((r) => r.status === 429).length,
          perSecond: round(discord.length / seconds),
          busiestSecond: busiestWindow(
            discord.map((r) => r.at),
            1000,
          ),
          busiestTenSecondsPerSecond: round(
            busiestWindow(
              discord.map((r) => r.at),
              10_000,
            ) / 10,
          ),
          allowedPerSecond: (50 * SHARE) / 100,
        },
        github: {
          requests: github.length,
          notModified: github.filter((r) => r.status === 304).length,
          rateLimited: github.filter((r) => r.status === 403 || r.status === 429).length,
        },
        workerPeakRssMb: peakRssMb(worker.child.pid ?? 0),
      };
    } finally {
      worker.killHard();
    }
  } finally {
    await seeder.bot.stop();
    await c.stop();
  }
}

buildIfStale();
const runs = [];
for (const count of SIZES) {
  const run = await measureSync(count);
  runs.push(run);
  log(JSON.stringify(run));
  // The share holds over any ten seconds, and Discord's own 50 a second was never exceeded (no 429).
  const within =
    run.discord.busiestTenSecondsPerSecond <= run.discord.allowedPerSecond && run.discord.rateLimited === 0;
  log(
    `${count} members: ${within ? "within" : "OVER"} the Discord share of ${run.discord.allowedPerSecond}/s`,
  );
  if (!within) process.exitCode = 1;
}
const results = {
  date: new Date().toISOString(),
  machine: describeMachine(),
  node: process.version,
  share: SHARE,
  runs,
};
await writeFile(join(ROOT, "bench/roles-results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
