import { AppError } from "./app-error.ts";

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

export class DiscordUnavailableError extends AppError {
  constructor() {
    super(
      502,
      "discord_unavailable",
      "Discord could not be reached",
      "Discord did not answer as expected, so nothing was linked.",
      "Try /link again in a minute.",
    );
  }
}
