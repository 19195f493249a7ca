import type { Org } from "./facts-state.ts";
import { sponsorshipKey } from "./facts-state.ts";
import type { State, User } from "./state.ts";
import { defaultAvatarUrl } from "./user-json.ts";

/**
 * The root fields that find an account by login: `user`, `organization` and
 * `repositoryOwner` (either). Each account is Sponsorable: the viewer's active sponsorship
 * of it, with its tier's monthly price, or null.
 */
export function ownerResolvers(state: State, viewer: User) {
  const findUser = (login: string) =>
    [...state.users.values()].find((u) => u.login.toLowerCase() === login.toLowerCase());
  const findOrg = (login: string) => state.facts.orgs.get(login.toLowerCase());
  const sponsorshipOf = (login: string) => () => {
    const dollars = state.facts.sponsorships.get(sponsorshipKey(viewer.id, login));
    return dollars === undefined ? null : { tier: { monthlyPriceInDollars: dollars } };
  };
  const user = ({ login }: { login: string }) => {
    const found = findUser(login);
    return found
      ? { ...renderUser(state, found), sponsorshipForViewerAsSponsor: sponsorshipOf(found.login) }
      : null;
  };
  const organization = ({ login }: { login: string }) => {
    const found = findOrg(login);
    return found ? { ...renderOrg(found), sponsorshipForViewerAsSponsor: sponsorshipOf(found.login) } : null;
  };
  return {
    user,
    organization,
    repositoryOwner: (args: { login: string }) => user(args) ?? organization(args),
  };
}

/** The fields of GraphQL's User the stand-in knows; anything else resolves to null. */
export function renderUser(state: State, user: User) {
  return {
    __typename: "User",
    id: Buffer.from(`04:User${user.id}`).toString("base64"),
    databaseId: user.id,
    login: user.login,
    name: user.name,
    avatarUrl: user.avatar_url ?? defaultAvatarUrl(user.id, state.webUrl),
    url: `${state.webUrl}/${user.login}`,
  };
}

function renderOrg(org: Org) {
  return {
    __typename: "Organization",
    id: Buffer.from(`04:Organization${org.id}`).toString("base64"),
    databaseId: org.id,
    login: org.login,
  };
}
