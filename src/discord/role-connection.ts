import type { Config } from "../config.ts";
import type { GitHubStanding } from "../domain/index.ts";
import { DiscordUnavailableError } from "../errors/index.ts";
import { callDiscord } from "./oauth-tokens.ts";

// Discord's metadata types: 2 INTEGER_GREATER_THAN_OR_EQUAL, 7 BOOLEAN_EQUAL.
const INTEGER_AT_LEAST = 2;
const BOOLEAN_EQUAL = 7;

/**
 * What a server admin can require of a member's GitHub account in Discord's role settings
 * (keys a-z0-9_ up to 50, names up to 100, descriptions up to 200 characters; at most five).
 */
export const ROLE_CONNECTION_METADATA = [
  {
    type: BOOLEAN_EQUAL,
    key: "linked",
    name: "GitHub account linked",
    description: "Has linked a GitHub account with octolink",
  },
  {
    type: INTEGER_AT_LEAST,
    key: "account_age_days",
    name: "GitHub account age (days)",
    description: "Days since the GitHub account was created, at least",
  },
  {
    type: INTEGER_AT_LEAST,
    key: "public_repos",
    name: "Public repositories",
    description: "Public repositories on GitHub, at least",
  },
  {
    type: INTEGER_AT_LEAST,
    key: "followers",
    name: "GitHub followers",
    description: "Followers on GitHub, at least",
  },
] as const;

export const PLATFORM_NAME = "GitHub";
const MAX_USERNAME = 100;
const DAY_MS = 86_400_000;

/** Cut to Discord's limit, marked as cut, rather than refused: the values matter more than the label. */
const fitTo = (value: string, max: number) =>
  [...value].length <= max ? value : `${[...value].slice(0, max - 1).join("")}…`;

/**
 * The role connection for a member: linked with their numbers, or (not linked) explicit zeros.
 * Values are strings and booleans "1"/"0" (Discord ignores `true`), and never an empty object:
 * Discord answers 200 to empty metadata but keeps the old values.
 */
export function roleConnectionOf(standing: GitHubStanding | null, now = Date.now()) {
  const count = (n: number) => String(Math.max(0, Math.floor(n)));
  return {
    platform_name: PLATFORM_NAME,
    platform_username: standing ? fitTo(standing.login, MAX_USERNAME) : null,
    metadata: {
      linked: standing ? "1" : "0",
      account_age_days: count(standing ? (now - standing.createdAt.getTime()) / DAY_MS : 0),
      public_repos: count(standing?.publicRepos ?? 0),
      followers: count(standing?.followers ?? 0),
    },
  };
}

export type RoleConnection = ReturnType<typeof roleConnectionOf>;

/** PUT with the member's own token; "unauthorized" when Discord no longer takes that token. */
export async function putRoleConnection(
  config: Config,
  accessToken: string,
  connection: RoleConnection,
): Promise<"pushed" | "unauthorized"> {
  const url = `${config.discord.apiUrl}/v10/users/@me/applications/${config.discord.clientId}/role-connection`;
  const res = await callDiscord(url, {
    method: "PUT",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(connection),
  });
  await res.body?.cancel();
  if (res.status === 401) return "unauthorized";
  if (!res.ok) throw new DiscordUnavailableError();
  return "pushed";
}
