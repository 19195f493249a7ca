import mongoose from "mongoose";
import { startMongoServer } from "./server.ts";

// Inserts and equality reads per second must not depend on collection size: `_id`, unique and
// non-unique index lookups are map lookups. Fails (exit 1) when either rate at 100,000 documents
// drops below half its rate at 1,000.
const MEASURED_INSERTS = 2000;
const MEASURED_READS = 2000;
const SEED_BATCH = 10_000;
const MAX_RATIO = 2;

const server = await startMongoServer();
const connection = await mongoose.createConnection(server.uri.replace("/?", "/bench?")).asPromise();
const Account = connection.model(
  "Account",
  new mongoose.Schema({
    discordId: { type: String, required: true, unique: true },
    login: { type: String, required: true, unique: true },
    linkedAt: Date,
    // Non-unique, as `link_states.discordId`: a member may hold several states.
    ownerId: { type: String, index: true },
  }),
);
await Account.init();

let serial = 0;
const nextAccount = () => {
  serial++;
  return { discordId: `d${serial}`, login: `gh-${serial}`, ownerId: `o${serial}`, linkedAt: new Date() };
};

async function seedTo(total: number): Promise<void> {
  while ((await Account.estimatedDocumentCount()) < total) {
    const missing = total - (await Account.estimatedDocumentCount());
    const batch = Array.from({ length: Math.min(missing, SEED_BATCH) }, nextAccount);
    await Account.collection.insertMany(batch, { ordered: false });
  }
}

async function measureInsertsPerSecond(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < MEASURED_INSERTS; i++) await Account.create(nextAccount());
  return MEASURED_INSERTS / ((performance.now() - started) / 1000);
}

async function measureReadsPerSecond(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < MEASURED_READS; i++) {
    const found = await Account.find({ ownerId: `o${serial - (i % 500)}` }).lean();
    if (found.length !== 1) throw new Error(`expected one account, found ${found.length}`);
  }
  return MEASURED_READS / ((performance.now() - started) / 1000);
}

try {
  await seedTo(1000);
  await measureInsertsPerSecond(); // warm-up: JIT and connection pool
  await Account.deleteMany({});
  await seedTo(1000);
  const small = await measureInsertsPerSecond();
  const smallReads = await measureReadsPerSecond();
  await seedTo(100_000);
  const large = await measureInsertsPerSecond();
  const largeReads = await measureReadsPerSecond();
  const ratio = small / large;
  const readRatio = smallReads / largeReads;
  console.log(`inserts/s with    1,000 docs: ${small.toFixed(0)}`);
  console.log(`inserts/s with  100,000 docs: ${large.toFixed(0)}`);
  console.log(`ratio: ${ratio.toFixed(2)} (must be <= ${MAX_RATIO})`);
  console.log(`non-unique index reads/s with    1,000 docs: ${smallReads.toFixed(0)}`);
  console.log(`non-unique index reads/s with  100,000 docs: ${largeReads.toFixed(0)}`);
  console.log(`ratio: ${readRatio.toFixed(2)} (must be <= ${MAX_RATIO})`);
  process.exitCode = ratio > MAX_RATIO || readRatio > MAX_RATIO ? 1 : 0;
} finally {
  await connection.close();
  await server.close();
}
