import { AppError, GitHubUnavailableError } from "../errors/index.ts";

/** Anything thrown by a GitHub call that is not already ours means GitHub failed us. */
export async function callGitHub<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const status = (err as { status?: number }).status;
    throw new GitHubUnavailableError(`${what} failed${status ? ` with HTTP ${status}` : ""}`);
  }
}
