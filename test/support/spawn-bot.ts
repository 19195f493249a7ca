import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compiledPath, startFlags } from "./build.ts";

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** kill -9 of the script's process and anything it started. */
  killHard(): void;
}

/**
 * Runs one of the project's scripts as `npm start` would (its compiled JavaScript, built by the
 * tests' global setup), in an empty directory so a developer's own `.env` is not picked up,
 * with exactly the given environment.
 */
export function spawnScript(script: string, env: Record<string, string>): Spawned {
  const flags = script === "src/main.ts" ? startFlags() : [];
  const child = spawn(process.execPath, [...flags, compiledPath(script)], {
    cwd: mkdtempSync(join(tmpdir(), "octolink-")),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so killHard reaches whatever the script started too.
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
