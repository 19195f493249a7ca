import { ensureOrg, ensureRepo, sponsorshipKey } from "./facts-state.ts";
import type { RateResource } from "./rate-limits.ts";
import { now, type State } from "./state.ts";

/** How a test sets what GitHub knows about its users, and GitHub's rate limits. */
export interface GitHubFacts {
  /** Makes (or changes) `userId`'s membership of `org`; private and active unless said. */
  setOrgMembership(
    org: string,
    userId: number,
    membership?: { state?: "active" | "pending"; public?: boolean; role?: "member" | "admin" },
  ): void;
  removeOrgMembership(org: string, userId: number): void;
  setTeamMembership(team: `${string}/${string}`, userId: number, state?: "active" | "pending"): void;
  /** A repository GitHub knows (starring or a pull request adds it too). */
  addRepo(fullName: `${string}/${string}`): void;
  star(userId: number, repo: `${string}/${string}`): void;
  unstar(userId: number, repo: `${string}/${string}`): void;
  addPullRequest(repo: `${string}/${string}`, authorId: number, opts?: { merged?: boolean }): void;
  /** `sponsorId` sponsors `account` (a user or an org) for `monthlyDollars`; null ends it. */
  setSponsorship(sponsorId: number, account: string, monthlyDollars: number | null): void;
  /** A user's budget per window for a resource (GitHub: core 5000/h, search 30/min, graphql 5000/h). */
  setRateLimit(resource: RateResource, budget: { limit: number; windowMs: number }): void;
  /** The next `times` metered requests are refused for a secondary rate limit with this Retry-After. */
  limitSecondary(retryAfterSec: number, times?: number): void;
}

export function createFactsAdmin(state: State): GitHubFacts {
  const { facts } = state;
  return {
    setOrgMembership(org, userId, membership = {}) {
      ensureOrg(facts, org).members.set(userId, {
        state: membership.state ?? "active",
        role: membership.role ?? "member",
        public: membership.public ?? false,
      });
    },
    removeOrgMembership(org, userId) {
      const found = ensureOrg(facts, org);
      found.members.delete(userId);
      for (const team of found.teams.values()) team.delete(userId);
    },
    setTeamMembership(team, userId, teamState = "active") {
      const [orgLogin = "", slug = ""] = team.split("/");
      const org = ensureOrg(facts, orgLogin);
      const members = org.teams.get(slug.toLowerCase()) ?? new Map<number, "active" | "pending">();
      members.set(userId, teamState);
      org.teams.set(slug.toLowerCase(), members);
    },
    addRepo(fullName) {
      ensureRepo(facts, fullName);
    },
    star(userId, repo) {
      const starred = facts.stars.get(userId) ?? new Set<string>();
      starred.add(ensureRepo(facts, repo));
      facts.stars.set(userId, starred);
    },
    unstar(userId, repo) {
      facts.stars.get(userId)?.delete(repo.toLowerCase());
    },
    addPullRequest(repo, authorId, opts = {}) {
      const key = ensureRepo(facts, repo);
      const at = now(state);
      const number = facts.pullRequests.filter((pr) => pr.repo === key).length + 1;
      const merged = opts.merged ?? true;
      facts.pullRequests.push({
        id: facts.nextId++,
        number,
        repo: key,
        authorId,
        createdAt: at,
        mergedAt: merged ? at : null,
      });
    },
    setSponsorship(sponsorId, account, monthlyDollars) {
      const key = sponsorshipKey(sponsorId, account);
      if (monthlyDollars === null) facts.sponsorships.delete(key);
      else facts.sponsorships.set(key, monthlyDollars);
    },
    setRateLimit(resource, budget) {
      state.rateLimits.budgets[resource] = budget;
      for (const key of state.rateLimits.windows.keys()) {
        if (key.endsWith(` ${resource}`)) state.rateLimits.windows.delete(key);
      }
    },
    limitSecondary(retryAfterSec, times = 1) {
      for (let i = 0; i < times; i++) state.rateLimits.secondary.push(retryAfterSec);
    },
  };
}
