import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CodeRejectedError, GitHubUnavailableError } from "../src/errors/index.ts";
import { createGitHubClient, exchangeCode } from "../src/github/index.ts";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A GitHub-compatible token endpoint that answers every request the same way. */
async function tokenEndpoint(status: number, contentType: string, body: string) {
  server = createServer((_req, res) => res.writeHead(status, { "content-type": contentType }).end(body));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return createGitHubClient(
    {
      clientId: "id",
      clientSecret: "secret",
      scopes: ["read:user"],
      url,
      apiUrl: url,
      webhookSecret: undefined,
    },
    "http://127.0.0.1:1",
  );
}

const exchange = (gh: Awaited<ReturnType<typeof tokenEndpoint>>) =>
  exchangeCode(gh, { code: "c", codeVerifier: "v" });

describe("the token endpoint, as GitHub-compatible servers answer it", () => {
  it("reads a form-encoded answer from a server that ignores Accept", async () => {
    const gh = await tokenEndpoint(
      200,
      "application/x-www-form-urlencoded",
      "access_token=ghu_abc&scope=read%3Auser&token_type=bearer&expires_in=28800&refresh_token=ghr_def",
    );
    const before = Date.now();
    const { accessExpiresAt, ...rest } = await exchange(gh);
    expect(rest).toEqual({
      accessToken: "ghu_abc",
      refreshToken: "ghr_def",
      refreshExpiresAt: null,
      scopes: ["read:user"],
    });
    // expires_in=28800: eight hours from the answer.
    expect(accessExpiresAt?.getTime()).toBeGreaterThanOrEqual(before + 28_800_000);
    expect(accessExpiresAt?.getTime()).toBeLessThanOrEqual(Date.now() + 28_800_000);
  });

  it("a refused code is a refused code whether it comes with HTTP 200 or 400", async () => {
    const body = JSON.stringify({
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
    });
    await expect(exchange(await tokenEndpoint(200, "application/json", body))).rejects.toBeInstanceOf(
      CodeRejectedError,
    );
    server?.close();
    await expect(exchange(await tokenEndpoint(400, "application/json", body))).rejects.toBeInstanceOf(
      CodeRejectedError,
    );
  });

  it("anything else without a token means GitHub failed", async () => {
    await expect(
      exchange(await tokenEndpoint(200, "application/json", '{"error":"incorrect_client_credentials"}')),
    ).rejects.toBeInstanceOf(GitHubUnavailableError);
    server?.close();
    await expect(exchange(await tokenEndpoint(500, "text/html", "<h1>oops</h1>"))).rejects.toBeInstanceOf(
      GitHubUnavailableError,
    );
  });
});
