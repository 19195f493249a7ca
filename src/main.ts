import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { startOctolink } from "./start.ts";

/** `npm start`: the composition root's entry; settings problems print as one message, not a stack. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  const running = await startOctolink(config, log).catch((err: Error) => {
    log.fatal({ err }, `octolink could not start: ${describeStartFailure(err)}`);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    running.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function describeStartFailure(err: Error & { code?: string }): string {
  if (err.code === "TokenInvalid") return "Discord rejected DISCORD_TOKEN";
  if (err.code === "EADDRINUSE") return "PORT is already in use";
  return err.message;
}

void main();
