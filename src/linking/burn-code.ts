import { exchangeCode, revokeAccessToken } from "../github/index.ts";
import type { LinkingDeps } from "./deps.ts";

/**
 * For a GitHub code that reached the wrong browser while its state still works for the right
 * one: redeem it and delete the token, so the URL it came in is worth nothing to whoever is
 * shown it next. Failing (the code was used already) costs only a log line.
 */
export async function burnCode(deps: LinkingDeps, grant: { code: string; codeVerifier: string }) {
  try {
    await revokeAccessToken(deps.github, (await exchangeCode(deps.github, grant)).accessToken);
  } catch (err) {
    deps.log.info({ err }, "could not redeem a refused GitHub code (it may have been used already)");
  }
}
