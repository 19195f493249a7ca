import mongoose from "mongoose";
import { startMongoServer } from "./server.ts";

// Inserts per second must not depend on collection size: `_id` and unique checks are map
// lookups. Fails (exit 1) when the rate at 100,000 documents drops below half the rate at 1,000.
const MEASURED_INSERTS = 2000;
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
  }),
);
await Account.init();

let serial = 0;
const nextAccount = () => {
  serial++;
  return { discordId: `d${serial}`, login: `gh-${serial}`, linkedAt: new Date() };
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

try {
  await seedTo(1000);
  await measureInsertsPerSecond(); // warm-up: JIT and connection pool
  await Account.deleteMany({});
  await seedTo(1000);
  const small = await measureInsertsPerSecond();
  await seedTo(100_000);
  const large = await measureInsertsPerSecond();
  const ratio = small / large;
  console.log(`inserts/s with    1,000 docs: ${small.toFixed(0)}`);
  console.log(`inserts/s with  100,000 docs: ${large.toFixed(0)}`);
  console.log(`ratio: ${ratio.toFixed(2)} (must be <= ${MAX_RATIO})`);
  process.exitCode = ratio > MAX_RATIO ? 1 : 0;
} finally {
  await connection.close();
  await server.close();
}
