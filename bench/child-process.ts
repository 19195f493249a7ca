import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");
const OUTPUT_KEPT = 64 * 1024;

export interface NodeChild {
  pid: number;
  child: ChildProcess;
  /** The last 64 KiB the process wrote, for error messages. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `node <script>.js`, or `node --import tsx <script>.ts` for the bench's own helpers: the
 * script is the process itself (not under a wrapper), so its pid is the one whose memory is
 * read. It runs in an empty directory so a developer's `.env` is not picked up; `nodeFlags`
 * adds e.g. `--cpu-prof`; `ipc` opens Node's message channel to it (`child.send`).
 */
export function spawnNodeScript(
  script: string,
  env: Record<string, string>,
  nodeFlags: string[] = [],
  opts: { ipc?: boolean } = {},
): NodeChild {
  const loader = script.endsWith(".ts") ? ["--import", import.meta.resolve("tsx")] : [];
  const child = spawn(process.execPath, [...nodeFlags, ...loader, resolve(ROOT, script)], {
    cwd: mkdtempSync(join(tmpdir(), "octolink-bench-")),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: opts.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  return {
    pid: child.pid,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Polls `url` until it answers 2xx; fails with the child's output if the child exits first. */
export async function waitUntilServing(url: string, child: NodeChild, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.child.exitCode !== null) break;
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up:\n${child.output()}`);
}
