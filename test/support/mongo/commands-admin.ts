import type { Document } from "bson";
import os from "node:os";
import type { CommandContext, CommandHandler } from "./command-context.ts";
import { MAX_MESSAGE_BYTES } from "./wire.ts";

const VERSION = "7.0.0";
const MAX_WIRE_VERSION = 21;

/** Standalone (no `setName`, no `msg: "isdbgrid"`) so drivers never look for a replica set. */
function describeServer(command: Document, context: CommandContext, legacy: boolean): Document {
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    ...(command.helloOk === true ? { helloOk: true } : {}),
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
}

const describeBuild: CommandHandler = () => ({
  version: VERSION,
  gitVersion: "octolink-test-server",
  versionArray: [7, 0, 0, 0],
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ["memory"],
  javascriptEngine: "none",
  modules: [],
});

const describeLegacyServer: CommandHandler = (command, context) => describeServer(command, context, true);

const acknowledge: CommandHandler = () => ({});

export const adminCommands: Record<string, CommandHandler> = {
  hello: (command, context) => describeServer(command, context, false),
  isMaster: describeLegacyServer,
  ismaster: describeLegacyServer,
  ping: acknowledge,
  buildInfo: describeBuild,
  buildinfo: describeBuild,
  endSessions: acknowledge,
  killAllSessions: acknowledge,
  killSessions: acknowledge,
  getParameter: () => ({ featureCompatibilityVersion: { version: "7.0" } }),
  getLog: (command) =>
    command.getLog === "*" ? { names: ["global", "startupWarnings"] } : { totalLinesWritten: 0, log: [] },
  hostInfo: () => ({
    system: {
      currentTime: new Date(),
      hostname: os.hostname(),
      cpuAddrSize: 64,
      memSizeMB: Math.round(os.totalmem() / 1024 / 1024),
      numCores: os.cpus().length,
      cpuArch: os.arch(),
    },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
  }),
  serverStatus: (_command, context) => ({
    host: os.hostname(),
    version: VERSION,
    process: "mongod",
    pid: process.pid,
    uptime: Math.floor((Date.now() - context.startedAt) / 1000),
    uptimeMillis: Date.now() - context.startedAt,
    localTime: new Date(),
  }),
  getCmdLineOpts: () => ({ argv: process.argv, parsed: {} }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  whatsmyuri: (_command, context) => ({ you: context.peer }),
  listDatabases: (command, context) => {
    const names = context.store.listDatabaseNames();
    if (command.nameOnly === true) return { databases: names.map((name) => ({ name })) };
    return {
      databases: names.map((name) => ({ name, sizeOnDisk: 0, empty: false })),
      totalSize: 0,
    };
  },
};
