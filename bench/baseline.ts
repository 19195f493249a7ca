import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./child-process.ts";
import type { BotCommand } from "./environment.ts";

/** Another revision of the bot, checked out and built beside this one, to run as the bench's child. */
export interface Baseline {
  rev: string;
  commit: string;
  bot: BotCommand;
  /** Removes the temporary worktree. */
  remove(): void;
}

const log = (message: string) => console.log(`[bench] baseline: ${message}`);
const git = (args: string[], cwd = ROOT) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

/**
 * `BENCH_BASELINE=<rev>`: a detached `git worktree` of `rev` in a temporary directory, its
 * node_modules linked to this checkout's when package-lock.json is the same (else `npm ci`
 * from npm's cache), built when its `npm start` runs compiled JavaScript; the bot is started
 * the way its own `npm start` does (`node <flags> dist/src/main.js`, or `tsx src/main.ts`).
 */
export function prepareBaseline(rev: string): Baseline {
  const commit = git(["rev-parse", "--verify", `${rev}^{commit}`]);
  const dir = mkdtempSync(join(tmpdir(), `octolink-baseline-${commit.slice(0, 7)}-`));
  log(`${rev} (${commit.slice(0, 7)}) in ${dir}`);
  rmSync(dir, { recursive: true });
  git(["worktree", "add", "--detach", dir, commit]);
  const remove = () => git(["worktree", "remove", "--force", dir]);
  try {
    installModules(dir);
    return { rev, commit, bot: startCommand(dir), remove };
  } catch (err) {
    remove();
    throw err;
  }
}

function installModules(dir: string): void {
  const lock = (root: string) => readFileSync(join(root, "package-lock.json"), "utf8");
  if (lock(dir) === lock(ROOT)) {
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    return;
  }
  log("package-lock.json differs: npm ci from the cache");
  const npm = (extra: string) =>
    execFileSync("npm", ["ci", extra, "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      stdio: "inherit",
    });
  try {
    npm("--offline");
  } catch {
    npm("--prefer-offline");
  }
}

/** The script and Node flags of the revision's `npm start`, built first if it runs dist/. */
function startCommand(dir: string): BotCommand {
  const { scripts } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const words = (scripts.start ?? "").split(/\s+/);
  const script = words.find((word) => /\.[cm]?[jt]s$/.test(word));
  if (!script) throw new Error(`cannot tell what the baseline's npm start runs: ${scripts.start}`);
  if (script.startsWith("dist/")) {
    log("npm run build");
    execFileSync("npm", ["run", "build", "--silent"], { cwd: dir, stdio: "inherit" });
  }
  // `tsx src/main.ts` runs under the bench's tsx loader (spawnNodeScript adds it for .ts).
  return { script: join(dir, script), nodeFlags: words.filter((word) => word.startsWith("--")) };
}

/**
 * Prints `measure` of this checkout, or with BENCH_BASELINE=<rev> of that revision and this
 * checkout in turn, BENCH_ROUNDS times each (2 by default): the scripts' before and after.
 */
export async function printBeforeAndAfter(
  measure: (bot?: BotCommand) => Promise<string>,
  label = "",
): Promise<void> {
  const rev = process.env.BENCH_BASELINE;
  if (!rev) return console.log(`${label}${await measure()}`);
  const baseline = prepareBaseline(rev);
  try {
    for (let round = 1; round <= Number(process.env.BENCH_ROUNDS ?? 2); round++) {
      console.log(`before (${rev}), round ${round}: ${label}${await measure(baseline.bot)}`);
      console.log(`after (this checkout), round ${round}: ${label}${await measure()}`);
    }
  } finally {
    baseline.remove();
  }
}
