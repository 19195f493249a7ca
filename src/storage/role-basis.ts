import type { RoleGrant, RoleRule } from "../domain/index.ts";
import type { LinkRecord } from "./links.ts";
import { nativeOf } from "./native.ts";
import { GRANT_FIELDS } from "./role-grants.ts";
import { RULE_FIELDS } from "./role-rules.ts";
import type { Storage } from "./storage.ts";

/** Whose link it is and whether it can be checked; its tokens are read where they are used. */
const LINK_FIELDS = { _id: 0, discordId: 1, githubId: 1, githubLogin: 1, tokenStatus: 1 } as const;
type LinkStanding = Pick<LinkRecord, "discordId" | "githubId" | "githubLogin" | "tokenStatus">;

/** What a member's roles are settled against: every server's rules, what octolink gave them, their link. */
export interface RoleBasis {
  rules: RoleRule[];
  grants: RoleGrant[];
  link: LinkStanding | null;
}

type Part = { grant: RoleGrant } | { rule: RoleRule } | { link: LinkStanding };

/**
 * One command for the three reads (issue 16: each command costs the bot 150-300 µs of CPU,
 * and every link and unlink settles the member's roles). Each part is read as it is when the
 * command runs, as the separate reads were; each collection is read through its index.
 */
export async function findRoleBasis(storage: Storage, discordId: string): Promise<RoleBasis> {
  const parts = await nativeOf<RoleGrant>(storage.roleGrants)
    .aggregate<Part>([
      { $match: { discordId } },
      { $project: GRANT_FIELDS },
      { $replaceWith: { grant: "$$ROOT" } },
      {
        $unionWith: {
          coll: storage.roleRules.collection.collectionName,
          pipeline: [{ $project: RULE_FIELDS }, { $replaceWith: { rule: "$$ROOT" } }],
        },
      },
      {
        $unionWith: {
          coll: storage.links.collection.collectionName,
          pipeline: [
            { $match: { discordId } },
            { $limit: 1 },
            { $project: LINK_FIELDS },
            { $replaceWith: { link: "$$ROOT" } },
          ],
        },
      },
    ])
    .toArray();
  const basis: RoleBasis = { rules: [], grants: [], link: null };
  for (const part of parts) {
    if ("grant" in part) basis.grants.push(part.grant);
    else if ("rule" in part) basis.rules.push(part.rule);
    else basis.link = part.link;
  }
  return basis;
}
