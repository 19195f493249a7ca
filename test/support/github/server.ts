import { createAdaptorServer } from "@hono/node-server";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { withDescriptionCheck } from "../api-descriptions/index.ts";
import { createStandInApp } from "./app.ts";
import { submitAuthorizeForm } from "./browser-actions.ts";
import { createFactsAdmin } from "./facts-admin.ts";
import { queueFailure } from "./faults.ts";
import { createState, now, toApp } from "./state.ts";
import { findValidAccessToken, revokeAllTokens } from "./tokens.ts";
import type { GitHubStandIn } from "./types.ts";

/** Starts the stand-in on loopback (a free port unless one is given). */
export async function startGitHubStandIn(
  opts: { port?: number; host?: string } = {},
): Promise<GitHubStandIn> {
  const host = opts.host ?? "127.0.0.1";
  // The app needs the URL, which is known once the server listens.
  const server = createAdaptorServer({
    fetch: withDescriptionCheck((request, env) => app.fetch(request, env)),
  }) as Server;
  server.listen(opts.port ?? 0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const state = createState(`http://${host.includes(":") ? `[${host}]` : host}:${port}`);
  const app = createStandInApp(state);

  const requireUser = (id: number) => {
    const user = state.users.get(id);
    if (!user) throw new Error(`No stand-in user with id ${id}`);
    return user;
  };

  return {
    url: state.webUrl,
    apiUrl: state.apiUrl,
    async close() {
      const closed = once(server, "close");
      server.close();
      // Keep-alive sockets of fetch and octokit would hold close() open.
      server.closeAllConnections();
      await closed;
    },
    registerApp(registration) {
      state.apps.set(registration.clientId, toApp(registration));
    },
    addUser(user) {
      const at = now(state);
      const { created_at: createdAt, ...fields } = user;
      state.users.set(user.id, {
        ...fields,
        name: user.name ?? null,
        createdAt: createdAt ? Date.parse(createdAt) : at,
        updatedAt: at,
      });
    },
    updateUser(id, patch) {
      Object.assign(requireUser(id), patch, { updatedAt: now(state) });
    },
    signIn(userId) {
      state.signedInUserId = requireUser(userId).id;
    },
    approve: (authorizeUrl, browser) => submitAuthorizeForm(authorizeUrl, "authorize", browser?.userId),
    deny: (authorizeUrl, browser) => submitAuthorizeForm(authorizeUrl, "cancel", browser?.userId),
    revokeAuthorization(clientId, userId) {
      revokeAllTokens(state, clientId, userId);
    },
    advanceTime(ms) {
      state.clockOffsetMs += ms;
    },
    setLatency(ms) {
      state.latencyMs = ms;
    },
    failNext(endpoint, failure, times = 1) {
      queueFailure(state, endpoint, failure, times);
    },
    get requests() {
      return state.requests;
    },
    tokenRequests: () =>
      state.requests.filter((r) => r.method === "POST" && r.path === "/login/oauth/access_token").length,
    refreshRequests: () => state.refreshRequests,
    isTokenValid: (accessToken) => findValidAccessToken(state, accessToken) !== null,
    revokedTokens: () => [...state.revokedTokens],
    revokedGrants: () => state.revokedGrants.map((grant) => ({ ...grant })),
    tokensFor: (userId) =>
      [...state.accessTokens.values()]
        .filter((record) => record.userId === userId && findValidAccessToken(state, record.token))
        .map((record) => record.token),
    facts: createFactsAdmin(state),
  };
}
