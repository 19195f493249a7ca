import { AppError, InternalError } from "./app-error.ts";
import { StorageUnavailableError } from "./services.ts";

const STORAGE_DOWN =
  /^Mongo(ose)?(Network|NetworkTimeout|ServerSelection|NotConnected|TopologyClosed|PoolCleared)Error$/;
// GitHub and Discord calls wrap their failures in their own errors, so a bare socket error that
// gets this far came from the database driver (it surfaces EPIPE unwrapped when a server goes away).
const SOCKET_ERRORS = new Set(["EPIPE", "ECONNRESET", "ECONNREFUSED", "ETIMEDOUT"]);

/** Maps any thrown value to an error that is safe to show: storage outages become 503. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const { name, code } = (err ?? {}) as { name?: string; code?: unknown };
  if (STORAGE_DOWN.test(name ?? "") || SOCKET_ERRORS.has(String(code))) return new StorageUnavailableError();
  return new InternalError();
}
