import { AppError } from "./app-error.ts";

export class BadRequestError extends AppError {
  constructor(message: string) {
    super(400, "bad_request", "That link is not valid", message);
  }
}

export class TooManyRequestsError extends AppError {
  /** `retryAfterSec` is also what a Retry-After header should carry. */
  constructor(readonly retryAfterSec = 60) {
    super(
      429,
      "too_many_requests",
      "Too many tries",
      "octolink got a lot of sign-in attempts from you in a short time, so it paused this one.",
      `Wait ${describeWait(retryAfterSec)}, then return to Discord and run /link again.`,
    );
  }
}

function describeWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return whole === 1 ? "a second" : `${whole} seconds`;
  const minutes = Math.ceil(whole / 60);
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}

export class NotFoundError extends AppError {
  constructor() {
    super(
      404,
      "not_found",
      "Page not found",
      "There is nothing at this address.",
      "Return to Discord and use /link to get a sign-in button.",
    );
  }
}

/** A webhook delivery that GitHub did not sign with GITHUB_WEBHOOK_SECRET. */
export class WebhookSignatureError extends AppError {
  constructor() {
    super(
      401,
      "bad_signature",
      "Signature does not match",
      "The X-Hub-Signature-256 header is missing or does not match GITHUB_WEBHOOK_SECRET.",
      "Set the same secret in the GitHub App's webhook settings and in GITHUB_WEBHOOK_SECRET.",
    );
  }
}

/** Unsigned deliveries cannot be trusted, so without a secret there is no webhook at all. */
export class WebhooksDisabledError extends AppError {
  constructor() {
    super(
      404,
      "webhooks_disabled",
      "Webhooks are off",
      "GitHub webhooks are not enabled here: set GITHUB_WEBHOOK_SECRET to turn them on.",
      "Set GITHUB_WEBHOOK_SECRET and restart octolink.",
    );
  }
}

export class PayloadTooLargeError extends AppError {
  constructor() {
    super(
      413,
      "payload_too_large",
      "Request too large",
      "The request body is larger than octolink accepts.",
      "Send a smaller request.",
    );
  }
}

export class CrossSiteRequestError extends AppError {
  constructor() {
    super(
      403,
      "cross_site_request",
      "Request refused",
      "This form can only be sent from octolink's own page.",
      "Return to Discord and run /link again.",
    );
  }
}
