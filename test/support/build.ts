import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const SOURCES = ["src", "commands", "scripts/deploy-commands.ts", "scripts/rotate-token-key.ts"];
const CONFIGS = ["tsconfig.json", "tsconfig.build.json"];

/** Where `npm run build` puts a script's JavaScript: `src/main.ts` → `dist/src/main.js`. */
export const compiledPath = (script: string): string => join(ROOT, "dist", script.replace(/\.ts$/, ".js"));

/** The Node flags of package.json's `start` (`node <flags> dist/src/main.js`), so the bot runs as there. */
export function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return (scripts.start ?? "").split(/\s+/).filter((word) => word.startsWith("--"));
}

/**
 * `npm run build` (tsc -p tsconfig.build.json), unless every compiled file is newer than its
 * source: the process tests and the bench run the JavaScript that `npm start` runs.
 */
export function buildIfStale(): void {
  if (!isStale()) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

function isStale(): boolean {
  const configsChanged = Math.max(...CONFIGS.map((file) => statSync(join(ROOT, file)).mtimeMs));
  return SOURCES.flatMap((source) => listTypeScript(source)).some((file) => {
    const compiled = modifiedAt(compiledPath(file));
    return (
      compiled === undefined ||
      compiled < (modifiedAt(join(ROOT, file)) ?? Number.POSITIVE_INFINITY) ||
      compiled < configsChanged
    );
  });
}

function listTypeScript(path: string): string[] {
  if (path.endsWith(".ts")) return [path];
  return readdirSync(join(ROOT, path), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(path, file));
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
