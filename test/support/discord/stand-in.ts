import type { RESTPutAPIApplicationCommandsResult } from "discord-api-types/v10";
import { createServer } from "node:http";
import { createCommandRoutes } from "./command-routes.ts";
import { createButtonInteraction } from "./component-interactions.ts";
import { buildGuildWorld, buildUser } from "./fixtures.ts";
import { attachGateway } from "./gateway.ts";
import { createGuildControls } from "./guild-controls.ts";
import { createGuildRoutes } from "./guild-routes.ts";
import { listenOnLoopback, serveRequests } from "./http-server.ts";
import { createIdentityRoutes } from "./identity-routes.ts";
import { createInteractionDispatcher } from "./interaction-dispatch.ts";
import { createInteractionRoutes } from "./interaction-routes.ts";
import { createCommandInteraction } from "./interactions.ts";
import { createMessageRoutes } from "./message-routes.ts";
import { createOAuth2 } from "./oauth2.ts";
import { createRateLimiter } from "./rate-limiter.ts";
import { createRestHandler } from "./rest-api.ts";
import { createRoleConnectionRoutes, meetsRequirement } from "./role-connection-routes.ts";
import { generateBotToken, generateSnowflake } from "./snowflakes.ts";
import { createStandInState } from "./state.ts";
import type { DiscordStandIn, DiscordStandInOptions } from "./types.ts";
import { waitFor } from "./wait-for.ts";

/** Discord's REST API, gateway and OAuth2 on one loopback port, for the real discord.js. */
export async function startDiscordStandIn(opts: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
  const applicationId = opts.applicationId ?? generateSnowflake();
  const globalRateLimitPerSecond = opts.globalRateLimitPerSecond ?? 50;
  const state = createStandInState(
    {
      applicationId,
      botToken: opts.botToken ?? generateBotToken(applicationId),
      clientSecret: opts.clientSecret ?? "discord-client-secret",
      replyWindowMs: opts.interactionReplyWindowMs ?? 3000,
      tokenLifetimeMs: opts.interactionTokenLifetimeMs ?? 15 * 60 * 1000,
      privilegedIntents: opts.privilegedIntents ?? 0,
    },
    opts.guildId ?? generateSnowflake(),
  );

  const server = createServer();
  const port = await listenOnLoopback(server, opts.port ?? 0);
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  const oauth2 = createOAuth2(state);
  const limiter = createRateLimiter(globalRateLimitPerSecond);
  serveRequests(
    server,
    createRestHandler({
      state,
      // Order matters: /users/@me must win over /users/:userId.
      routes: [
        ...createIdentityRoutes(state, gatewayUrl),
        ...createInteractionRoutes(state),
        ...createMessageRoutes(state),
        ...createGuildRoutes(state),
        ...createCommandRoutes(state),
        ...createRoleConnectionRoutes(state),
        ...oauth2.routes,
      ],
      limiter,
      routeRateLimit: opts.routeRateLimit ?? { limit: 5, windowMs: 1000 },
      globalRateLimitPerSecond,
      findBearer: oauth2.findBearer,
    }),
  );
  const gateway = attachGateway(server, state, gatewayUrl);
  const interactions = createInteractionDispatcher(state, gateway);

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    botToken: state.config.botToken,
    applicationId,
    guildId: state.guild.id,
    clientSecret: state.config.clientSecret,

    async close() {
      interactions.stop();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },

    addGuild(id = generateSnowflake()) {
      state.guilds.set(id, buildGuildWorld(id, state.botUser.id));
      return id;
    },

    addUser(user) {
      state.users.set(user.id, buildUser(user));
      if (user.inGuild !== false) state.guild.members.set(user.id, []);
    },
    ...createGuildControls(state),
    readOnlyChannelId: state.guild.readOnlyChannel.id,
    textChannelId: state.guild.textChannel.id,
    channelMessages: (channelId) => [...(state.messagesByChannel.get(channelId) ?? [])],

    sendCommand: (cmd) =>
      interactions.dispatchInteraction(`/${cmd.name}`, (resolveReply) =>
        createCommandInteraction(state, cmd, resolveReply),
      ),
    clickButton: (input) =>
      interactions.dispatchInteraction(`the button ${input.customId}`, (resolveReply) =>
        createButtonInteraction(state, input, resolveReply),
      ),

    interactionTiming: (token) => {
      const timing = state.interactionsByToken.get(token)?.timing;
      return timing ? { ...timing } : undefined;
    },
    originalMessage: (token) => state.interactionsByToken.get(token)?.original,
    edits: (token) => [...(state.interactionsByToken.get(token)?.edits ?? [])],
    followUps: (token) => [...(state.interactionsByToken.get(token)?.followUps ?? [])],
    dmsTo(userId) {
      const channel = state.dmChannels.get(userId);
      return channel ? [...(state.messagesByChannel.get(channel.id) ?? [])] : [];
    },
    dmChannelCreations: (userId) => state.dmChannelCreations.get(userId) ?? 0,
    closeDms(userId) {
      state.closedDms.add(userId);
    },
    failChannelPosts(channelId, times) {
      state.failingChannels.set(channelId, times);
    },
    injectRateLimit({ retryAfterMs, global = false, times = 1 }) {
      limiter.inject({ retryAfterMs, global }, times);
    },
    // Stored as validated against Discord's rules for a command, so they have its shape.
    registeredCommands: (scope) =>
      [...(state.commands.get(scope) ?? [])] as RESTPutAPIApplicationCommandsResult,
    identifyPayloads: () => [...state.identifies],
    resumes: () => state.resumes,
    reconnectGateway() {
      gateway.reconnectAll();
    },
    get requests() {
      return state.requests;
    },
    rateLimited: () => state.rateLimitedCount,
    waitFor,
    signIn(userId) {
      state.signedInUserId = userId;
    },
    oauthTokensOf: (userId) => oauth2.tokensOf(userId),
    deauthorizeApp: (userId) => oauth2.deauthorize(userId),
    expireOAuthTokens: (userId) => oauth2.expireAccessTokens(userId),
    roleConnectionMetadata: () => [...state.roleConnectionMetadata],
    roleConnectionOf: (userId) => state.roleConnections.get(userId),
    roleConnectionPuts: (userId) =>
      state.roleConnectionPuts.filter((put) => put.userId === userId).map((put) => put.record),
    meetsRequirement: (userId, requirement) => meetsRequirement(state, userId, requirement),
  };
}
