import type { RestReply } from "./router.ts";

// Bodies exactly as Discord sends them, so DiscordAPIError carries the right code and message.
export function replyError(status: number, code: number, message: string, errors?: unknown): RestReply {
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

export const notFound = (): RestReply => replyError(404, 0, "404: Not Found");
export const unauthorized = (): RestReply => replyError(401, 0, "401: Unauthorized");
export const unknownChannel = (): RestReply => replyError(404, 10003, "Unknown Channel");
export const unknownMessage = (): RestReply => replyError(404, 10008, "Unknown Message");
export const unknownUser = (): RestReply => replyError(404, 10013, "Unknown User");
export const unknownWebhook = (): RestReply => replyError(404, 10015, "Unknown Webhook");
export const unknownInteraction = (): RestReply => replyError(404, 10062, "Unknown interaction");
export const unknownGuild = (): RestReply => replyError(404, 10004, "Unknown Guild");
export const unknownMember = (): RestReply => replyError(404, 10007, "Unknown Member");
export const missingPermissions = (): RestReply => replyError(403, 50013, "Missing Permissions");
export const missingAccess = (): RestReply => replyError(403, 50001, "Missing Access");
export const invalidWebhookToken = (): RestReply => replyError(401, 50027, "Invalid Webhook Token");
export const alreadyAcknowledged = (): RestReply =>
  replyError(400, 40060, "Interaction has already been acknowledged.");
export const cannotMessageUser = (): RestReply => replyError(403, 50007, "Cannot send messages to this user");
export const emptyMessage = (): RestReply => replyError(400, 50006, "Cannot send an empty message");

/** 50035 with Discord's nested `errors` shape, e.g. {content: {_errors: [...]}}. */
export function invalidFormBody(field: string, code: string, message: string): RestReply {
  const errors: Record<string, unknown> = {};
  let cursor = errors;
  const path = field.split(".");
  for (const [index, key] of path.entries()) {
    const next: Record<string, unknown> = index === path.length - 1 ? { _errors: [{ code, message }] } : {};
    cursor[key] = next;
    cursor = next;
  }
  return replyError(400, 50035, "Invalid Form Body", errors);
}
