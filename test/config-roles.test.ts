import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { problemsOf as parseProblems, validSettings as valid } from "./support/config-problems.ts";

const problemsOf = (env: Record<string, string>) => parseProblems({ ...valid, ...env });
const roleSyncOf = (env: Record<string, string>) => parseConfig({ ...valid, ...env }).roleSync;

describe("role sync settings", () => {
  it("ROLE_SYNC_DISCORD_SHARE: a percentage of Discord's 50 requests a second, 50% by default", () => {
    expect(roleSyncOf({}).discordPerSecond).toBe(25);
    expect(roleSyncOf({ ROLE_SYNC_DISCORD_SHARE: "20" }).discordPerSecond).toBe(10);
    expect(problemsOf({ ROLE_SYNC_DISCORD_SHARE: "150" })).toEqual([
      "ROLE_SYNC_DISCORD_SHARE must be a percentage from 1 to 100",
    ]);
  });
});
