import type { GitHubAccount } from "../../domain/index.ts";
import { cancelJobs, countOpenJobs, enqueueJobs, type Storage } from "../../storage/index.ts";
import type { LinkGuards } from "./link-guard.ts";

export interface LinkedNotice {
  /** The confirmation this link came from: one DM and one reply edit per confirmation, however often written. */
  confirmationId: string;
  discordId: string;
  /** Sealed: outbox documents hold no plain token. Null: no /link reply to edit (a /linked-role sign-in). */
  sealedInteractionToken: string | null;
  account: GitHubAccount;
  /** Discord Linked Roles is on: push the member's role connection too. */
  pushRoleConnection?: boolean;
  /** The `linkedAt` the link is about to be written with: the jobs wait for that link. */
  linkedAt: Date;
  /** Past this, a link that is still not there never will be: the jobs are dropped. */
  decideBy: Date;
}

/** Says how the link write went, once it has; the DM and the edit follow only a link that stands. */
export interface PendingNotice {
  linkSaved(): void;
  linkRefused(): Promise<void>;
}

export interface RelinkNeededNotice {
  discordId: string;
  githubLogin: string;
  /** When the link was flagged: a later revocation of a later link is a new DM. */
  flaggedAt: Date;
}

export interface Notifier {
  /**
   * Writes the DM and the /link reply edit to the outbox before the link is written (see
   * link-guard.ts); a worker sends them once the link stands.
   */
  notifyLinked(notice: LinkedNotice): Promise<PendingNotice>;
  /** Writes a DM per member telling them GitHub no longer accepts their link and to run /link. */
  notifyRelinkNeeded(notices: RelinkNeededNotice[]): Promise<void>;
  /** Writes a DM telling the member the GitHub account's owner removed their link to it. */
  notifyRemovedByOwner(notice: { discordId: string; githubLogin: string; removedAt: Date }): Promise<void>;
  /** Writes a push of the member's Linked Roles connection as it will be when it runs; `cause` makes it one job. */
  notifyRoleConnection(notice: { discordId: string; cause: string }): Promise<void>;
  /** Resolves once every job written so far has finished (needs a running worker somewhere). */
  drain(): Promise<void>;
}

const roleConnectionJob = (discordId: string, cause: string) => ({
  id: `role_connection_push:${discordId}:${cause}`,
  job: { kind: "role_connection_push" as const, discordId },
});

/**
 * `queued` lets a worker in this process start at once instead of at its next poll; `guards`
 * tells it how this process's link writes went, so it need not ask MongoDB.
 */
export function createNotifier(deps: {
  storage: Storage;
  queued?: () => void;
  guards?: LinkGuards;
}): Notifier {
  const write = async (jobs: Parameters<typeof enqueueJobs>[1]) => {
    if (jobs.length === 0) return;
    await enqueueJobs(deps.storage, jobs);
    deps.queued?.();
  };
  return {
    async notifyLinked(n) {
      const dm = `linked_dm:${n.confirmationId}`;
      const reply = `linked_reply:${n.confirmationId}`;
      const token = n.sealedInteractionToken;
      const guard = { discordId: n.discordId, linkedAt: n.linkedAt, decideBy: n.decideBy };
      // The role connection push reads the link when it runs, so it waits for the link too.
      const push = n.pushRoleConnection
        ? { ...roleConnectionJob(n.discordId, n.confirmationId), guard }
        : null;
      const settle = deps.guards?.expect(push ? [dm, push.id] : [dm]);
      try {
        await enqueueJobs(deps.storage, [
          {
            id: dm,
            job: { kind: "linked_dm", discordId: n.discordId, account: n.account },
            guard,
            ...(token ? { unblocks: reply } : {}),
          },
          ...(token
            ? [
                {
                  id: reply,
                  job: {
                    kind: "linked_reply" as const,
                    discordId: n.discordId,
                    sealedInteractionToken: token,
                    account: n.account,
                  },
                  blocked: true,
                },
              ]
            : []),
          ...(push ? [push] : []),
        ]);
      } catch (err) {
        settle?.(false);
        throw err;
      }
      return {
        linkSaved() {
          settle?.(true);
          deps.queued?.();
        },
        async linkRefused() {
          settle?.(false);
          await cancelJobs(deps.storage, [dm, reply, ...(push ? [push.id] : [])]);
        },
      };
    },
    notifyRoleConnection: (n) => write([roleConnectionJob(n.discordId, n.cause)]),
    notifyRelinkNeeded: (notices) =>
      write(
        notices.map((n) => ({
          id: `relink_dm:${n.discordId}:${n.flaggedAt.getTime()}`,
          job: { kind: "relink_dm", discordId: n.discordId, githubLogin: n.githubLogin },
        })),
      ),
    notifyRemovedByOwner: (n) =>
      write([
        {
          id: `removed_by_owner_dm:${n.discordId}:${n.removedAt.getTime()}`,
          job: { kind: "removed_by_owner_dm", discordId: n.discordId, githubLogin: n.githubLogin },
        },
      ]),
    async drain() {
      while ((await countOpenJobs(deps.storage)) > 0) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
