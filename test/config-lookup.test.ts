import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { problemsOf as parseProblems, validSettings as valid } from "./support/config-problems.ts";

const problemsOf = (env: Record<string, string>) => parseProblems({ ...valid, ...env });
const longSecret = "k".repeat(32);

describe("lookup API, webhook and audit settings", () => {
  it("defaults: no API keys, no webhook, audit records kept 365 days", () => {
    const config = parseConfig(valid);
    expect(config.api).toEqual({ keys: [], ratePerMinute: 120 });
    expect(config.linkWebhook).toBeNull();
    expect(config.auditRetentionDays).toBe(365);
  });

  it("reads API_KEYS as comma-separated name:secret pairs", () => {
    const config = parseConfig({ ...valid, API_KEYS: ` ci:${longSecret} , site:${longSecret}x:y ` });
    expect(config.api.keys).toEqual([
      { name: "ci", secret: longSecret },
      { name: "site", secret: `${longSecret}x:y` },
    ]);
  });

  it("lists every bad API key, a webhook without secret and a bad retention in one message", () => {
    const problems = problemsOf({
      API_KEYS: `ci:short,${longSecret},ci:${longSecret}`,
      AUDIT_RETENTION_DAYS: "0",
      LINK_WEBHOOK_URL: "ftp://hooks.example.com",
    });
    expect(problems).toEqual([
      'API_KEYS the secret of "ci" must be at least 32 characters (use `openssl rand -hex 32`)',
      "API_KEYS entry 2 must be name:secret",
      'API_KEYS names the key "ci" twice',
      "LINK_WEBHOOK_URL must be an http(s) URL",
      "AUDIT_RETENTION_DAYS must be at least 1",
    ]);
    expect(problems.join("\n")).not.toContain(longSecret);
    expect(problemsOf({ LINK_WEBHOOK_URL: "https://hooks.example.com/octolink" })).toEqual([
      "LINK_WEBHOOK_SECRET is required when LINK_WEBHOOK_URL is set (deliveries are signed with it)",
    ]);
  });

  it("refuses a webhook secret that another setting already uses", () => {
    const problems = problemsOf({
      LINK_WEBHOOK_URL: "https://hooks.example.com/octolink",
      LINK_WEBHOOK_SECRET: valid.STATE_SECRET,
    });
    expect(problems).toEqual(["STATE_SECRET must not reuse the value of LINK_WEBHOOK_SECRET"]);
  });
});
