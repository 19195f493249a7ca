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
