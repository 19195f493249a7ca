import { AppError } from "./app-error.ts";

/** Checked again when /link-roles runs: a server can change who may use it. */
export class ManageRolesRequiredError extends AppError {
  constructor() {
    super(
      403,
      "manage_roles_required",
      "Moderators only",
      "You need the Manage Roles permission to use this command.",
      "Ask someone with Manage Roles to run it.",
    );
  }
}

/** A rule's target that does not fit its kind (`team` needs `org/team`, say). */
export class InvalidRuleTargetError extends AppError {
  constructor(message: string, example: string) {
    super(400, "invalid_rule_target", "That rule's target is not valid", message, `For example: ${example}.`);
  }
}

/** A role octolink could never give or take (too high, an integration's, @everyone). */
export class UnmanageableRoleError extends AppError {
  constructor(why: string, next: string) {
    super(409, "unmanageable_role", "octolink cannot manage that role", why, next);
  }
}
