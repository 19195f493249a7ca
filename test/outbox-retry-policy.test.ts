import { describe, expect, it } from "vitest";
import { isLastAttempt, retryDelayMs, retryPolicyOf } from "../src/linking/outbox/retry-policy.ts";
import type { ClaimedJob, OutboxJob } from "../src/storage/index.ts";

const HOUR = 60 * 60 * 1000;
const webhook: OutboxJob = {
  kind: "link_webhook",
  delivery: "d",
  payload: { event: "link.created", discordId: "1", githubId: 2, githubLogin: "x", at: "" },
};
const dm: OutboxJob = { kind: "relink_dm", discordId: "1", githubLogin: "x" };
const claimOf = (job: OutboxJob, attempts: number, ageMs: number): ClaimedJob => ({
  id: "j",
  job,
  owner: "w",
  attempts,
  unblocks: null,
  previous: null,
  createdAt: new Date(Date.now() - ageMs),
});

describe("outbox retry policies", () => {
  it("an outgoing webhook keeps being retried, at most an hour apart, until 3 days have passed", () => {
    const policy = retryPolicyOf(webhook);
    const waits = Array.from({ length: 20 }, (_, i) => retryDelayMs(policy, i + 1));
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(1000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(HOUR);
    expect(waits.at(-1)).toBeGreaterThanOrEqual(HOUR / 2);
    expect(isLastAttempt(policy, claimOf(webhook, 50, 71 * HOUR))).toBe(false);
    expect(isLastAttempt(policy, claimOf(webhook, 80, 72 * HOUR))).toBe(true);
  });

  it("a DM gives up after 8 attempts, waits at most 5 minutes apart", () => {
    const policy = retryPolicyOf(dm);
    expect(isLastAttempt(policy, claimOf(dm, 7, 0))).toBe(false);
    expect(isLastAttempt(policy, claimOf(dm, 8, 0))).toBe(true);
    expect(retryDelayMs(policy, 30)).toBeLessThanOrEqual(5 * 60 * 1000);
  });
});
