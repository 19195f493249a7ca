import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  ChannelType,
  type ChatInputCommandInteraction,
  Client,
  ComponentType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  InteractionContextType,
  MessageFlags,
  REST,
  Routes,
  SlashCommandBuilder,
} from "discord.js";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { provokeViolations } from "../api-descriptions/index.ts";
import {
  type ClickButtonInput,
  type DiscordStandIn,
  type MessageRecord,
  type SendCommandInput,
  startDiscordStandIn,
} from "./index.ts";

const REPLY_WINDOW_MS = 1000;
const alice = { id: "300000000000000001", username: "alice", global_name: "Alice" };
const bob = { id: "300000000000000002", username: "bob" };
const carol = { id: "300000000000000003", username: "carol" };
const dave = { id: "300000000000000004", username: "dave" };

let standIn: DiscordStandIn;
let client: Client;
let rest: REST;

beforeAll(async () => {
  standIn = await startDiscordStandIn({ interactionReplyWindowMs: REPLY_WINDOW_MS });
  for (const user of [alice, bob, carol, dave]) standIn.addUser(user);
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiUrl } });
  const ready = once(client, Events.ClientReady);
  await client.login(standIn.botToken);
  await ready;
  rest = new REST({ api: standIn.apiUrl }).setToken(standIn.botToken);
});

afterAll(async () => {
  await client?.destroy();
  await standIn?.close();
});

/** Sends the command and hands back the real discord.js interaction the client built from it. */
async function runCommand(cmd: SendCommandInput) {
  const received = new Promise<ChatInputCommandInteraction>((resolve) => {
    const listener = (interaction: Interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== cmd.name) return;
      client.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    client.on(Events.InteractionCreate, listener);
  });
  const sent = await standIn.sendCommand(cmd);
  return { sent, interaction: await received };
}

/** Clicks the button and hands back the real discord.js ButtonInteraction the client built. */
async function clickButton(input: ClickButtonInput) {
  const received = new Promise<ButtonInteraction>((resolve) => {
    const listener = (interaction: Interaction) => {
      if (!interaction.isButton() || interaction.customId !== input.customId) return;
      client.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    client.on(Events.InteractionCreate, listener);
  });
  const sent = await standIn.clickButton(input);
  return { sent, interaction: await received };
}

/** A DM from the bot to dave with one action row of buttons, as the stand-in recorded it. */
async function sendButtonDm(content: string, buttons: ButtonBuilder[]): Promise<MessageRecord> {
  const dm = await client.users.createDM(dave.id);
  const sent = await dm.send({
    content,
    components: [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)],
  });
  const message = standIn.dmsTo(dave.id).find((m) => m.id === sent.id);
  if (!message) throw new Error("the stand-in did not record the DM");
  return message;
}

const button = (customId: string, label = customId) =>
  new ButtonBuilder().setStyle(ButtonStyle.Danger).setCustomId(customId).setLabel(label);

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

describe("gateway", () => {
  it("brings the real client to ready with the Guilds intent", () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(standIn.applicationId);
    expect(client.user?.bot).toBe(true);
    const guild = client.guilds.cache.get(standIn.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.some((c) => c.type === ChannelType.GuildText)).toBe(true);
    expect(guild?.members.me?.id).toBe(standIn.applicationId);
    expect(standIn.identifyPayloads()).toEqual([
      { intents: GatewayIntentBits.Guilds, token: standIn.botToken, shard: [0, 1] },
    ]);
    expect(standIn.requests).toContainEqual(
      expect.objectContaining({ method: "GET", route: "/gateway/bot", status: 200 }),
    );
  });

  it("answers heartbeats and closes with 4004 on a bad token", async () => {
    const socket = new WebSocket(
      `${standIn.apiUrl.replace(/^http/, "ws").replace(/\/api$/, "")}?v=10&encoding=json`,
    );
    const frames: Array<{ op: number; d: unknown }> = [];
    socket.on("message", (data) => frames.push(JSON.parse(data.toString())));
    await standIn.waitFor(() => frames.find((f) => f.op === 10));
    expect(frames[0]?.d).toMatchObject({ heartbeat_interval: expect.any(Number) });
    socket.send(JSON.stringify({ op: 1, d: null }));
    await standIn.waitFor(() => frames.find((f) => f.op === 11));
    const closed = once(socket, "close");
    socket.send(JSON.stringify({ op: 2, d: { token: "wrong", intents: 1, properties: {} } }));
    const [code] = await closed;
    expect(code).toBe(4004);
  });

  it("lets the client resume after op 7 RECONNECT without identifying again", async () => {
    standIn.reconnectGateway();
    await standIn.waitFor(() => standIn.resumes() === 1);
    await standIn.waitFor(() => client.ws.shards.first()?.status === 0);
    const { interaction } = await runCommand({ name: "after-resume", userId: alice.id });
    expect(interaction.user.id).toBe(alice.id);
    await interaction.reply({ content: "still here", flags: MessageFlags.Ephemeral });
    expect(standIn.identifyPayloads()).toHaveLength(1);
  });
});

describe("interactions", () => {
  it("delivers a guild command with a USER option and records the ephemeral reply and its edits", async () => {
    const { sent, interaction } = await runCommand({
      name: "ping",
      userId: alice.id,
      options: [{ name: "who", type: ApplicationCommandOptionType.User, value: bob.id }],
    });
    expect(interaction.id).toBe(sent.id);
    expect(interaction.guildId).toBe(standIn.guildId);
    expect(interaction.user.globalName).toBe("Alice");
    expect(interaction.inCachedGuild()).toBe(true);
    expect(interaction.options.getUser("who")?.username).toBe("bob");
    expect(interaction.options.getMember("who")).toBeTruthy();

    expect(standIn.interactionTiming(sent.token)?.answeredAt).toBeUndefined();
    await interaction.reply({ content: "pong", flags: MessageFlags.Ephemeral });
    await expect(sent.reply).resolves.toEqual({
      type: 4,
      data: expect.objectContaining({ content: "pong", flags: 64 }),
    });
    // The benchmark's clock readings: dispatch, then the accepted callback.
    const timing = standIn.interactionTiming(sent.token);
    expect(timing?.answeredAt).toBeGreaterThanOrEqual(timing?.dispatchedAt ?? Infinity);

    await interaction.editReply("pong, edited");
    expect(standIn.originalMessage(sent.token)).toMatchObject({
      content: "pong, edited",
      flags: 64,
    });

    // A second process editing through the interaction token alone, as the OAuth callback does.
    const standalone = new REST({ api: standIn.apiUrl }).setToken(standIn.botToken);
    const button = new ButtonBuilder()
      .setStyle(ButtonStyle.Link)
      .setLabel("Open")
      .setURL("https://example.com/");
    await standalone.patch(Routes.webhookMessage(standIn.applicationId, sent.token), {
      body: {
        content: "linked",
        embeds: [{ title: "GitHub" }],
        components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button).toJSON()],
      },
      auth: false,
    });
    const original = standIn.originalMessage(sent.token);
    expect(original).toMatchObject({ content: "linked", flags: 64, embeds: [{ title: "GitHub" }] });
    expect(original?.components?.[0]).toMatchObject({
      components: [{ label: "Open", url: "https://example.com/" }],
    });
    expect(standIn.edits(sent.token).map((m) => m.content)).toEqual(["pong, edited", "linked"]);

    const routes = standIn.requests.map((r) => r.route);
    expect(routes).toContain(`/webhooks/${standIn.applicationId}/:token/messages/@original`);
    expect(routes.some((route) => route.includes(sent.token))).toBe(false);
  });

  it("refuses a second callback with 40060", async () => {
    const { sent, interaction } = await runCommand({ name: "twice", userId: alice.id });
    await interaction.reply("first");
    const error = await apiError(
      rest.post(Routes.interactionCallback(sent.id, sent.token), {
        body: { type: 4, data: { content: "second" } },
        auth: false,
      }),
    );
    expect(error.code).toBe(40060);
    expect(standIn.originalMessage(sent.token)?.content).toBe("first");
  });

  it("refuses DEFERRED_UPDATE_MESSAGE and UPDATE_MESSAGE for a slash command, as Discord does", async () => {
    const { sent, interaction } = await runCommand({ name: "update", userId: alice.id });
    for (const body of [{ type: 6 }, { type: 7, data: { content: "updated" } }]) {
      const callback = rest.post(Routes.interactionCallback(sent.id, sent.token), { body, auth: false });
      const error = await apiError(callback);
      expect(error.status).toBe(400);
      expect(error.code).toBe(50035);
      expect(error.rawError).toMatchObject({
        errors: { type: { _errors: [{ code: "BASE_TYPE_CHOICES" }] } },
      });
    }
    expect(standIn.originalMessage(sent.token)).toBeUndefined();
    await interaction.reply("answered");
    expect(standIn.originalMessage(sent.token)?.content).toBe("answered");
  });

  it("handles a DM-context command, a deferral with_response and a follow-up", async () => {
    const { sent, interaction } = await runCommand({
      name: "whoami",
      userId: bob.id,
      guildId: null,
    });
    expect(interaction.guildId).toBeNull();
    expect(interaction.member).toBeNull();
    expect(interaction.user.id).toBe(bob.id);
    expect(interaction.context).toBe(InteractionContextType.BotDM);

    const response = await interaction.deferReply({
      flags: MessageFlags.Ephemeral,
      withResponse: true,
    });
    expect(response.interaction.responseMessageLoading).toBe(true);
    expect(response.interaction.responseMessageEphemeral).toBe(true);
    await expect(sent.reply).resolves.toMatchObject({ type: 5, data: { flags: 64 } });
    expect(standIn.originalMessage(sent.token)?.flags).toBe(64 | 128);

    await interaction.editReply("you are bob");
    expect(standIn.originalMessage(sent.token)).toMatchObject({
      content: "you are bob",
      flags: 64,
    });
    await interaction.followUp({ content: "one more thing", flags: MessageFlags.Ephemeral });
    expect(standIn.followUps(sent.token).map((m) => m.content)).toEqual(["one more thing"]);
    // The interaction happened in the same DM channel the REST API hands out.
    expect((await client.users.createDM(bob.id)).id).toBe(interaction.channelId);
  });

  it("answers 10062 to a reply after the window, and rejects `reply`", async () => {
    const { sent, interaction } = await runCommand({ name: "slow", userId: alice.id });
    await new Promise((resolve) => setTimeout(resolve, REPLY_WINDOW_MS + 50));
    await expect(sent.reply).rejects.toThrow(/not answered/);
    const error = await apiError(interaction.reply("too late"));
    expect(error.code).toBe(10062);
  });

  it("refuses to dispatch for an unknown user", async () => {
    await expect(standIn.sendCommand({ name: "ping", userId: "999" })).rejects.toThrow(/unknown user/);
  });
});

describe("commands", () => {
  it("stores global and guild commands with ids and dispatches with the registered id", async () => {
    const ping = new SlashCommandBuilder().setName("ping").setDescription("Ping").toJSON();
    const put = (await rest.put(Routes.applicationCommands(standIn.applicationId), {
      body: [ping],
    })) as Array<{
      id: string;
    }>;
    expect(standIn.registeredCommands("global")).toEqual(put);
    expect(put[0]).toMatchObject({ name: "ping", type: 1, application_id: standIn.applicationId });

    await rest.put(Routes.applicationGuildCommands(standIn.applicationId, standIn.guildId), {
      body: [new SlashCommandBuilder().setName("link").setDescription("Link GitHub").toJSON()],
    });
    expect(standIn.registeredCommands(standIn.guildId)).toMatchObject([
      { name: "link", guild_id: standIn.guildId },
    ]);

    const bad = await apiError(
      rest.put(Routes.applicationCommands(standIn.applicationId), {
        body: [{ name: "Bad Name", description: "x" }],
      }),
    );
    expect(bad.code).toBe(50035);

    const { interaction } = await runCommand({ name: "ping", userId: alice.id });
    expect(interaction.commandId).toBe(put[0]?.id);
    await interaction.reply("pong");
  });
});

describe("DMs", () => {
  it("records DMs with embeds and components and reuses the DM channel", async () => {
    const dm = await client.users.createDM(alice.id);
    await dm.send({
      content: "Linked to octocat",
      embeds: [{ title: "octocat", url: "https://github.com/octocat" }],
    });
    // With files discord.js switches to multipart: payload_json plus the file parts.
    await dm.send({
      content: "with a file",
      files: [{ attachment: Buffer.from("hi"), name: "note.txt" }],
    });
    const again = await client.users.createDM(alice.id, { force: true });
    expect(again.id).toBe(dm.id);
    expect(standIn.dmChannelCreations(alice.id)).toBe(2);
    expect(standIn.dmsTo(alice.id)).toMatchObject([
      { content: "Linked to octocat", channel_id: dm.id, embeds: [{ title: "octocat" }] },
      { content: "with a file", attachments: [{ filename: "note.txt", size: 2 }] },
    ]);
  });

  it("fails with 50007 once the user closed their DMs", async () => {
    standIn.closeDms(carol.id);
    const dm = await client.users.createDM(carol.id);
    const error = await apiError(dm.send("hello"));
    expect(error.code).toBe(50007);
    expect(error.status).toBe(403);
    expect(standIn.dmsTo(carol.id)).toEqual([]);
  });

  it("answers 404 10003 for an unknown channel", async () => {
    const error = await apiError(
      rest.post(Routes.channelMessages("123456789012345678"), { body: { content: "x" } }),
    );
    expect(error.code).toBe(10003);
  });
});

describe("buttons", () => {
  it("delivers a DM button click; UPDATE_MESSAGE edits the DM; follow-ups are recorded", async () => {
    const message = await sendButtonDm("Linked to octocat", [button("undo:1", "Not you? Undo")]);
    const { sent, interaction } = await clickButton({
      userId: dave.id,
      message,
      customId: "undo:1",
    });
    expect(interaction.id).toBe(sent.id);
    expect(interaction.componentType).toBe(ComponentType.Button);
    expect(interaction.user.id).toBe(dave.id);
    expect(interaction.guildId).toBeNull();
    expect(interaction.context).toBe(InteractionContextType.BotDM);
    expect(interaction.channelId).toBe(message.channel_id);
    expect(interaction.message.id).toBe(message.id);
    expect(interaction.message.content).toBe("Linked to octocat");

    await interaction.update({ components: [] });
    await expect(sent.reply).resolves.toEqual({
      type: 7,
      data: expect.objectContaining({ components: [] }),
    });
    expect(standIn.dmsTo(dave.id).find((m) => m.id === message.id)).toMatchObject({
      content: "Linked to octocat",
      components: [],
      edited_timestamp: expect.any(String),
    });

    await interaction.followUp({ content: "Undone" });
    expect(standIn.followUps(sent.token)).toMatchObject([
      {
        content: "Undone",
        channel_id: message.channel_id,
        interaction_metadata: { type: 3, user: { id: dave.id }, interacted_message_id: message.id },
      },
    ]);
    // The button is gone from the DM, so it cannot be clicked again.
    await expect(standIn.clickButton({ userId: dave.id, message, customId: "undo:1" })).rejects.toThrow(
      /no button with custom_id undo:1/,
    );
  });

  it("DEFERRED_UPDATE_MESSAGE leaves the DM as it is until editReply edits it", async () => {
    const message = await sendButtonDm("Pick one", [button("pick:a"), button("pick:b")]);
    const { sent, interaction } = await clickButton({
      userId: dave.id,
      message,
      customId: "pick:b",
    });
    await interaction.deferUpdate();
    await expect(sent.reply).resolves.toEqual({ type: 6 });
    expect(standIn.dmsTo(dave.id).find((m) => m.id === message.id)).toEqual(message);

    await interaction.editReply({ content: "You picked b", components: [] });
    expect(standIn.dmsTo(dave.id).find((m) => m.id === message.id)).toMatchObject({
      content: "You picked b",
      components: [],
    });
    expect(standIn.edits(sent.token).map((m) => m.content)).toEqual(["You picked b"]);
  });

  it("a reply to a click is a new message; the clicked DM keeps its buttons", async () => {
    const message = await sendButtonDm("Still here", [button("ask")]);
    const { sent, interaction } = await clickButton({ userId: dave.id, message, customId: "ask" });
    await interaction.reply({ content: "Answer", flags: MessageFlags.Ephemeral });
    expect(standIn.originalMessage(sent.token)).toMatchObject({ content: "Answer", flags: 64 });
    expect(standIn.dmsTo(dave.id).find((m) => m.id === message.id)).toEqual(message);
  });

  it("refuses clicks no client could make", async () => {
    const link = new ButtonBuilder()
      .setStyle(ButtonStyle.Link)
      .setLabel("Open")
      .setURL("https://example.com/");
    const message = await sendButtonDm("Buttons", [button("off").setDisabled(true), link]);
    for (const customId of ["missing", "off"]) {
      await expect(standIn.clickButton({ userId: dave.id, message, customId })).rejects.toThrow(
        /button with custom_id/,
      );
    }
    // Alice cannot see a DM to dave.
    await expect(standIn.clickButton({ userId: alice.id, message, customId: "off" })).rejects.toThrow(
      /not in a DM to/,
    );
  });
});

describe("rate limits", () => {
  it("sends bucket headers, and 401/404 bodies like Discord", async () => {
    const ok = await fetch(`${standIn.apiUrl}/v10/users/@me`, {
      headers: { Authorization: `Bot ${standIn.botToken}` },
    });
    expect(ok.status).toBe(200);
    for (const header of ["limit", "remaining", "reset", "reset-after", "bucket"]) {
      expect(ok.headers.get(`x-ratelimit-${header}`)).toBeTruthy();
    }
    // Requests Discord's description refuses, sent on purpose: the check must report them.
    const refused = await provokeViolations(async () => {
      const anonymous = await fetch(`${standIn.apiUrl}/v10/users/@me`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ message: "401: Unauthorized", code: 0 });
      const missing = await fetch(`${standIn.apiUrl}/v10/nothing/here`, {
        headers: { Authorization: `Bot ${standIn.botToken}` },
      });
      expect(await missing.json()).toEqual({ message: "404: Not Found", code: 0 });
    });
    expect(refused).toMatchObject([
      { operation: "get_my_user", field: "header.authorization", message: "is required" },
      { operation: "GET /nothing/here", field: "path" },
    ]);
  });

  it("makes discord.js wait out an injected 429 (route and global) and still deliver", async () => {
    const dm = await client.users.createDM(bob.id);
    const before = standIn.rateLimited();
    const started = Date.now();
    standIn.injectRateLimit({ retryAfterMs: 300 });
    await dm.send("after a 429");
    standIn.injectRateLimit({ retryAfterMs: 200, global: true });
    await dm.send("after a global 429");
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    // Exactly one 429 each: discord.js did not retry before retry_after passed.
    expect(standIn.rateLimited() - before).toBe(2);
    expect(standIn.dmsTo(bob.id).map((m) => m.content)).toEqual(["after a 429", "after a global 429"]);
    const limited = standIn.requests.filter((r) => r.status === 429);
    expect(limited.at(-1)).toMatchObject({ method: "POST", route: `/channels/${dm.id}/messages` });
  });

  it("delivers a burst of 120 DMs through 429s and self-throttling, none dropped", async () => {
    // 12 DM channels + 5 DMs each fit a route window at once: 72 > 70 forces global 429s.
    const burst = await startDiscordStandIn({
      globalRateLimitPerSecond: 70,
      routeRateLimit: { limit: 5, windowMs: 500 },
    });
    try {
      const users = Array.from({ length: 12 }, (_, i) => ({
        id: `40000000000000000${i + 10}`,
        username: `u${i}`,
      }));
      for (const user of users) burst.addUser(user);
      const started = Date.now();
      // The client believes in a higher global limit than the stand-in enforces, so it meets 429s.
      const burstRest = new REST({ api: burst.apiUrl, globalRequestsPerSecond: 500 }).setToken(
        burst.botToken,
      );
      await Promise.all(
        users.map(async (user) => {
          const channel = (await burstRest.post(Routes.userChannels(), {
            body: { recipient_id: user.id },
          })) as { id: string };
          await Promise.all(
            Array.from({ length: 10 }, (_, n) =>
              burstRest.post(Routes.channelMessages(channel.id), { body: { content: `dm ${n}` } }),
            ),
          );
        }),
      );
      for (const user of users) {
        expect(burst.dmsTo(user.id).map((m) => m.content)).toEqual(
          Array.from({ length: 10 }, (_, n) => `dm ${n}`),
        );
      }
      // Global 429s from the stand-in, and per-route waits discord.js chose from the headers.
      expect(burst.rateLimited()).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    } finally {
      await burst.close();
    }
  });
});

describe("OAuth2", () => {
  const redirectUri = "http://127.0.0.1:9/auth/discord/callback";

  async function authorize(cookie?: string, extra: Record<string, string> = {}) {
    const url = new URL(`${standIn.apiUrl}/oauth2/authorize`);
    url.search = new URLSearchParams({
      client_id: standIn.applicationId,
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "identify",
      state: "xyz",
      ...extra,
    }).toString();
    const response = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("xyz");
    return location.searchParams.get("code") ?? "";
  }

  /** Client credentials in the form, or with HTTP Basic. */
  function exchange(code: string, basic = false, extra: Record<string, string> = {}) {
    const credentials = {
      client_id: standIn.applicationId,
      client_secret: "discord-client-secret",
    };
    const basicAuth = Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString("base64");
    return fetch(`${standIn.apiUrl}/v10/oauth2/token`, {
      method: "POST",
      headers: basic ? { Authorization: `Basic ${basicAuth}` } : {},
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        ...(basic ? {} : credentials),
        ...extra,
      }),
    });
  }

  it("signs the browser in as the signed-in user, single-use codes, bearer /users/@me", async () => {
    standIn.signIn(alice.id);
    const code = await authorize();
    const tokenResponse = await exchange(code);
    const token = (await tokenResponse.json()) as {
      access_token: string;
      token_type: string;
      scope: string;
    };
    expect(token).toMatchObject({ token_type: "Bearer", scope: "identify" });
    const me = await fetch(`${standIn.apiUrl}/v10/users/@me`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    expect(await me.json()).toMatchObject({ id: alice.id, username: "alice" });

    const reused = await exchange(code);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("lets a discord_user cookie override the signed-in user", async () => {
    const code = await authorize(`discord_user=${bob.id}`);
    const token = (await (await exchange(code, true)).json()) as { access_token: string };
    const me = new REST({ api: standIn.apiUrl, authPrefix: "Bearer" }).setToken(token.access_token);
    expect(await me.get(Routes.user())).toMatchObject({ id: bob.id });
  });

  it("PKCE S256: a code issued for a challenge needs the matching verifier", async () => {
    const verifier = "v".repeat(43);
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const pkce = { code_challenge: challenge, code_challenge_method: "S256" };
    const missing = await exchange(await authorize(`discord_user=${alice.id}`, pkce));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_grant" });
    const wrong = await exchange(await authorize(`discord_user=${alice.id}`, pkce), false, {
      code_verifier: "w".repeat(43),
    });
    expect(wrong.status).toBe(400);
    const right = await exchange(await authorize(`discord_user=${alice.id}`, pkce), false, {
      code_verifier: verifier,
    });
    expect(right.status).toBe(200);

    const plain = new URL(`${standIn.apiUrl}/oauth2/authorize`);
    plain.search = new URLSearchParams({
      client_id: standIn.applicationId,
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "identify",
      code_challenge: verifier,
      code_challenge_method: "plain",
    }).toString();
    const refused = await fetch(plain, {
      redirect: "manual",
      headers: { cookie: `discord_user=${alice.id}` },
    });
    expect(new URL(refused.headers.get("location") ?? "").searchParams.get("error")).toBe("invalid_request");
  });

  it("POST /oauth2/token/revoke ends the access token and its refresh token; unknown tokens are a 200", async () => {
    const before = standIn.oauthTokensOf(bob.id).length;
    const token = (await (await exchange(await authorize(`discord_user=${bob.id}`))).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect(standIn.oauthTokensOf(bob.id).slice(before)).toEqual([{ scopes: ["identify"], active: true }]);
    const revoke = (fields: Record<string, string>, auth?: string) =>
      fetch(`${standIn.apiUrl}/oauth2/token/revoke`, {
        method: "POST",
        headers: auth ? { authorization: auth } : {},
        body: new URLSearchParams(fields),
      });
    expect((await revoke({ token: token.access_token })).status).toBe(401);
    const credentials = { client_id: standIn.applicationId, client_secret: "discord-client-secret" };
    const res = await revoke({ ...credentials, token: token.access_token, token_type_hint: "access_token" });
    expect(res.status).toBe(200);
    expect(standIn.oauthTokensOf(bob.id).at(-1)?.active).toBe(false);
    const me = await fetch(`${standIn.apiUrl}/v10/users/@me`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    expect(me.status).toBe(401);
    const refreshed = await exchange("", false, {
      grant_type: "refresh_token",
      refresh_token: token.refresh_token,
    });
    expect(refreshed.status).toBe(400);
    expect((await revoke({ ...credentials, token: "never-issued" })).status).toBe(200);
  });
});
