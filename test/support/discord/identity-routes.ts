import { type APIUser, Locale } from "discord-api-types/v10";
import { unauthorized } from "./discord-errors.ts";
import type { RouteDefinition } from "./router.ts";
import type { StandInState } from "./state.ts";

// Where the gateway is, and who the caller is (the bot, or an OAuth2 user with `identify`).
export function createIdentityRoutes(state: StandInState, gatewayUrl: string): RouteDefinition[] {
  return [
    {
      method: "GET",
      pattern: "/gateway",
      auth: "none",
      handle: () => ({ status: 200, body: { url: gatewayUrl } }),
    },
    {
      method: "GET",
      pattern: "/gateway/bot",
      auth: "bot",
      handle: () => ({
        status: 200,
        body: {
          url: gatewayUrl,
          shards: 1,
          session_start_limit: {
            total: 1000,
            remaining: Math.max(0, 1000 - state.identifies.length),
            reset_after: 86_400_000,
            max_concurrency: 1,
          },
        },
      }),
    },
    {
      method: "GET",
      pattern: "/users/@me",
      auth: "bot-or-bearer",
      handle: ({ caller }) => {
        if (caller.kind !== "bearer") return { status: 200, body: withPrivateFields(state.botUser) };
        const user = state.users.get(caller.userId);
        return user && caller.scopes.includes("identify")
          ? { status: 200, body: withPrivateFields(user) }
          : unauthorized();
      },
    },
  ];
}

/** /users/@me adds what only the user themself sees (the `identify` scope): mfa_enabled, locale. */
const withPrivateFields = (user: APIUser): APIUser => ({
  mfa_enabled: false,
  locale: Locale.EnglishUS,
  ...user,
});
