import type { SyncTally } from "../domain/index.ts";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The `/link-roles sync` result a moderator reads (and the log channel gets after a scheduled sync). */
export function describeSyncTally(tally: SyncTally): string {
  const lines = [
    `Checked ${plural(tally.checked, "linked member")} of this server: ` +
      `${plural(tally.granted, "role")} granted, ${tally.removed} removed.`,
  ];
  const unchecked = tally.needsRelink + tally.rateLimited + tally.failed;
  if (unchecked > 0) {
    const why = [
      tally.needsRelink > 0 &&
        `${tally.needsRelink} need${tally.needsRelink === 1 ? "s" : ""} to re-link with /link (their roles from octolink were removed)`,
      tally.rateLimited > 0 &&
        `${tally.rateLimited} hit GitHub's rate limit (checked again at the next sync)`,
      tally.failed > 0 &&
        `${tally.failed} could not be reached at GitHub or Discord (checked again at the next sync)`,
    ].filter(Boolean);
    lines.push(`${plural(unchecked, "member")} could not be checked: ${why.join("; ")}.`);
  }
  if (tally.refused > 0)
    lines.push(
      `Discord refused ${plural(tally.refused, "role change")}: octolink needs Manage Roles and its role above ` +
        "those roles (Server Settings → Roles).",
    );
  if (tally.notMembers > 0)
    lines.push(
      `${plural(tally.notMembers, "linked account")} not in this server ${tally.notMembers === 1 ? "was" : "were"} skipped.`,
    );
  return lines.join("\n");
}
