import type { Document } from "bson";
import { CommandError } from "./errors.ts";
import { formatKeyValue } from "./index-key.ts";

/** Builds the E11000 error exactly as mongod words it, so drivers can parse `keyValue`. */
export function createDuplicateKeyError(
  ns: string,
  indexName: string,
  keyPattern: Document,
  values: unknown[],
): CommandError {
  const fields = Object.keys(keyPattern);
  const keyValue = Object.fromEntries(fields.map((field, i) => [field, values[i] ?? null]));
  const dupKey = fields.map((field, i) => `${field}: ${formatKeyValue(values[i])}`).join(", ");
  return new CommandError(
    11000,
    "DuplicateKey",
    `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${dupKey} }`,
    { keyPattern, keyValue },
  );
}
