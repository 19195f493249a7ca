export { createAnswerCache, type AnswerCache } from "./answer-cache.ts";
export { factHolds, questionOf, type FactAnswer, type FactQuestion } from "./questions.ts";
export { GitHubRateLimitedError } from "./rate-limits.ts";
export { createFactsRequester, graphqlUrl, type FactsRequester } from "./requester.ts";
export { parseTarget, type FactTarget } from "./targets.ts";
