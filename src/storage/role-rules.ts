import type { RoleRule } from "../domain/index.ts";
import type { Storage } from "./storage.ts";

export const RULE_FIELDS = { _id: 0, guildId: 1, roleId: 1, kind: 1, target: 1 } as const;

/** False when the server already has that rule: the unique index settles two moderators racing. */
export async function addRoleRule(storage: Storage, rule: RoleRule, createdBy: string): Promise<boolean> {
  try {
    await storage.roleRules.create({ ...rule, createdBy, createdAt: new Date() });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}

/** Removes the role's rules, or only those of `kind` (and `target`); returns what was removed. */
export async function removeRoleRules(
  storage: Storage,
  selector: Pick<RoleRule, "guildId" | "roleId"> & Partial<Pick<RoleRule, "kind" | "target">>,
): Promise<RoleRule[]> {
  const filter = Object.fromEntries(Object.entries(selector).filter(([, v]) => v !== undefined));
  const found = await storage.roleRules.find(filter, RULE_FIELDS).lean<RoleRule[]>().exec();
  if (found.length > 0) await storage.roleRules.deleteMany(filter).exec();
  return found;
}

export const listRoleRules = (storage: Storage, guildId: string): Promise<RoleRule[]> =>
  storage.roleRules.find({ guildId }, RULE_FIELDS).sort({ roleId: 1, kind: 1 }).lean<RoleRule[]>().exec();

export const listGuildsWithRules = (storage: Storage): Promise<string[]> =>
  storage.roleRules.distinct("guildId").exec();
