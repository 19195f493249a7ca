import { AppError } from "./app-error.ts";

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
    super(
      410,
      "confirmation_used",
      "This was already answered",
      "This confirmation was already used.",
      "Return to Discord; /whoami shows your current link.",
    );
  }
}

export class LinkedRolesNotAllowedError extends AppError {
  constructor() {
    super(
      403,
      "linked_roles_not_allowed",
      "Discord did not allow the update",
      "Discord's sign-in did not give octolink permission to update your Linked Roles, so nothing was changed.",
      "Return to Discord, open the role's Linked Roles requirement again and allow octolink.",
    );
  }
}
