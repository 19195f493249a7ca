import type { RESTOptions } from "discord.js";
import { createPacer } from "./pacer.ts";

// Member look-ups, the server's roles, and a member's role changes: what role rules send.
const ROLE_TRAFFIC = /\/guilds\/\d+\/(?:roles|members\/\d+(?:\/roles\/\d+)?)(?:\?|$)/;

/**
 * discord.js's HTTP call (`send`), with role traffic held to `perSecond` at the moment it is sent (after
 * discord.js's own queues, which could otherwise release a backlog at once): a 10,000-member
 * sync then never takes more than its share of the 50 requests a second DMs and replies need.
 */
export function pacedRoleRequests(
  perSecond: number,
  send: RESTOptions["makeRequest"],
): RESTOptions["makeRequest"] {
  const pace = createPacer(perSecond);
  return async (url, init) => {
    // The path is all the pattern can match in a URL discord.js built: no need to parse it.
    if (ROLE_TRAFFIC.test(url)) await pace();
    return send(url, init);
  };
}
