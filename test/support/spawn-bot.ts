import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** kill -9 of the script's node process itself, not only the tsx launcher in front of it. */
  killHard(): void;
}

/**
 * Runs one of the project's scripts as `npm start` would, in an empty directory so a
 * developer's own `.env` is not picked up, with exactly the given environment.
 */
export function spawnScript(script: string, env: Record<string, string>): Spawned {
  const child = spawn(TSX, [join(ROOT, script)], {
    cwd: mkdtempSync(join(tmpdir(), "octolink-")),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a SIGKILL reaches the node process tsx starts.
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const killHard = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err; // already gone
    }
  };
  return { child, output: () => output, exited, killHard };
}

export async function waitForOutput(spawned: Spawned, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(spawned.output())) {
    if (Date.now() > deadline || spawned.child.exitCode !== null) {
      throw new Error(`expected ${pattern} in the output:\n${spawned.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
