import { ConfigError, parseConfig } from "../../src/config.ts";
import { testKey } from "./stand-in-settings.ts";

/** The fewest settings that start octolink; config tests add or change one at a time. */
export const validSettings = {
  DISCORD_TOKEN: "bot-token",
  DISCORD_CLIENT_ID: "123456789012345678",
  GITHUB_CLIENT_ID: "Iv1.abc",
  GITHUB_CLIENT_SECRET: "gh-secret",
  PUBLIC_URL: "https://octolink.example.com/",
  STATE_SECRET: "s".repeat(32),
  TOKEN_ENCRYPTION_KEY: testKey(1).toString("base64"),
};

/** The problems the start-up message would list for `env`; none when it parses. */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
