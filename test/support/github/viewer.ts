import type { Context } from "hono";
import { badCredentials, requiresAuthentication } from "./api-errors.ts";
import { readTokenAuth } from "./auth-header.ts";
import type { AccessToken, App, State, User } from "./state.ts";
import { findValidAccessToken } from "./tokens.ts";

export interface Viewer {
  user: User;
  token: AccessToken;
  app: App | undefined;
}

/** The user behind the request's token, or GitHub's 401 answer. */
export function readViewer(state: State, c: Context): Viewer | Response {
  const token = readTokenAuth(c.req.header("authorization"));
  if (token === null) return requiresAuthentication();
  const record = findValidAccessToken(state, token);
  const user = record && state.users.get(record.userId);
  if (!record || !user) return badCredentials();
  return { user, token: record, app: state.apps.get(record.clientId) };
}

// Any of these OAuth scopes reads org and team membership (read:org and the scopes above it).
const ORG_READING_SCOPES = ["read:org", "write:org", "admin:org"];

/**
 * Whether the token may read the viewer's membership of `org`: an OAuth App token needs
 * `read:org` (or a scope above it); a GitHub App's user token needs the app installed on the
 * org with the Members permission.
 */
export function canReadMembership(viewer: Viewer, org: string): boolean {
  if (viewer.app?.kind === "github-app") return viewer.app.membersPermissionOn.includes(org.toLowerCase());
  return viewer.token.scopes.some((scope) => ORG_READING_SCOPES.includes(scope));
}

export const findUserByLogin = (state: State, login: string): User | undefined =>
  [...state.users.values()].find((u) => u.login.toLowerCase() === login.toLowerCase());
