import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { problemsOf as parseProblems, validSettings as valid } from "./support/config-problems.ts";

const problemsOf = (env: Record<string, string>) => parseProblems({ ...valid, ...env });
const roleSyncOf = (env: Record<string, string>) => parseConfig({ ...valid, ...env }).roleSync;

describe("role sync settings", () => {
  it("ROLE_SYNC_INTERVAL defaults to 12h and takes 30m, 12h, 1d or off", () => {
    expect(roleSyncOf({}).intervalMs).toBe(12 * 3_600_000);
    expect(roleSyncOf({ ROLE_SYNC_INTERVAL: "30m" }).intervalMs).toBe(30 * 60_000);
    expect(roleSyncOf({ ROLE_SYNC_INTERVAL: "1d" }).intervalMs).toBe(86_400_000);
    expect(roleSyncOf({ ROLE_SYNC_INTERVAL: "off" }).intervalMs).toBeNull();
  });

  it("refuses anything else with a sentence", () => {
    for (const bad of ["12", "soon", "-1h", "0h", "1w"])
      expect(problemsOf({ ROLE_SYNC_INTERVAL: bad })).toEqual([
        "ROLE_SYNC_INTERVAL must be a duration like 30m, 12h or 1d (or off)",
      ]);
  });

  it("ROLE_SYNC_DISCORD_SHARE: a percentage of Discord's 50 requests a second, 50% by default", () => {
    expect(roleSyncOf({}).discordPerSecond).toBe(25);
    expect(roleSyncOf({ ROLE_SYNC_DISCORD_SHARE: "20" }).discordPerSecond).toBe(10);
    expect(problemsOf({ ROLE_SYNC_DISCORD_SHARE: "150" })).toEqual([
      "ROLE_SYNC_DISCORD_SHARE must be a percentage from 1 to 100",
    ]);
  });
});
