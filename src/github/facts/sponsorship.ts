import type { FactsRequester } from "./requester.ts";

// One query for a user or an organization: both are a RepositoryOwner and a Sponsorable.
const SPONSORSHIP_QUERY = `query Sponsorship($login: String!) {
  repositoryOwner(login: $login) {
    ... on Sponsorable {
      sponsorshipForViewerAsSponsor(activeOnly: true) { tier { monthlyPriceInDollars } }
    }
  }
}`;

interface SponsorshipData {
  repositoryOwner: {
    sponsorshipForViewerAsSponsor?: { tier: { monthlyPriceInDollars: number } | null } | null;
  } | null;
}

/**
 * What the member pays `account` a month through GitHub Sponsors, in dollars, or null when
 * they do not sponsor it (or it does not exist). A sponsorship whose tier GitHub does not
 * show counts as 0 dollars: sponsoring, but meeting no minimum.
 */
export async function monthlySponsorship(ask: FactsRequester, account: string): Promise<number | null> {
  const data = await ask.graphql<SponsorshipData>(SPONSORSHIP_QUERY, { login: account });
  const sponsorship = data.repositoryOwner?.sponsorshipForViewerAsSponsor;
  if (!sponsorship) return null;
  return sponsorship.tier?.monthlyPriceInDollars ?? 0;
}
