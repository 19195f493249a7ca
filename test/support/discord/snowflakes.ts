import { randomBytes } from "node:crypto";

// Discord's epoch (2015-01-01); ids made this way sort by creation time like real ones and
// match the 17-19 digit pattern @discordjs/rest uses to find major parameters in routes.
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

export function generateSnowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Like Discord's: base64 "interaction:" then the interaction id and a random part. */
export function generateInteractionToken(interactionId: string): string {
  return `aW50ZXJhY3Rpb246${interactionId}:${generateToken(48)}`;
}

// Shaped like a real bot token (base64 id, timestamp, hmac) so code that sniffs the
// application id out of the token keeps working.
export function generateBotToken(applicationId: string): string {
  return [Buffer.from(applicationId).toString("base64url"), generateToken(4), generateToken(27)].join(".");
}
