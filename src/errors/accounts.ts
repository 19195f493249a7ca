import { AppError } from "./app-error.ts";

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
