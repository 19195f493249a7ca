import mongoose, { type ConnectOptions } from "mongoose";
import { randomUUID } from "node:crypto";
import { clientOptions } from "../src/storage/connect.ts";
import {
  createStorage,
  findLinkByDiscordId,
  findLinkStart,
  findRoleBasis,
  saveLinkState,
  savePendingLink,
  type Storage,
} from "../src/storage/index.ts";
import { nativeOf } from "../src/storage/native.ts";
import { readProcessCpuMs } from "./memory.ts";
import { startBenchMongo } from "./mongo-child.ts";

/**
 * `npx tsx bench/mongo-client-cost.ts [ops] [rounds] [options|styles]`: the bot's CPU per MongoDB
 * command in the driver and Mongoose (issue 16), one command in flight at a time (BENCH_IN_FLIGHT), against the
 * test server in a child process (its CPU is reported apart; a real MongoDB with
 * MONGODB_TEST_URI works too). `options`: the bot's hot commands under each client option;
 * `styles`: ways of sending the same command, and the link's reads before and after they were
 * merged. Every client is open at once; each figure is the median of `rounds` batches of `ops`
 * commands, every command and client taking its turn in each round.
 * A raw loopback ping-pong costs ~16 µs. Writes nothing.
 */
const OPS = Number(process.argv[2] ?? 600);
const ROUNDS = Number(process.argv[3] ?? 7);
const sections = process.argv[4] ? [process.argv[4]] : ["options", "styles"];
/** Commands in flight at once (BENCH_IN_FLIGHT, 1 by default): the bot under load has several. */
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 1);

type Command = (s: Storage, i: number) => Promise<unknown>;

/** Client options beside the bot's own (`clientOptions` in src/storage/connect.ts). */
const OPTIONS: Record<string, ConnectOptions> = {
  "the bot's": {},
  "enableUtf8Validation: false": { enableUtf8Validation: false },
  "maxPoolSize: 4": { maxPoolSize: 4 },
  "minPoolSize: 4": { minPoolSize: 4 },
  "maxConnecting: 8": { maxConnecting: 8 },
  'serverMonitoringMode: "poll"': { serverMonitoringMode: "poll" },
  "heartbeatFrequencyMS: 60000": { heartbeatFrequencyMS: 60_000 },
  "retryReads, retryWrites: false": { retryReads: false, retryWrites: false },
  'readPreference: "primary"': { readPreference: "primary" },
  "ignoreUndefined: true": { ignoreUndefined: true },
  "promoteLongs: false": { promoteLongs: false },
};

let serial = 0;
const member = (i: number) => `member${i % 500}`;
const seededNonces: string[] = [];
const nonceOf = (i: number) => seededNonces[i % seededNonces.length] as string;
const newState = () => ({
  nonce: randomUUID(),
  discord: { id: `d${++serial}`, username: "member", displayName: null, avatarUrl: null },
  guildId: "g1",
  interactionToken: "sealed",
  expiresAt: new Date(Date.now() + 600_000),
});
const linkStates = (s: Storage) =>
  nativeOf<{ _id: string; discordId: string; expiresAt: Date }>(s.linkStates);

/** The link's commands, as the bot sends them. */
const HOT: Record<string, Command> = {
  "findOne links": (s, i) => findLinkByDiscordId(s, member(i)),
  "find().toArray() link_states": (s, i) =>
    linkStates(s)
      .find({ discordId: `d${i % 500}` }, { projection: { _id: 0, expiresAt: 1 } })
      .toArray(),
  "aggregate $unionWith (/link's reads)": (s, i) => findLinkStart(s, member(i)),
  "findOneAndUpdate + projection": (s, i) =>
    linkStates(s).findOneAndUpdate(
      { _id: nonceOf(i), expiresAt: { $gt: new Date() } },
      { $set: { browserHash: `b${i}` } },
      { returnDocument: "after", projection: { browserHash: 0, usedAt: 0 } },
    ),
  updateOne: (s, i) => linkStates(s).updateOne({ _id: nonceOf(i) }, { $set: { browserHash: `b${i}` } }),
  "bulkWrite (saveLinkState)": (s) => saveLinkState(s, newState()),
  "insertOne (savePendingLink)": (s) =>
    savePendingLink(s, {
      id: randomUUID(),
      browserHash: "h",
      discord: newState().discord,
      guildId: "g1",
      github: { id: ++serial, login: "octo", name: null, avatarUrl: null, profileUrl: "https://x/octo" },
      scopes: ["read:user"],
      tokens: { accessToken: "sealed", refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null },
      interactionToken: "sealed",
      replaces: null,
      expiresAt: new Date(Date.now() + 600_000),
    }),
  "insertMany, 4 jobs": (s) =>
    nativeOf<{ _id: string }>(s.outbox).insertMany(
      [0, 1, 2, 3].map((k) => ({
        _id: `${randomUUID()}:${k}`,
        job: { kind: "linked_dm" },
        dueAt: new Date(),
      })),
      { ordered: false },
    ),
};

/** The same work sent other ways; "before"/"after": the link's reads as 03d4a5b sent them, and now. */
const STYLES: Record<string, Command> = {
  "ping (the driver's floor)": (s) => s.connection.db?.command({ ping: 1 }) ?? Promise.resolve(),
  "findOne (native)": (s, i) => findLinkByDiscordId(s, member(i)),
  "find().limit(1).toArray()": (s, i) =>
    nativeOf(s.links)
      .find({ discordId: member(i) })
      .limit(1)
      .toArray(),
  "db.command({ find, singleBatch })": (s, i) =>
    s.connection.db?.command({
      find: "links",
      filter: { discordId: member(i) },
      limit: 1,
      singleBatch: true,
    }) ?? Promise.resolve(),
  "aggregate([{ $match }]).toArray()": (s, i) =>
    nativeOf(s.links)
      .aggregate([{ $match: { discordId: member(i) } }])
      .toArray(),
  "Mongoose findOne().lean()": (s, i) =>
    s.links
      .findOne({ discordId: member(i) })
      .lean()
      .exec(),
  "Mongoose findOne() (a document)": (s, i) => s.links.findOne({ discordId: member(i) }).exec(),
  "findOneAndUpdate (native)": HOT["findOneAndUpdate + projection"] as Command,
  "Mongoose findOneAndUpdate().lean()": (s, i) =>
    s.linkStates
      .findOneAndUpdate(
        { _id: nonceOf(i), expiresAt: { $gt: new Date() } },
        { $set: { browserHash: `b${i}` } },
        { returnDocument: "after", projection: { browserHash: 0, usedAt: 0 } },
      )
      .lean()
      .exec(),
  "updateOne (native)": HOT.updateOne as Command,
  "Mongoose updateOne().exec()": (s, i) =>
    s.linkStates.updateOne({ _id: nonceOf(i) }, { $set: { browserHash: `b${i}` } }).exec(),
  "/link reads before: find + findOne": (s, i) =>
    Promise.all([
      linkStates(s)
        .find(
          { discordId: member(i), expiresAt: { $gt: new Date() } },
          { projection: { _id: 0, expiresAt: 1 } },
        )
        .toArray(),
      findLinkByDiscordId(s, member(i)),
    ]),
  "/link reads after: one aggregate": (s, i) => findLinkStart(s, member(i)),
  "role reads before: 2 finds (+ findOne with rules)": (s, i) =>
    Promise.all([
      nativeOf(s.roleRules)
        .find({}, { projection: { _id: 0, guildId: 1, roleId: 1, kind: 1, target: 1 } })
        .toArray(),
      nativeOf(s.roleGrants)
        .find({ discordId: member(i) })
        .toArray(),
    ]),
  "role reads after: one aggregate": (s, i) => findRoleBasis(s, member(i)),
};

async function seed(storage: Storage): Promise<void> {
  const now = new Date();
  await nativeOf<{ discordId: string }>(storage.links).insertMany(
    Array.from({ length: 500 }, (_, i) => ({
      discordId: member(i),
      githubId: i + 1,
      githubLogin: `gh${i}`,
      githubName: null,
      avatarUrl: null,
      scopes: ["read:user"],
      accessToken: "sealed-access-token-".repeat(4),
      refreshToken: null,
      accessExpiresAt: null,
      refreshExpiresAt: null,
      linkedAt: now,
      updatedAt: now,
    })),
  );
  for (let i = 0; i < 500; i++) {
    const state = newState();
    seededNonces.push(state.nonce);
    await saveLinkState(storage, { ...state, discord: { ...state.discord, id: member(i) } });
  }
}

interface Cost {
  client: number;
  server: number;
}

async function costPerCommand(storage: Storage, command: Command, serverPid?: number): Promise<Cost> {
  const serverBefore = serverPid === undefined ? 0 : await readProcessCpuMs(serverPid);
  const before = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < OPS; i = next++) await command(storage, i);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const used = process.cpuUsage(before);
  const server = serverPid === undefined ? 0 : (await readProcessCpuMs(serverPid)) - serverBefore;
  return { client: (used.user + used.system) / OPS, server: (server * 1000) / OPS };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

type Client = { name: string; connection: mongoose.Connection; storage: Storage };

/**
 * Per client and command, the median cost. Rounds are the outer loop and every command and client
 * takes its turn in each, so a change in the machine's load falls on all of them alike.
 */
async function measure(clients: Client[], commands: Record<string, Command>, serverPid?: number) {
  const costs = new Map<string, Cost[]>();
  const entries = Object.entries(commands);
  for (const [, command] of entries)
    for (const client of clients) await costPerCommand(client.storage, command);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [commandName, command] of round % 2 ? entries : [...entries].reverse()) {
      for (const client of round % 2 ? clients : [...clients].reverse()) {
        const key = `${client.name}\t${commandName}`;
        costs.set(key, [...(costs.get(key) ?? []), await costPerCommand(client.storage, command, serverPid)]);
      }
    }
  }
  return (client: string, command: string): Cost => {
    const all = costs.get(`${client}\t${command}`) ?? [];
    return { client: median(all.map((c) => c.client)), server: median(all.map((c) => c.server)) };
  };
}

async function openClient(uri: string, name: string, options: ConnectOptions): Promise<Client> {
  const connection = await mongoose.createConnection(uri, { ...clientOptions(uri), ...options }).asPromise();
  return { name, connection, storage: await createStorage(connection, { allowSharedGithub: false }) };
}

const mongo = await startBenchMongo("client_cost");
try {
  const setup = await openClient(mongo.uri, "setup", {});
  await seed(setup.storage);
  await setup.connection.close();
  const header = `median of ${ROUNDS} batches of ${OPS}, ${IN_FLIGHT} in flight`;
  if (sections.includes("options")) {
    const clients = await Promise.all(
      Object.entries(OPTIONS).map(([name, options]) => openClient(mongo.uri, name, options)),
    );
    const cost = await measure(clients, HOT);
    const commands = Object.keys(HOT);
    console.log(`\nµs of the bot's CPU per command, by client option (${header})`);
    console.log(["client option", ...commands.map((_, i) => `c${i + 1}`), "mean"].join("\t"));
    for (const { name } of clients) {
      const values = commands.map((c) => cost(name, c).client);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      console.log([name, ...values.map((v) => v.toFixed(0)), mean.toFixed(0)].join("\t"));
    }
    commands.forEach((c, i) => console.log(`  c${i + 1}: ${c}`));
    await Promise.all(clients.map((c) => c.connection.close()));
  }
  if (sections.includes("styles")) {
    const client = await openClient(mongo.uri, "the bot's", {});
    const cost = await measure([client], STYLES, mongo.pid);
    console.log(`\nµs of CPU per call, by call style (${header})`);
    console.log(`call\tbot${mongo.pid === undefined ? "" : "\ttest server"}`);
    for (const name of Object.keys(STYLES)) {
      const { client: bot, server } = cost(client.name, name);
      console.log([name, bot.toFixed(0), ...(mongo.pid === undefined ? [] : [server.toFixed(0)])].join("\t"));
    }
    await client.connection.close();
  }
} finally {
  await mongo.stop();
}
