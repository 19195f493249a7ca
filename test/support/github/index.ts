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
export { githubAppAuthorizationRevoked } from "./webhook-payloads.ts";
export { deliveryIdAt, sendWebhook, signWebhook } from "./webhooks.ts";
