import { createHash, randomBytes } from "node:crypto";
import { sealTokenSet } from "../src/crypto/index.ts";
import { saveLink, type Storage } from "../src/storage/index.ts";
import type { Cluster } from "../test/support/cluster.ts";
import { createMember, type Member } from "../test/support/members.ts";
import { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET } from "../test/support/stand-in-settings.ts";

const base64url = (b: Buffer) => b.toString("base64url");

/** A real GitHub user token from the stand-in's web flow, without a browser or Discord in the way. */
async function issueGithubToken(c: Cluster, githubId: number): Promise<string> {
  const verifier = base64url(randomBytes(32));
  const redirectUri = `${c.env.PUBLIC_URL}/auth/github/callback`;
  const authorize = new URL(`${c.github.url}/login/oauth/authorize`);
  for (const [k, v] of Object.entries({
    client_id: GITHUB_CLIENT_ID,
    redirect_uri: redirectUri,
    scope: "read:user read:org",
    state: base64url(randomBytes(16)),
    code_challenge: base64url(createHash("sha256").update(verifier).digest()),
    code_challenge_method: "S256",
  }))
    authorize.searchParams.set(k, v);
  const code = new URL(await c.github.approve(authorize.toString(), { userId: githubId })).searchParams.get(
    "code",
  );
  const res = await fetch(`${c.github.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({
      client_id: GITHUB_CLIENT_ID,
      client_secret: GITHUB_CLIENT_SECRET,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** `count` members, each with a GitHub account and a stored link holding a token GitHub accepts. */
export async function seedLinkedMembers(
  c: Cluster,
  deps: { storage: Storage; tokenKeys: Buffer[] },
  count: number,
  concurrency = 16,
): Promise<Member[]> {
  const members = Array.from({ length: count }, () => createMember(c));
  let next = 0;
  const worker = async () => {
    while (next < members.length) {
      const member = members[next++] as Member;
      const accessToken = await issueGithubToken(c, member.githubId);
      await saveLink(deps.storage, {
        discordId: member.discordId,
        github: {
          id: member.githubId,
          login: member.login,
          name: null,
          avatarUrl: null,
          profileUrl: `${c.github.url}/${member.login}`,
        },
        tokens: sealTokenSet(deps.tokenKeys, member.discordId, {
          accessToken,
          refreshToken: null,
          accessExpiresAt: null,
          refreshExpiresAt: null,
        }),
        scopes: ["read:user", "read:org"],
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return members;
}
