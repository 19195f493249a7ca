import type { AuditEvent, GitHubAccount, LinkWebhookPayload } from "../../domain/index.ts";
import {
  cancelJobs,
  countOpenJobs,
  enqueueJobs,
  type LinkGuard,
  type NewOutboxJob,
  type OutboxJob,
  reviseJob,
  type Storage,
} from "../../storage/index.ts";
import type { LinkGuards } from "./link-guard.ts";
import type { OutboxWorker } from "./worker.ts";

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
  /** The link's audit event (linked or relinked, as far as the confirmation knows) and webhook. */
  audit: AuditNotice;
}

export interface UnlinkingNotice {
  /** The link about to be removed: the jobs wait for it to be gone. */
  link: { discordId: string; githubId: number; githubLogin: string; linkedAt: Date };
  /** Discord Linked Roles is on: push `linked: 0` too. */
  pushRoleConnection: boolean;
  /** The GitHub account's owner removed it: the member is told by DM. */
  dmRemovedByOwner?: boolean;
  /** Past this, a link still there was not removed by this unlink: the jobs are dropped. */
  decideBy: Date;
  audit: AuditNotice;
}

export interface FlaggingNotice {
  /** The link about to be flagged "needs re-link" at `flaggedAt`: the jobs wait for that flag. */
  link: { discordId: string; githubId: number; githubLogin: string; linkedAt: Date };
  flaggedAt: Date;
  /** Tell the member by DM to run /link again (a revocation on GitHub). */
  dm: boolean;
  /** Past this, a link still not flagged so never will be: the jobs are dropped. */
  decideBy: Date;
  audit: AuditNotice;
}

/** Says how the change went, once it has; its effects follow only a change that was made. */
export interface PendingNotice {
  /** `revised`: the audit event as the change turned out, when not as it was written. */
  changeMade(revised?: AuditEvent): Promise<void>;
  changeWithdrawn(): Promise<void>;
}

export interface RelinkNeededNotice {
  discordId: string;
  githubLogin: string;
  /** When the link was flagged: a later revocation of a later link is a new DM. */
  flaggedAt: Date;
}

export interface AuditNotice {
  /** One per change: the idempotency key of its jobs and the webhook's delivery id. */
  eventId: string;
  event: AuditEvent;
  /** The outgoing webhook's body, when the change is one and `LINK_WEBHOOK_URL` is set. */
  webhook: LinkWebhookPayload | null;
}

export interface Notifier {
  /**
   * Writes the DM and the /link reply edit to the outbox before the link is written (see
   * link-guard.ts); a worker sends them once the link stands.
   */
  notifyLinked(notice: LinkedNotice): Promise<PendingNotice>;
  /** Writes an unlink's role take-back, Linked Roles push, audit record, webhook and log posts before the delete. */
  notifyUnlinking(notice: UnlinkingNotice): Promise<PendingNotice>;
  /** Writes a "needs re-link" flag's role take-back, DM, audit record, webhook and log posts before the flag. */
  notifyFlagging(notice: FlaggingNotice): Promise<PendingNotice>;
  /** Writes a DM per member telling them GitHub no longer accepts their link and to run /link. */
  notifyRelinkNeeded(notices: RelinkNeededNotice[]): Promise<void>;
  /** Writes a push of the member's Linked Roles connection as it will be when it runs; `cause` makes it one job. */
  notifyRoleConnection(notice: { discordId: string; cause: string }): Promise<void>;
  /** Writes the outgoing webhook and log-channel posts of a change already made and recorded. */
  notifyAuditEvent(notice: AuditNotice): Promise<void>;
  /** Resolves once every job written so far has finished (needs a running worker somewhere). */
  drain(): Promise<void>;
}

const roleConnectionJob = (discordId: string, cause: string) => ({
  id: `role_connection_push:${discordId}:${cause}`,
  job: { kind: "role_connection_push" as const, discordId },
});

/**
 * The member's roles in every server with rules are settled by the same guarded write, so a
 * kill between the link and a later write cannot leave them ungranted until the next sync.
 * With a /link reply, its edit goes first and at once (its own Discord limit) and the DM follows
 * it, so a refused DM's correction of the reply can never be overwritten by the first edit.
 */
function linkedJobs(n: LinkedNotice): NewOutboxJob[] {
  const dm = `linked_dm:${n.confirmationId}`;
  const token = n.sealedInteractionToken;
  const { discordId, account } = n;
  const jobs: NewOutboxJob[] = [
    ...(token
      ? [
          {
            id: `linked_reply:${n.confirmationId}`,
            job: { kind: "linked_reply" as const, discordId, sealedInteractionToken: token, account },
            urgent: true,
            unblocks: dm,
          },
        ]
      : []),
    {
      id: dm,
      job: { kind: "linked_dm", discordId, account, ...(token ? { sealedInteractionToken: token } : {}) },
      blocked: token !== null,
    },
    ...(n.pushRoleConnection ? [roleConnectionJob(discordId, n.confirmationId)] : []),
    {
      id: `member_roles:${discordId}:linked:${n.confirmationId}`,
      job: {
        kind: "member_roles",
        discordId,
        githubId: account.id,
        githubLogin: account.login,
        why: "linked",
      },
    },
  ];
  // The first of the chain waits for the link (see link-guard.ts); a blocked one inherits its verdict.
  const guard = { discordId, linkedAt: n.linkedAt, decideBy: n.decideBy };
  return [
    ...jobs.map((job) => (job.blocked ? job : { ...job, guard })),
    ...guarded(auditJobs(n.audit, true), { ...guard, follows: "link-record" }),
  ];
}

/** The roles octolink gave go, Discord hears `linked: 0`, and the change is recorded and told. */
function unlinkingJobs(n: UnlinkingNotice): NewOutboxJob[] {
  const { discordId, githubId, githubLogin, linkedAt } = n.link;
  const cause = `unlinked:${n.audit.eventId}`;
  const jobs: NewOutboxJob[] = [
    {
      id: `member_roles:${discordId}:${cause}`,
      job: { kind: "member_roles", discordId, githubId, githubLogin, why: "unlinked" },
    },
    ...(n.pushRoleConnection ? [roleConnectionJob(discordId, cause)] : []),
    ...(n.dmRemovedByOwner ? [removedByOwnerDmJob(discordId, githubLogin, n.audit.eventId)] : []),
    ...auditJobs(n.audit, true),
  ];
  return guarded(jobs, { discordId, linkedAt, decideBy: n.decideBy, follows: "unlink" });
}

/** The roles octolink gave go until the member links again; the change is recorded and told. */
function flaggingJobs(n: FlaggingNotice): NewOutboxJob[] {
  const { discordId, githubId, githubLogin, linkedAt } = n.link;
  const jobs: NewOutboxJob[] = [
    {
      id: `member_roles:${discordId}:needs_relink:${n.audit.eventId}`,
      job: { kind: "member_roles", discordId, githubId, githubLogin, why: "needs_relink" },
    },
    ...(n.dm ? [relinkDmJob({ discordId, githubLogin, flaggedAt: n.flaggedAt })] : []),
    ...auditJobs(n.audit, true),
  ];
  const guard = { discordId, linkedAt, decideBy: n.decideBy, follows: "needs-relink" as const };
  return guarded(jobs, { ...guard, flaggedAt: n.flaggedAt });
}

const relinkDmJob = (n: RelinkNeededNotice): NewOutboxJob => ({
  id: `relink_dm:${n.discordId}:${n.flaggedAt.getTime()}`,
  job: { kind: "relink_dm", discordId: n.discordId, githubLogin: n.githubLogin },
});

const removedByOwnerDmJob = (discordId: string, githubLogin: string, eventId: string): NewOutboxJob => ({
  id: `removed_by_owner_dm:${discordId}:${eventId}`,
  job: { kind: "removed_by_owner_dm", discordId, githubLogin },
});

const guarded = (jobs: NewOutboxJob[], guard: LinkGuard) => jobs.map((job) => ({ ...job, guard }));

const auditPostsId = (n: AuditNotice) => `audit_posts:${n.eventId}`;
const auditPostsJob = (n: AuditNotice, record: boolean): OutboxJob => ({
  kind: "audit_posts",
  eventId: n.eventId,
  event: n.event,
  ...(record ? { record: true } : {}),
});

/** `record`: the job saves the audit record too (it was written before the change). */
function auditJobs(n: AuditNotice, record: boolean): NewOutboxJob[] {
  return [
    ...(n.webhook
      ? [
          {
            id: `link_webhook:${n.eventId}`,
            job: { kind: "link_webhook" as const, delivery: n.eventId, payload: n.webhook },
          },
        ]
      : []),
    { id: auditPostsId(n), job: auditPostsJob(n, record) },
  ];
}

/**
 * `worker`, this process's, takes what it has room for as it is written and runs it without a
 * claim, and is woken for the rest; `guards` tells it how this process's link writes went, so it
 * need not ask MongoDB.
 */
export function createNotifier(deps: {
  storage: Storage;
  worker?: Pick<OutboxWorker, "take" | "wake">;
  guards?: LinkGuards;
}): Notifier {
  const wakeFor = (left: NewOutboxJob[]) => {
    if (left.length > 0) deps.worker?.wake(left.some((j) => j.urgent));
  };
  /** Resolves with the jobs left for a claim (written due, not taken). */
  const enqueue = async (jobs: NewOutboxJob[]): Promise<NewOutboxJob[]> => {
    const now = new Date();
    const taking = deps.worker?.take(jobs, now);
    const written = taking?.jobs ?? jobs;
    let stored = new Set<string>();
    try {
      stored = await enqueueJobs(deps.storage, written, now);
    } finally {
      taking?.written(stored);
    }
    const left = written.filter((j) => !j.lease && !j.blocked);
    wakeFor(left);
    return left;
  };
  const write = async (jobs: NewOutboxJob[]) => {
    if (jobs.length > 0) await enqueue(jobs);
  };
  /**
   * One insert for the change's effects, written before it; the process making it then says how
   * it went (see link-guard.ts), and a refused change withdraws them.
   */
  const writeBefore = async (jobs: NewOutboxJob[], audit: AuditNotice): Promise<PendingNotice> => {
    const ids = jobs.map((j) => j.id);
    const settle = deps.guards?.expect(jobs.filter((j) => j.guard).map((j) => j.id));
    let left: NewOutboxJob[];
    try {
      left = await enqueue(jobs);
    } catch (err) {
      settle?.({ made: false });
      throw err;
    }
    return {
      async changeMade(revised) {
        const job = revised && auditPostsJob({ ...audit, event: revised }, true);
        try {
          // For a worker of another process, or this one's after a crash; this one's is told below.
          if (job) await reviseJob(deps.storage, auditPostsId(audit), job);
        } finally {
          settle?.({ made: true, ...(job ? { revised: { [auditPostsId(audit)]: job } } : {}) });
          wakeFor(left);
        }
      },
      async changeWithdrawn() {
        settle?.({ made: false });
        await cancelJobs(deps.storage, ids);
      },
    };
  };
  return {
    notifyLinked: (n) => writeBefore(linkedJobs(n), n.audit),
    notifyUnlinking: (n) => writeBefore(unlinkingJobs(n), n.audit),
    notifyFlagging: (n) => writeBefore(flaggingJobs(n), n.audit),
    notifyRoleConnection: (n) => write([roleConnectionJob(n.discordId, n.cause)]),
    notifyRelinkNeeded: (notices) => write(notices.map(relinkDmJob)),
    notifyAuditEvent: (n) => write(auditJobs(n, false)),
    async drain() {
      while ((await countOpenJobs(deps.storage)) > 0) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
