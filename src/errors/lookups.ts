import { AppError } from "./app-error.ts";
import { TooManyRequestsError } from "./requests.ts";

export class GuildOnlyError extends AppError {
  constructor() {
    super(
      400,
      "guild_only",
      "Servers only",
      "This command works in a server, where it can tell who is a member.",
      "Run it in a channel of your server.",
    );
  }
}

/** Checked again when a moderator command runs: a server can change who may use it. */
export class ManageServerRequiredError extends AppError {
  constructor() {
    super(
      403,
      "manage_server_required",
      "Moderators only",
      "You need the Manage Server permission to use this command.",
      "Ask someone with Manage Server to run it.",
    );
  }
}

export class InvalidGithubLoginError extends AppError {
  constructor() {
    super(
      400,
      "invalid_login",
      "Not a GitHub login",
      "A GitHub login has 1 to 39 letters, digits or hyphens and does not start with a hyphen.",
      "Check the spelling and try again.",
    );
  }
}

/** The lookup API without a valid `Authorization: Bearer` key. */
export class ApiKeyRequiredError extends AppError {
  constructor() {
    super(
      401,
      "unauthorized",
      "API key required",
      "Send a valid API key as `Authorization: Bearer <secret>` (see API_KEYS).",
      "Ask the operator for a key.",
    );
  }
}

export class ApiInputError extends AppError {
  constructor(message: string) {
    super(400, "invalid_request", "Invalid request", message, "Fix the request and send it again.");
  }
}

export class LinkNotFoundError extends AppError {
  constructor() {
    super(
      404,
      "not_linked",
      "No link",
      "No Discord member is linked to that account.",
      "Check the id or login; the member may not have run /link.",
    );
  }
}

export class NotGuildMemberError extends AppError {
  constructor() {
    super(
      404,
      "not_a_member",
      "Not a member here",
      "That user is not a member of this server.",
      "Pick a member of this server.",
    );
  }
}

/** 429 for one API key; Retry-After is set where every TooManyRequestsError is mapped. */
export class ApiRateLimitedError extends TooManyRequestsError {
  constructor(retryAfterSec: number) {
    super(retryAfterSec);
    this.message = `Too many requests with this API key; try again in ${retryAfterSec} s.`;
  }
}
