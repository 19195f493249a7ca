import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { createApp } from "../../src/web/app.ts";
import { registerAppKind } from "../support/app-kind.ts";
import {
  deliveryIdAt,
  githubAppAuthorizationRevoked,
  sendWebhook,
  signWebhook,
} from "../support/github/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import {
  buttonUrl,
  createMember,
  linkMember as linkMemberThroughConfirmation,
  settledReply,
} from "../support/members.ts";

const SECRET = "webhook-secret-for-tests-0123456789";

let h: Harness;
let webhookUrl: string;
beforeAll(async () => {
  h = await startHarness({ GITHUB_WEBHOOK_SECRET: SECRET });
  registerAppKind(h, "github-app");
  webhookUrl = `${h.bot.url}/webhooks/github`;
});
afterAll(async () => {
  await h?.stop();
});

type Member = ReturnType<typeof createMember>;

async function linkMember(member: Member) {
  expect((await linkMemberThroughConfirmation(h, member)).res.status).toBe(200);
  await h.bot.deps.notifier.drain();
}

const revokedEvent = (member: Member) =>
  githubAppAuthorizationRevoked(
    { id: member.githubId, login: member.login },
    { webUrl: h.github.url, apiUrl: h.github.apiUrl },
  );
const statusOf = async (member: Member) =>
  (await findLinkByDiscordId(h.bot.deps.storage, member.discordId))?.tokenStatus;
/** DMs after everything queued so far went out, so a missing DM is really missing. */
const dmsTo = async (member: Member) => {
  await h.bot.deps.notifier.drain();
  return h.discord.dmsTo(member.discordId);
};

describe("POST /webhooks/github", () => {
  it("github_app_authorization revoked: needs re-link at once, one DM, and a redelivery DMs nobody again", async () => {
    const member = createMember(h);
    await linkMember(member);
    const before = (await dmsTo(member)).length;
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    const delivery = {
      event: "github_app_authorization",
      payload: revokedEvent(member),
      secret: SECRET,
    };

    const res = await sendWebhook(webhookUrl, delivery);
    expect(res.status).toBe(200);
    expect(await statusOf(member)).toBe("needs_relink");
    const dms = await dmsTo(member);
    expect(dms).toHaveLength(before + 1);
    expect(dms.at(-1)?.embeds[0]?.description).toContain("Run /link");
    expect(dms.at(-1)?.embeds[0]?.description).toContain(member.login);

    expect((await sendWebhook(webhookUrl, delivery)).status).toBe(200);
    expect(await dmsTo(member)).toHaveLength(before + 1);
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).not.toBeNull();

    const command = await h.discord.sendCommand({ name: "whoami", userId: member.discordId });
    const whoami = await settledReply(h, command);
    expect(whoami.content).toContain("needs renewing");
    expect(buttonUrl({ data: whoami })).toContain("/login/oauth/authorize");
  });

  it("/whoami member: shows another member's revoked link as unverified", async () => {
    const member = createMember(h);
    const other = createMember(h);
    await linkMember(member);
    const whoamiAbout = async () =>
      (
        (await (
          await h.discord.sendCommand({
            name: "whoami",
            userId: other.discordId,
            guildId: h.discord.guildId,
            options: [{ name: "member", type: 6, value: member.discordId }],
          })
        ).reply) as { data: { content: string; embeds: Array<{ footer?: { text: string } }> } }
      ).data;
    expect((await whoamiAbout()).content).not.toContain("unverified");
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    await sendWebhook(webhookUrl, {
      event: "github_app_authorization",
      payload: revokedEvent(member),
      secret: SECRET,
    });
    const shown = await whoamiAbout();
    expect(shown.content).toContain("**unverified**");
    expect(shown.embeds[0]?.footer?.text).toContain("Unverified");
  });

  it("the same signed delivery twice: the repeat is a 200 that changes nothing, even after a re-link", async () => {
    const member = createMember(h);
    await linkMember(member);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    const delivery = {
      event: "github_app_authorization",
      payload: revokedEvent(member),
      secret: SECRET,
      deliveryId: deliveryIdAt(Date.now()),
    };
    const first = await sendWebhook(webhookUrl, delivery);
    expect(await first.json()).toEqual({ status: "processed", linksFlagged: 1 });
    expect(await statusOf(member)).toBe("needs_relink");

    await linkMember(member);
    expect(await statusOf(member)).toBe("valid");
    const dms = (await dmsTo(member)).length;
    const repeat = await sendWebhook(webhookUrl, delivery);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ status: "duplicate" });
    expect(await statusOf(member)).toBe("valid");
    expect(await dmsTo(member)).toHaveLength(dms);
    expect(await h.bot.deps.storage.webhookDeliveries.countDocuments({ _id: delivery.deliveryId })).toBe(1);
  });

  it("a revoked event sent before a re-link (first seen after it) does not flag the new link", async () => {
    const member = createMember(h);
    await linkMember(member);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    // Captured when GitHub sent it, held back, and delivered only after the member linked again.
    const sentAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await linkMember(member);
    const dms = (await dmsTo(member)).length;
    const late = await sendWebhook(webhookUrl, {
      event: "github_app_authorization",
      payload: revokedEvent(member),
      secret: SECRET,
      deliveryId: deliveryIdAt(sentAt),
    });
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ status: "processed", linksFlagged: 0 });
    expect(await statusOf(member)).toBe("valid");
    expect(await dmsTo(member)).toHaveLength(dms);
  });

  it("a signed delivery without an X-GitHub-Delivery id is a 400", async () => {
    const body = JSON.stringify({ zen: "Keep it logically awesome." });
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "x-github-event": "ping", "x-hub-signature-256": signWebhook(SECRET, body) },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "bad_request", message: expect.any(String) });
  });

  it("a missing, wrong or replayed-onto-another-body signature is a 401 JSON error and changes nothing", async () => {
    const member = createMember(h);
    await linkMember(member);
    const before = (await dmsTo(member)).length;
    const payload = revokedEvent(member);
    const body = JSON.stringify(payload);
    const responses = [
      await sendWebhook(webhookUrl, { event: "github_app_authorization", payload }),
      await sendWebhook(webhookUrl, {
        event: "github_app_authorization",
        payload,
        secret: "some-other-secret-0123456789abcdef",
      }),
      await fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "github_app_authorization",
          "x-hub-signature-256": signWebhook(SECRET, JSON.stringify({ action: "created" })),
        },
        body,
      }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "bad_signature", message: expect.any(String) });
    }
    expect(await statusOf(member)).toBe("valid");
    expect(await dmsTo(member)).toHaveLength(before);
  });

  it("other events are acknowledged with 202 and ignored; a signed but malformed body is a 400", async () => {
    const member = createMember(h);
    await linkMember(member);
    for (const [event, payload] of [
      ["ping", { zen: "Keep it logically awesome.", hook_id: 1 }],
      ["github_app_authorization", { ...revokedEvent(member), action: "created" }],
      ["installation", { action: "deleted", sender: { id: member.githubId } }],
    ] as const) {
      const res = await sendWebhook(webhookUrl, { event, payload, secret: SECRET });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ status: "ignored" });
    }
    expect(await statusOf(member)).toBe("valid");

    for (const body of ["{not json", JSON.stringify({ action: "revoked", sender: {} })]) {
      const res = await fetch(webhookUrl, {
        method: "POST",
        headers: {
          "x-github-event": "github_app_authorization",
          "x-github-delivery": deliveryIdAt(Date.now()),
          "x-hub-signature-256": signWebhook(SECRET, body),
        },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "bad_request", message: expect.any(String) });
    }
    const tooLarge = await fetch(webhookUrl, { method: "POST", body: "x".repeat(2 * 1024 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(await statusOf(member)).toBe("valid");
  });

  it("without GITHUB_WEBHOOK_SECRET the route is off: a 404 that says which setting turns it on", async () => {
    const config = { ...h.config, github: { ...h.config.github, webhookSecret: undefined } };
    const app = createApp({
      ...h.bot.deps,
      config,
      checkReadiness: async () => ({ storage: true, discord: true }),
    });
    const body = JSON.stringify({ action: "revoked", sender: { id: 1 } });
    const res = await app.request("/webhooks/github", {
      method: "POST",
      headers: { "x-github-event": "github_app_authorization" },
      body,
    });
    expect(res.status).toBe(404);
    const json = (await res.json()) as { error: string; message: string };
    expect(json.error).toBe("webhooks_disabled");
    expect(json.message).toContain("GITHUB_WEBHOOK_SECRET");
  });
});
