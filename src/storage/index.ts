export { connectMongo, openStorageConnection, type StorageConnection } from "./connect.ts";
export { consumeLinkState, type LinkStateRecord, saveLinkState } from "./link-states.ts";
export {
  countLinksByGithubId,
  deleteLink,
  findLinkByDiscordId,
  type LinkRecord,
  type NewLink,
  saveLink,
} from "./links.ts";
export { createStorage, isStorageReady, type Storage } from "./storage.ts";
