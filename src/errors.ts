/**
 * Errors whose message is safe to show to a member or an API caller. The web layer maps them
 * to a page or JSON and the interaction dispatcher to an ephemeral reply, in one place each.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    message: string,
    readonly next = "Return to Discord and run /link again.",
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super(400, "bad_request", "That link is not valid", message);
  }
}

export class StateInvalidError extends AppError {
  constructor() {
    super(
      400,
      "invalid_state",
      "That link is not valid",
      "This sign-in link is damaged or was not made by octolink.",
    );
  }
}

export class StateExpiredError extends AppError {
  constructor() {
    super(
      410,
      "state_expired",
      "This link has expired",
      "Sign-in links from /link work for 10 minutes, and this one is older.",
    );
  }
}

export class StateUsedError extends AppError {
  constructor() {
    super(
      410,
      "state_used",
      "This link was already used",
      "Each sign-in link from /link works only once.",
      "If you just linked your account, you are done: check your DMs in Discord. Otherwise return to Discord and run /link again.",
    );
  }
}

export class StateReplacedError extends AppError {
  constructor() {
    super(
      410,
      "state_replaced",
      "A newer link replaced this one",
      "You ran /link again, so this older sign-in link no longer works.",
      "Use the button from your latest /link reply in Discord.",
    );
  }
}

export class CodeRejectedError extends AppError {
  constructor() {
    super(
      400,
      "code_rejected",
      "GitHub did not accept the sign-in",
      "GitHub turned this sign-in down, often because the page was reloaded, so nothing was linked.",
    );
  }
}

export class GitHubAccountTakenError extends AppError {
  constructor(login: string) {
    super(
      409,
      "github_account_taken",
      "That GitHub account is already linked",
      `The GitHub account ${login} is linked to another Discord member.`,
      "Sign in to GitHub with a different account, or ask that member to run /unlink first.",
    );
  }
}

export class GitHubUnavailableError extends AppError {
  constructor(readonly reason?: string) {
    super(
      502,
      "github_unavailable",
      "GitHub could not be reached",
      "GitHub did not answer as expected, so nothing was linked.",
      "Wait a minute, then return to Discord and run /link again.",
    );
  }
}

export class StorageUnavailableError extends AppError {
  constructor() {
    super(
      503,
      "storage_unavailable",
      "octolink is having trouble",
      "Our database is not reachable right now, so nothing was changed.",
      "Wait a minute, then return to Discord and run /link again.",
    );
  }
}

export class WrongDiscordAccountError extends AppError {
  /** `signedInAs` is the Discord username this browser signed in with; the link's owner stays unnamed. */
  constructor(signedInAs?: string) {
    super(
      403,
      "wrong_discord_account",
      "This link belongs to another Discord account",
      signedInAs
        ? `You signed in to Discord as @${signedInAs}, but this sign-in link was made for someone else, so nothing was linked.`
        : "This sign-in link was made for a different Discord account, so nothing was linked.",
      "Run /link yourself in Discord and use the button from your own reply.",
    );
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

export class InternalError extends AppError {
  constructor() {
    super(
      500,
      "internal_error",
      "Something went wrong",
      "octolink hit an unexpected problem, so nothing was changed.",
      "Wait a minute, then return to Discord and run /link again.",
    );
  }
}

export class NotLinkedError extends AppError {
  constructor() {
    super(
      404,
      "not_linked",
      "No linked GitHub account",
      "You have not linked a GitHub account yet.",
      "Run /link in Discord to connect your GitHub account.",
    );
  }
}

/** The stored link stands, but GitHub no longer accepts its token: expired, revoked, or refused. */
export class NeedsRelinkError extends AppError {
  constructor() {
    super(
      409,
      "needs_relink",
      "Your GitHub link needs renewing",
      "GitHub no longer accepts octolink's access to your account (it was revoked or has expired).",

      "Run /link in Discord to connect your GitHub account again.",
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

const STORAGE_DOWN =
  /^Mongo(ose)?(Network|NetworkTimeout|ServerSelection|NotConnected|TopologyClosed|PoolCleared)Error$/;
// GitHub and Discord calls wrap their failures in their own errors, so a bare socket error that
// gets this far came from the database driver (it surfaces EPIPE unwrapped when a server goes away).
const SOCKET_ERRORS = new Set(["EPIPE", "ECONNRESET", "ECONNREFUSED", "ETIMEDOUT"]);

/** Maps any thrown value to an error that is safe to show: storage outages become 503. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const { name, code } = (err ?? {}) as { name?: string; code?: unknown };
  if (STORAGE_DOWN.test(name ?? "") || SOCKET_ERRORS.has(String(code))) return new StorageUnavailableError();
  return new InternalError();
}


export class SignInIncompleteError extends AppError {
  constructor() {
    super(
      403,
      "sign_in_incomplete",
      "Start again from Discord",
      "This sign-in did not start from your /link button in this browser.",
      "Return to Discord, run /link again and use the new button in this browser.",
    );
  }
}

export class ConfirmationWrongBrowserError extends AppError {
  constructor() {
    super(
      403,
      "wrong_browser",
      "Confirm in the same browser",
      "This confirmation belongs to the browser that signed in to GitHub.",
      "Return to Discord, run /link again and finish in one browser.",
    );
  }
}

export class ConfirmationUsedError extends AppError {
  constructor() {
    super(410, "confirmation_used", "This was already answered", "This confirmation was already used.", "Return to Discord; /whoami shows your current link.");
  }
}

export class DiscordUnavailableError extends AppError {
  constructor() {
    super(502, "discord_unavailable", "Discord could not be reached", "Discord did not answer as expected, so nothing was linked.", "Try /link again in a minute.");
  }
}

export class CrossSiteRequestError extends AppError {
  constructor() {
    super(403, "cross_site_request", "Request refused", "This form can only be sent from octolink's own page.", "Return to Discord and run /link again.");
  }
}
