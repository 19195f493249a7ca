import type { RoleGrant } from "../domain/index.ts";
import { nativeOf } from "./native.ts";
import type { Storage } from "./storage.ts";

export const GRANT_FIELDS = { _id: 0, guildId: 1, discordId: 1, roleId: 1, rules: 1, grantedAt: 1 } as const;

/** The roles octolink gave the member, in one server or (without `guildId`) everywhere. */
export const listMemberGrants = (
  storage: Storage,
  discordId: string,
  guildId?: string,
): Promise<RoleGrant[]> =>
  nativeOf<RoleGrant>(storage.roleGrants)
    .find(guildId === undefined ? { discordId } : { discordId, guildId }, { projection: GRANT_FIELDS })
    .toArray();

export async function recordGrant(storage: Storage, grant: RoleGrant): Promise<void> {
  const { guildId, discordId, roleId } = grant;
  await storage.roleGrants
    .updateOne(
      { discordId, guildId, roleId },
      { $set: { rules: grant.rules }, $setOnInsert: { grantedAt: grant.grantedAt } },
      { upsert: true },
    )
    .exec();
}

export async function forgetGrants(
  storage: Storage,
  selector: { discordId: string; guildId: string; roleId?: string },
): Promise<void> {
  const { discordId, guildId, roleId } = selector;
  await storage.roleGrants
    .deleteMany(roleId === undefined ? { discordId, guildId } : { discordId, guildId, roleId })
    .exec();
}
