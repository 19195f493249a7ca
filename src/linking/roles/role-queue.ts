import { enqueueJobs, type MemberRolesJob, type RoleSyncJob, type Storage } from "../../storage/index.ts";

/** Writes role work to the outbox; a worker (this process's or another's) does it. */
export interface RoleQueue {
  /** The member's roles follow their link: written before the page or command answers. */
  settleMember(job: Omit<MemberRolesJob, "kind">, runAt?: Date): Promise<void>;
  syncGuild(job: Omit<RoleSyncJob, "kind">, id: string): Promise<void>;
}

export function createRoleQueue(deps: { storage: Storage; queued?: () => void }): RoleQueue {
  return {
    async settleMember(job, runAt = new Date()) {
      const id = `member_roles:${job.discordId}:${job.why}:${runAt.getTime()}`;
      await enqueueJobs(deps.storage, [{ id, job: { kind: "member_roles", ...job } }], runAt);
      deps.queued?.();
    },
    async syncGuild(job, id) {
      await enqueueJobs(deps.storage, [{ id, job: { kind: "role_sync", ...job } }]);
      deps.queued?.();
    },
  };
}
