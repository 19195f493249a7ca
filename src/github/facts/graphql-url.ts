/**
 * GitHub's GraphQL endpoint for a REST base URL: Enterprise Server serves REST under
 * `/api/v3` and GraphQL at `/api/graphql`; api.github.com (or a proxy) at `{base}/graphql`.
 */
export const graphqlUrl = (apiUrl: string): string => {
  const base = apiUrl.replace(/\/+$/, "");
  return base.endsWith("/api/v3") ? `${base.slice(0, -"/v3".length)}/graphql` : `${base}/graphql`;
};
