import type { Connection } from "mongoose";
import { defineLinkModel, type LinkModel } from "./models/link.ts";
import { defineLinkStateModel, type LinkStateModel } from "./models/link-state.ts";

/** What the storage functions need; created once per connection by the composition root. */
export interface Storage {
  connection: Connection;
  links: LinkModel;
  linkStates: LinkStateModel;
  allowSharedGithub: boolean;
}

export async function createStorage(connection: Connection, opts: { allowSharedGithub: boolean }): Promise<Storage> {
  const links = defineLinkModel(connection, { uniqueGithub: !opts.allowSharedGithub });
  const linkStates = defineLinkStateModel(connection);
  // syncIndexes, not just init, so flipping ALLOW_SHARED_GITHUB adds or drops the unique index.
  await Promise.all([links.syncIndexes(), linkStates.syncIndexes()]);
  return { connection, links, linkStates, allowSharedGithub: opts.allowSharedGithub };
}

export const isStorageReady = (storage: Storage): boolean => storage.connection.readyState === 1;
