export type { GitHubFacts } from "./facts-admin.ts";
export { startGitHubStandIn } from "./server.ts";
export type {
  AppRegistration,
  BrowserOptions,
  Failure,
  FaultEndpoint,
  GitHubStandIn,
  RecordedRequest,
  StandInUserInput,
  UserPatch,
} from "./types.ts";
export type { GitHubUrls } from "./user-json.ts";
export { appPing, githubAppAuthorizationRevoked, installationDeleted } from "./webhook-payloads.ts";
export { deliveryIdAt, sendWebhook, signWebhook } from "./webhooks.ts";
