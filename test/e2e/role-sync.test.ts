import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRoleSyncSchedule } from "../../src/linking/roles/role-sync-schedule.ts";
import {
  claimScheduledRun,
  enqueueJobs,
  findLinkByDiscordId,
  listMemberGrants,
} from "../../src/storage/index.ts";
import { subcommand } from "../support/commands.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember, type Member } from "../support/members.ts";
import { addRule, linkRoles, waitForRoles } from "../support/roles.ts";

let h: Harness;
let moderator: Member;
beforeAll(async () => {
  h = await startHarness({ GITHUB_SCOPES: "read:user read:org" });
  moderator = createMember(h);
});
afterAll(async () => {
  await h?.stop();
});

const sync = () => linkRoles(h, moderator.discordId, subcommand("sync"));
const changesOf = (member: Member, roleId: string) =>
  h.discord.roleChanges().filter((c) => c.userId === member.discordId && c.roleId === roleId);

describe("/link-roles sync", () => {
  it("re-checks every linked member: grants, removes, skips who left, counts who could not be checked", async () => {
    const [inOrg, outside, left, revoked] = [
      createMember(h),
      createMember(h),
      createMember(h),
      createMember(h),
    ];
    h.github.facts.setOrgMembership("sync-org", inOrg.githubId);
    for (const member of [inOrg, outside, left, revoked]) await linkMember(h, member);
    await h.bot.deps.notifier.drain();
    h.discord.leaveGuild(left.discordId);
    h.github.revokeAuthorization(h.config.github.clientId, revoked.githubId);
    // Rules added after the members linked: only the sync gives them their roles.
    const verified = h.discord.addRole({ name: "Verified" });
    const orgRole = h.discord.addRole({ name: "Org" });
    await linkRoles(h, moderator.discordId, addRule(verified, "linked"));
    await linkRoles(h, moderator.discordId, addRule(orgRole, "org", "sync-org"));

    const first = await sync();
    expect(first.content).toBe(
      [
        "Checked 2 linked members of this server: 3 roles granted, 0 removed.",
        "1 member could not be checked: 1 needs to re-link with /link (their roles from octolink were removed).",
        "1 linked account not in this server was skipped.",
      ].join("\n"),
    );
    expect(h.discord.memberRoles(inOrg.discordId)?.sort()).toEqual([verified, orgRole].sort());
    expect(h.discord.memberRoles(outside.discordId)).toEqual([verified]);
    expect((await findLinkByDiscordId(h.bot.deps.storage, revoked.discordId))?.tokenStatus).toBe(
      "needs_relink",
    );
    expect(changesOf(inOrg, orgRole)[0]?.reason).toBe("octolink: member of GitHub org sync-org");

    // Left the org on GitHub: the next sync takes the role back, and only that one.
    h.github.facts.removeOrgMembership("sync-org", inOrg.githubId);
    const second = await sync();
    expect(second.content).toContain("Checked 2 linked members of this server: 0 roles granted, 1 removed.");
    expect(h.discord.memberRoles(inOrg.discordId)).toEqual([verified]);
    expect(changesOf(inOrg, orgRole).at(-1)).toMatchObject({
      method: "DELETE",
      reason: "octolink: no longer member of GitHub org sync-org",
    });
    expect((await listMemberGrants(h.bot.deps.storage, inOrg.discordId)).map((g) => g.roleId)).toEqual([
      verified,
    ]);

    // GitHub's limit spent for longer than a sync waits: counted, nothing removed.
    h.github.facts.setRateLimit("core", { limit: 0, windowMs: 3_600_000 });
    h.github.facts.setOrgMembership("sync-org", inOrg.githubId);
    const third = await sync();
    h.github.facts.setRateLimit("core", { limit: 5000, windowMs: 3_600_000 });
    expect(third.content).toContain(
      "3 members could not be checked: 1 needs to re-link with /link (their roles from octolink were removed); " +
        "2 hit GitHub's rate limit (checked again at the next sync).",
    );
    expect(h.discord.memberRoles(outside.discordId)).toEqual([verified]);
  });

  it("a second sync while one is queued or running is refused with a sentence", async () => {
    const soon = new Date(Date.now() + 60_000);
    const job = {
      kind: "role_sync",
      guildId: h.discord.guildId,
      actorId: null,
      sealedInteractionToken: null,
    } as const;
    await enqueueJobs(h.bot.deps.storage, [{ id: "role_sync:waiting", job }], soon);
    expect((await sync()).content).toBe(
      "A role sync of this server is already running; its result will be posted where it was started.",
    );
    await h.bot.deps.storage.outbox.deleteOne({ _id: "role_sync:waiting" }).exec();
    expect((await sync()).content).toContain("Checked 2 linked members");
  });
});

describe("the scheduled sync (ROLE_SYNC_INTERVAL)", () => {
  let s: Harness;
  beforeAll(async () => {
    s = await startHarness();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("re-checks members on its own, and only one process claims each run", async () => {
    const member = createMember(s);
    await linkMember(s, member);
    const role = s.discord.addRole({ name: "Scheduled" });
    await linkRoles(s, createMember(s).discordId, addRule(role, "linked"));
    // ROLE_SYNC_INTERVAL takes a minute at least; the schedule itself runs here every 300 ms.
    const schedule = startRoleSyncSchedule(s.bot.deps, 300);
    try {
      await waitForRoles(s, member.discordId, (roles) => roles.includes(role));
    } finally {
      schedule.stop();
    }
    expect(s.discord.roleChanges().find((c) => c.roleId === role)?.reason).toBe(
      "octolink: linked a GitHub account",
    );

    const at = new Date(Date.now() + 60_000);
    const claims = await Promise.all(
      ["worker-a", "worker-b", "worker-c"].map((owner) =>
        claimScheduledRun(s.bot.deps.storage, "test-schedule", 1000, owner, at),
      ),
    );
    const later = new Date(at.getTime() + 1000);
    const next = await Promise.all(
      ["worker-a", "worker-b"].map((owner) =>
        claimScheduledRun(s.bot.deps.storage, "test-schedule", 1000, owner, later),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(0);
    expect(next.filter(Boolean)).toHaveLength(1);
  });
});
