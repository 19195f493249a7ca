import type { RoleFact } from "./role-rule.ts";

/**
 * A role octolink gave a member itself, and the rules that made it: only these are ever
 * taken away again. A role a person gave is never recorded here.
 */
export interface RoleGrant {
  guildId: string;
  discordId: string;
  roleId: string;
  rules: RoleFact[];
  grantedAt: Date;
}
