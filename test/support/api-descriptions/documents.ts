import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DESCRIPTION_ERRATA } from "./exemptions.ts";

/** The parts of an OpenAPI 3.x document the checks read. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  security?: SecurityRequirement[];
}

export type SecurityRequirement = Record<string, string[]>;

// Enterprise Server is the layout the stand-in serves (`/api/v3`); the newest release in the
// pinned @octokit/openapi.
export const GHES_VERSION = "3.19";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const DISCORD_SPEC = "shared/specs/discord-openapi.json";

/**
 * CI checks shared/ out beside the repository (`../shared/specs/`); a git worktree nested
 * deeper finds it in a further parent.
 */
export function findDiscordDescription(from = REPO_ROOT): string | null {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = resolve(dir, DISCORD_SPEC);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** A file of an installed npm package (some, like @octokit/graphql-schema, export no subpaths). */
export const packageFile = (name: string, file: string): string =>
  resolve(REPO_ROOT, "node_modules", name, file);

const cache = new Map<string, OpenApiDocument>();

/** Parsed once per vitest worker: the documents are large (GitHub's is 11 MB). */
function loadOnce(key: string, read: () => OpenApiDocument): OpenApiDocument {
  let document = cache.get(key);
  if (!document) {
    document = read();
    cache.set(key, document);
  }
  return document;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument;

export const loadGitHubDescription = (layout: "ghes" | "dotcom"): OpenApiDocument =>
  loadOnce(`github-${layout}`, () =>
    readJson(
      packageFile(
        "@octokit/openapi",
        layout === "ghes" ? `generated/ghes-${GHES_VERSION}.json` : "generated/api.github.com.json",
      ),
    ),
  );

export const loadDiscordDescription = (): OpenApiDocument =>
  loadOnce("discord", () => {
    const path = findDiscordDescription();
    if (path === null) {
      throw new Error(
        `Discord's OpenAPI description is missing: expected ${resolve(REPO_ROOT, "..", DISCORD_SPEC)} ` +
          "(shared/specs/ checked out beside the repository; see README → Development).",
      );
    }
    return applyErrata("discord", readJson(path));
  });

function applyErrata(description: "discord", document: OpenApiDocument): OpenApiDocument {
  for (const erratum of DESCRIPTION_ERRATA.filter((e) => e.description === description)) {
    const keys = erratum.pointer.split("/").slice(1);
    const last = keys.pop() ?? "";
    const parent = keys.reduce<Record<string, unknown> | undefined>(
      (node, key) => node?.[key] as Record<string, unknown> | undefined,
      document as unknown as Record<string, unknown>,
    );
    if (!parent || !(last in parent))
      throw new Error(`${description}: erratum ${erratum.pointer} no longer applies`);
    parent[last] = erratum.replacement;
  }
  return document;
}

/** The installed version of an npm package, for the summary. */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(packageFile(name, "package.json"), "utf8")) as { version: string }).version;
}
