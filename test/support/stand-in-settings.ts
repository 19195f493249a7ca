import { createServer } from "node:net";
import type { DiscordStandIn } from "./discord/index.ts";
import type { GitHubStandIn } from "./github/index.ts";

export const GITHUB_CLIENT_ID = "Iv1.octolinktest";
export const GITHUB_CLIENT_SECRET = "github-client-secret-for-tests";
export const STATE_SECRET = "state-secret-for-tests-0123456789abcdef";
/** A fixed 32-byte key that varies byte to byte (a key of one repeated byte is refused at start). */
export const testKey = (seed: number): Buffer =>
  Buffer.from(Array.from({ length: 32 }, (_, i) => (seed * 31 + i * 7) % 256));
export const TOKEN_KEY = testKey(42).toString("base64");

/** A port nobody listens on right now, for a bot whose PUBLIC_URL must be known before it starts. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The .env of a bot that talks only to the stand-ins, as the tests, the process tests and the
 * benchmark start it; registers its callback URL with the GitHub stand-in as an operator would.
 */
export function standInSettings(s: {
  discord: DiscordStandIn;
  github: GitHubStandIn;
  mongoUri: string;
  port: number;
}): Record<string, string> {
  const publicUrl = `http://127.0.0.1:${s.port}`;
  s.github.registerApp({
    clientId: GITHUB_CLIENT_ID,
    clientSecret: GITHUB_CLIENT_SECRET,
    callbackUrl: `${publicUrl}/auth/github/callback`,
    name: "octolink",
  });
  return {
    DISCORD_TOKEN: s.discord.botToken,
    DISCORD_CLIENT_ID: s.discord.applicationId,
    DISCORD_API_URL: s.discord.apiUrl,
    GITHUB_CLIENT_ID,
    GITHUB_CLIENT_SECRET,
    GITHUB_URL: s.github.url,
    GITHUB_API_URL: s.github.apiUrl,
    PUBLIC_URL: publicUrl,
    HOST: "127.0.0.1",
    PORT: String(s.port),
    STATE_SECRET,
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
    MONGODB_URI: s.mongoUri,
  };
}
