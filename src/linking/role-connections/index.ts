export { discordAccessFor, forgetDiscordGrant } from "./discord-token.ts";
export { ROLE_CONNECTIONS_SCOPE, keepDiscordGrant } from "./keep-discord-grant.ts";
export {
  acceptLinkedRoleSignIn,
  beginLinkedRoleSignIn,
  type LinkedRoleOutcome,
} from "./linked-role-sign-in.ts";
export { pushRoleConnection } from "./push-role-connection.ts";
export {
  refreshRoleConnections,
  scheduleRoleConnectionRefresh,
  type RefreshCount,
} from "./refresh-role-connections.ts";
