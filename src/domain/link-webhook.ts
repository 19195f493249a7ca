export type LinkWebhookEvent = "link.created" | "link.removed" | "link.needs_relink";

/** The JSON body of an outgoing webhook delivery; `at` is when the change happened (ISO 8601). */
export interface LinkWebhookPayload {
  event: LinkWebhookEvent;
  discordId: string;
  githubId: number;
  githubLogin: string;
  at: string;
}
