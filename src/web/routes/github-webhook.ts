import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  BadRequestError,
  PayloadTooLargeError,
  WebhookSignatureError,
  WebhooksDisabledError,
} from "../../errors/index.ts";
import { handleDeliveryOnce, markAuthorizationRevoked, type LinkingDeps } from "../../linking/index.ts";
import { isValidWebhookSignature } from "../verify-signature.ts";

// github_app_authorization deliveries are a few kilobytes; GitHub's own cap is 25 MB.
const MAX_BODY_BYTES = 1024 * 1024;
const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;

interface RevokedPayload {
  action?: unknown;
  sender?: { id?: unknown };
}

/**
 * GitHub sends `github_app_authorization` (action `revoked`) to a GitHub App's webhook when a
 * member revokes it; that is the one event that changes anything. Others are acknowledged
 * and ignored, so GitHub does not count them as failed deliveries.
 */
export function githubWebhookRoutes(deps: LinkingDeps) {
  return new Hono().post(
    "/webhooks/github",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError();
      },
    }),
    async (c) => {
      const secret = deps.config.github.webhookSecret;
      if (!secret) throw new WebhooksDisabledError();
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (!isValidWebhookSignature(secret, body, c.req.header("x-hub-signature-256")))
        throw new WebhookSignatureError();
      const payload = parseJson(body);
      const deliveryId = c.req.header("x-github-delivery") ?? "";
      if (!DELIVERY_ID.test(deliveryId))
        throw new BadRequestError("The delivery has no X-GitHub-Delivery id.");
      const event = c.req.header("x-github-event");
      const outcome = await handleDeliveryOnce(deps, deliveryId, async (sentAt) => {
        if (event !== "github_app_authorization" || payload.action !== "revoked") return null;
        const githubId = payload.sender?.id;
        if (typeof githubId !== "number" || !Number.isSafeInteger(githubId) || githubId <= 0)
          throw new BadRequestError("The revoked event has no sender id.");
        return markAuthorizationRevoked(deps, { githubId, revokedAt: sentAt });
      });
      if (outcome.duplicate) return c.json({ status: "duplicate" }, 200);
      if (outcome.result === null) return c.json({ status: "ignored" }, 202);
      return c.json({ status: "processed", linksFlagged: outcome.result });
    },
  );
}

function parseJson(body: Uint8Array): RevokedPayload {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
    if (parsed && typeof parsed === "object") return parsed as RevokedPayload;
  } catch {
    // Reported below, with the same message as a non-object body.
  }
  throw new BadRequestError("The webhook body is not a JSON object.");
}
