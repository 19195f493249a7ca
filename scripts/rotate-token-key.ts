import { ConfigError, loadConfig } from "../src/config.ts";
import { rotateTokenKey } from "../src/linking/index.ts";
import { createLogger } from "../src/log.ts";
import { createStorage, openStorageConnection } from "../src/storage/index.ts";

/**
 * `npm run rotate-token-key`: after putting a new key first in TOKEN_ENCRYPTION_KEY (old keys
 * after it), reseals every stored token under the new key; then the old keys can be removed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const mongo = await openStorageConnection(config.mongodbUri, log);
  try {
    const storage = await createStorage(mongo.connection, {
      allowSharedGithub: config.allowSharedGithub,
      auditRetentionDays: config.auditRetentionDays,
    });
    const { scanned, resealed } = await rotateTokenKey({ config, storage });
    console.log(
      `Checked ${scanned} sealed values; resealed ${resealed} under the current key. Older keys can now be removed.`,
    );
  } finally {
    await mongo.close();
  }
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : `Could not rotate the token key: ${err.message}`);
  process.exit(1);
});
