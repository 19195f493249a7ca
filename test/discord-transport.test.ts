import { DiscordAPIError, REST, Routes } from "discord.js";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordTransport } from "../src/discord/http-transport.ts";
import { type DiscordStandIn, startDiscordStandIn } from "./support/discord/index.ts";

// discord.js's REST clients over our node:http transport: what discord.js does on top of the
// HTTP call (buckets, 429s, the global budget, errors, the timeout) must work as with undici.
const alice = { id: "310000000000000001", username: "alice" };
let standIn: DiscordStandIn;
let rest: REST;

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  standIn.addUser(alice);
  rest = new REST({ api: standIn.apiUrl, makeRequest: createDiscordTransport() }).setToken(standIn.botToken);
});

afterAll(async () => {
  await standIn?.close();
});

const openDm = async (userId: string) =>
  (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };

describe("discord.js REST over the node:http transport", () => {
  it("sends a DM and reads Discord's JSON answer", async () => {
    const channel = await openDm(alice.id);
    const message = (await rest.post(Routes.channelMessages(channel.id), {
      body: { embeds: [{ title: "GitHub account linked", description: "héllo ✅" }] },
    })) as { id: string; embeds: { description: string }[] };
    expect(message.embeds[0]?.description).toBe("héllo ✅");
    expect(standIn.dmsTo(alice.id).at(-1)?.embeds?.[0]).toMatchObject({ description: "héllo ✅" });
  });

  it("waits out a route 429 and a global 429, then delivers", async () => {
    const channel = await openDm(alice.id);
    const before = standIn.rateLimited();
    const started = Date.now();
    standIn.injectRateLimit({ retryAfterMs: 300 });
    await rest.post(Routes.channelMessages(channel.id), { body: { content: "after a 429" } });
    standIn.injectRateLimit({ retryAfterMs: 200, global: true });
    await rest.post(Routes.channelMessages(channel.id), { body: { content: "after a global 429" } });
    // One 429 each: discord.js read retry_after from our answer and did not retry before it passed.
    expect(standIn.rateLimited() - before).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(
      standIn
        .dmsTo(alice.id)
        .slice(-2)
        .map((m) => m.content),
    ).toEqual(["after a 429", "after a global 429"]);
  });

  it("delivers a burst through per-route buckets and global 429s, none dropped", async () => {
    const burst = await startDiscordStandIn({
      // Low enough that even a slow, loaded machine sends faster than this: the 429 path is exercised.
      globalRateLimitPerSecond: 15,
      routeRateLimit: { limit: 5, windowMs: 500 },
    });
    try {
      const users = Array.from({ length: 6 }, (_, i) => ({ id: `31000000000000001${i}`, username: `u${i}` }));
      for (const user of users) burst.addUser(user);
      // The client believes in a higher global limit than the stand-in enforces, so it meets 429s.
      const burstRest = new REST({
        api: burst.apiUrl,
        globalRequestsPerSecond: 500,
        makeRequest: createDiscordTransport(),
      }).setToken(burst.botToken);
      await Promise.all(
        users.map(async (user) => {
          const channel = (await burstRest.post(Routes.userChannels(), {
            body: { recipient_id: user.id },
          })) as { id: string };
          await Promise.all(
            Array.from({ length: 8 }, (_, n) =>
              burstRest.post(Routes.channelMessages(channel.id), { body: { content: `dm ${n}` } }),
            ),
          );
        }),
      );
      for (const user of users) {
        expect(burst.dmsTo(user.id).map((m) => m.content)).toEqual(
          Array.from({ length: 8 }, (_, n) => `dm ${n}`),
        );
      }
      expect(burst.rateLimited()).toBeGreaterThan(0);
    } finally {
      await burst.close();
    }
  });

  it("turns Discord's error answer into a DiscordAPIError with its code", async () => {
    // Not a user Discord knows: "Invalid Recipient(s)".
    const failure = await openDm("310000000000000999").catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ status: 400, code: 50033 });
  });
});

describe("the transport's timeout", () => {
  let silent: Server;
  let seen = 0;
  beforeAll(async () => {
    // Accepts every request and never answers.
    silent = createServer(() => (seen += 1));
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("gives up when discord.js's timeout aborts the request", async () => {
    const { port } = silent.address() as AddressInfo;
    const slow = new REST({
      api: `http://127.0.0.1:${port}/api`,
      timeout: 100,
      retries: 1,
      makeRequest: createDiscordTransport(),
    }).setToken("token");
    await expect(slow.get(Routes.user())).rejects.toMatchObject({ name: "AbortError" });
    // discord.js retried once after the first abort, as it does over undici.
    expect(seen).toBe(2);
  });
});
