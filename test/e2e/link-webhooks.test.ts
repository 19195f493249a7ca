import { createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../support/commands.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember } from "../support/members.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

const SECRET = "link-webhook-secret-0123456789abcdef";

let h: Harness;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  // The first delivery fails three times (500, 503, 500) before the receiver accepts it.
  receiver = await startWebhookReceiver([500, 503, 500]);
  h = await startHarness({ LINK_WEBHOOK_URL: receiver.url, LINK_WEBHOOK_SECRET: SECRET });
});
afterAll(async () => {
  await h?.stop();
  await receiver?.close();
});

/** What a receiver does: recompute the HMAC of the raw body and compare in constant time. */
function isSignedBy(secret: string, body: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const sent = Buffer.from(String(header ?? ""));
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

describe("outgoing link webhooks", () => {
  it("a receiver failing three times then accepting gets link.created four times: one delivery id, signed, waits growing, nothing after its 2xx", async () => {
    const member = createMember(h, { login: "hooked" });
    await linkMember(h, member);
    await h.discord.waitFor(() => receiver.received.length >= 4, 20_000);

    const attempts = receiver.received.slice(0, 4);
    expect(attempts.map((a) => a.answeredWith)).toEqual([500, 503, 500, 204]);
    const ids = new Set(attempts.map((a) => a.headers["x-octolink-delivery"]));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
    for (const attempt of attempts) {
      expect(attempt.headers["content-type"]).toBe("application/json");
      expect(attempt.body).toBe(attempts[0]?.body);
      expect(isSignedBy(SECRET, attempt.body, attempt.headers["x-octolink-signature-256"])).toBe(true);
      expect(isSignedBy("another-secret", attempt.body, attempt.headers["x-octolink-signature-256"])).toBe(
        false,
      );
    }
    expect(JSON.parse(attempts[0]?.body ?? "")).toEqual({
      event: "link.created",
      discordId: member.discordId,
      githubId: member.githubId,
      githubLogin: "hooked",
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    // Backoff: about 1 s, 2 s, 4 s (each between half and all of it, for jitter).
    const waits = attempts.slice(1).map((a, i) => a.at - (attempts[i]?.at ?? 0));
    waits.forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(500 * 2 ** i - 50));
    const retries = h.logs.filter(
      (l) => l.msg === "outbox job failed; will retry" && l.kind === "link_webhook",
    );
    expect(retries.map((r) => r.attempts)).toEqual([1, 2, 3]);

    // Accepted once: the job is done and never sent again.
    await new Promise((r) => setTimeout(r, 1_500));
    const sameDelivery = receiver.received.filter((r) => ids.has(String(r.headers["x-octolink-delivery"])));
    expect(sameDelivery).toHaveLength(4);
    expect(h.rawLogs.join("\n")).not.toContain(SECRET);
  });

  it("link.removed on /unlink and link.needs_relink when GitHub refuses the token, each a new delivery", async () => {
    const member = createMember(h, { login: "hooked-twice" });
    await linkMember(h, member);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    await runCommand(h, { name: "whoami", userId: member.discordId });
    await runCommand(h, { name: "unlink", userId: member.discordId });

    const events = () =>
      receiver.received
        .map((r) => ({
          ...(JSON.parse(r.body) as { event: string; discordId: string }),
          id: r.headers["x-octolink-delivery"],
        }))
        .filter((e) => e.discordId === member.discordId);
    await h.discord.waitFor(() => events().length >= 3);
    expect(events().map((e) => e.event)).toEqual(["link.created", "link.needs_relink", "link.removed"]);
    expect(new Set(events().map((e) => e.id)).size).toBe(3);
  });
});
