import { describe, expect, it } from "vitest";
import {
  createAnswerCache,
  factHolds,
  graphqlUrl,
  parseTarget,
  questionOf,
} from "../src/github/facts/index.ts";
import { fact } from "./support/role-facts.ts";

describe("GraphQL endpoint from GITHUB_API_URL", () => {
  it("api.github.com and proxies: {base}/graphql; Enterprise Server's /api/v3: /api/graphql", () => {
    expect(graphqlUrl("https://api.github.com")).toBe("https://api.github.com/graphql");
    expect(graphqlUrl("https://proxy.example/github/")).toBe("https://proxy.example/github/graphql");
    expect(graphqlUrl("https://ghe.example.com/api/v3")).toBe("https://ghe.example.com/api/graphql");
    expect(graphqlUrl("https://ghe.example.com/api/v3/")).toBe("https://ghe.example.com/api/graphql");
  });
});

describe("rule targets", () => {
  it("reads each kind's target, and refuses what GitHub could not name", () => {
    expect(parseTarget(fact("team", "acme/core"))).toEqual({ kind: "team", org: "acme", slug: "core" });
    expect(parseTarget(fact("sponsor", "octocat:5"))).toEqual({
      kind: "sponsor",
      account: "octocat",
      minimumDollars: 5,
    });
    expect(parseTarget(fact("sponsor", "octocat"))).toMatchObject({ minimumDollars: 0 });
    for (const bad of [
      fact("org", "acme/core"),
      fact("team", "acme"),
      fact("stargazer", "../x"),
      fact("sponsor", "a:b"),
      fact("org", null),
    ])
      expect(parseTarget(bad)).toBeNull();
  });

  it("a fact GitHub cannot be asked about never holds; linked always does", () => {
    expect(questionOf(fact("org", "not an org"))).toBeNull();
    expect(factHolds(fact("org", "not an org"), true)).toBe(false);
    expect(factHolds(fact("linked"), undefined)).toBe(true);
  });
});

describe("the answer cache", () => {
  it("keeps at most its bound, dropping the least recently used, apart per token", () => {
    const cache = createAnswerCache(2);
    cache.set("gho_a", "https://x/1", { etag: '"1"', value: true });
    cache.set("gho_a", "https://x/2", { etag: '"2"', value: false });
    expect(cache.get("gho_a", "https://x/1")?.etag).toBe('"1"');
    cache.set("gho_b", "https://x/1", { etag: '"3"', value: true });
    expect(cache.size).toBe(2);
    expect(cache.get("gho_a", "https://x/2")).toBeUndefined();
    expect(cache.get("gho_a", "https://x/1")?.etag).toBe('"1"');
    expect(cache.get("gho_b", "https://x/1")?.etag).toBe('"3"');
  });
});
