import { type Connection, Schema } from "mongoose";

/** One fixed window of one rate limit for one key (a client address, an API key), shared by every replica. */
const rateCounterSchema = new Schema(
  {
    // `${limit}:${key}@${windowStart}`; not the _id, so an upsert can name it in its filter everywhere.
    key: { type: String, required: true, unique: true },
    count: { type: Number, required: true },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: "rate_counters", versionKey: false },
);

export const defineRateCounterModel = (connection: Connection) =>
  connection.model("RateCounter", rateCounterSchema);

export type RateCounterModel = ReturnType<typeof defineRateCounterModel>;
