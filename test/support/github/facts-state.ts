/** What GitHub knows that role rules ask about: organizations, teams, stars, pull requests, sponsors. */
export interface FactsState {
  /** Lower-cased org login → its display login and members by user id. */
  orgs: Map<string, Org>;
  /** Lower-cased `owner/repo` → the spelling it was added with. */
  repos: Map<string, string>;
  /** User id → lower-cased `owner/repo` they starred. */
  stars: Map<number, Set<string>>;
  pullRequests: PullRequest[];
  /** `${sponsorId} ${lower-cased account}` → dollars a month. */
  sponsorships: Map<string, number>;
  nextId: number;
}

export interface OrgMembership {
  state: "active" | "pending";
  role: "member" | "admin";
  /** Shown on the org's public member list (only an active member can be). */
  public: boolean;
}

export interface Org {
  id: number;
  login: string;
  members: Map<number, OrgMembership>;
  /** Team slug → members by user id. */
  teams: Map<string, Map<number, "active" | "pending">>;
}

export interface PullRequest {
  id: number;
  number: number;
  repo: string;
  authorId: number;
  mergedAt: number | null;
  createdAt: number;
}

export function createFactsState(): FactsState {
  return {
    orgs: new Map(),
    repos: new Map(),
    stars: new Map(),
    pullRequests: [],
    sponsorships: new Map(),
    nextId: 9_000_001,
  };
}

export function ensureOrg(facts: FactsState, login: string): Org {
  const key = login.toLowerCase();
  let org = facts.orgs.get(key);
  if (!org) {
    org = { id: facts.nextId++, login, members: new Map(), teams: new Map() };
    facts.orgs.set(key, org);
  }
  return org;
}

export function ensureRepo(facts: FactsState, fullName: string): string {
  const key = fullName.toLowerCase();
  if (!facts.repos.has(key)) facts.repos.set(key, fullName);
  return key;
}

export const sponsorshipKey = (sponsorId: number, account: string): string =>
  `${sponsorId} ${account.toLowerCase()}`;
