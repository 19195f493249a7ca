import { MessageFlags } from "discord-api-types/v10";
import type { SentCommand } from "./discord/index.ts";
import type { Harness } from "./harness.ts";

let next = 0;

/** A Discord member and a GitHub user of their own, known to both stand-ins. */
export function createMember(h: Harness, github: { login?: string; name?: string | null } = {}) {
  next += 1;
  const discordId = `${100000000000000000n + BigInt(next)}`;
  const githubId = 5000 + next;
  const login = github.login ?? `octocat-${next}`;
  h.discord.addUser({ id: discordId, username: `member${next}`, global_name: `Member ${next}` });
  h.github.addUser({
    id: githubId,
    login,
    name: github.name === undefined ? `Octo Cat ${next}` : github.name,
    avatar_url: `${h.github.url}/avatars/${githubId}`,
  });
  return { discordId, githubId, login };
}

interface ButtonReply {
  data?: {
    content?: string;
    flags?: number;
    components?: Array<{ components?: Array<{ url?: string; label?: string }> }>;
  };
}

/** The URL behind the first link button of an interaction reply. */
export function buttonUrl(reply: unknown): string {
  const url = (reply as ButtonReply).data?.components?.[0]?.components?.[0]?.url;
  if (!url) throw new Error(`reply has no link button: ${JSON.stringify(reply)}`);
  return url;
}

/** Runs /link as the member and follows its button through GitHub's "Authorize", returning the callback URL. */
export async function authorizeViaLink(
  h: Harness,
  member: { discordId: string; githubId: number },
) {
  const command = await h.discord.sendCommand({
    name: "link",
    userId: member.discordId,
    guildId: h.discord.guildId,
  });
  const reply = await command.reply;
  const callbackUrl = await h.github.approve(buttonUrl(reply), { userId: member.githubId });
  return { command, reply, callbackUrl };
}

/**
 * The message a member ends up seeing for a command: its reply, or for a deferred reply the
 * edit that replaced "thinking…".
 */
export async function settledReply(h: Harness, command: SentCommand) {
  await command.reply;
  return h.discord.waitFor(() => {
    const message = h.discord.originalMessage(command.token);
    return message && ((message.flags ?? 0) & MessageFlags.Loading) === 0 ? message : undefined;
  });
}
