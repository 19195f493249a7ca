export { EXEMPT_ENDPOINTS } from "./exemptions.ts";
export { checkGraphqlRequest, githubGraphqlSchema } from "./graphql.ts";
export {
  assertNoViolations,
  provokeViolations,
  recordViolation,
  takeReport,
  takeViolations,
} from "./record.ts";
export { checkDiscordExchange, withDescriptionCheck } from "./stand-in-hooks.ts";
export { formatViolation, type Violation } from "./violations.ts";
export { checkWebhookPayload } from "./webhooks.ts";
