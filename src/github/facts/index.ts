export { createAnswerCache, type AnswerCache } from "./answer-cache.ts";
export { graphqlUrl } from "./graphql-url.ts";
export { tokenAccepted } from "./linked.ts";
export { factHolds, questionOf, type FactAnswer, type FactQuestion } from "./questions.ts";
export { GitHubRateLimitedError } from "./rate-limits.ts";
export { createFactsRequester, type FactsRequester } from "./requester.ts";
export { parseTarget, type FactTarget } from "./targets.ts";
