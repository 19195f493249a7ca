import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { hostileForm, type HostileForm } from "../support/hostile-forms.ts";
import { forgedState, hostileQuery, hostileValue, withLooseMacEnding } from "../support/hostile-values.ts";
import { pendingIdOf } from "../support/http-browser.ts";
import {
  answerConfirmation,
  authorizeViaLink,
  buttonUrl,
  createMember,
  runLink,
} from "../support/members.ts";
import { sendRawRequest } from "../support/raw-http.ts";
import { errorLogs, readStoredState } from "../support/stored-state.ts";

let h: Harness;
let apps: Record<"plain" | "verifying", ReturnType<typeof createApp>>;
const appName = fc.constantFrom<"plain" | "verifying">("plain", "verifying");
let realStates: string[];
let victims: { pendingIds: string[]; victimCookies: string[] };

beforeAll(async () => {
  h = await startHarness();
  const checkReadiness = async () => ({ storage: true, discord: true });
  // The same routes with and without the Discord sign-in step in front of GitHub.
  const verifying = {
    ...h.config,
    verifyDiscord: true,
    discord: { ...h.config.discord, clientSecret: h.discord.clientSecret },
  };
  apps = {
    plain: createApp({ ...h.bot.deps, checkReadiness }),
    verifying: createApp({ ...h.bot.deps, config: verifying, checkReadiness }),
  };

  // Fresh unused buttons to forge from, and two browsers mid-flow whose forms must stay theirs.
  realStates = [];
  for (let i = 0; i < 3; i++) {
    const { reply } = await runLink(h, createMember(h).discordId);
    realStates.push(new URL(buttonUrl(reply)).searchParams.get("state") ?? "");
  }
  const waiting = await authorizeViaLink(h, createMember(h));
  const page = await (await waiting.browser.open(waiting.callbackUrl)).res?.text();
  const linked = await authorizeViaLink(h, createMember(h));
  const done = await answerConfirmation(linked.browser, linked.callbackUrl);
  victims = {
    pendingIds: [pendingIdOf(page ?? ""), done.pending],
    victimCookies: [waiting, linked].map(
      ({ browser }) => browser.cookie(h.config.publicUrl, "octolink_browser") ?? "",
    ),
  };
});
afterAll(async () => {
  await h?.stop();
});

/** Every hostile request: a 4xx page (or exactly the "cancelled" page), never a stack trace or markup from the input. */
async function expectRefused(res: Response, cancelled = false) {
  const body = await res.text();
  if (cancelled) expect([res.status, body]).toEqual([200, expect.stringContaining("cancelled")]);
  else expect(res.status, body.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(body).not.toMatch(/at .*:\d+:\d+/);
  expect(body).not.toContain("<script");
}

/** A GitHub or Discord `error` of exactly `access_denied` is the member pressing Cancel there. */
const isCancel = (app: string, path: string, query: string) =>
  path !== "/auth/github/start" &&
  (app === "verifying" || path !== "/auth/discord/callback") &&
  JSON.stringify(new URLSearchParams(query).getAll("error")) === '["access_denied"]';

async function expectNothingChanged(run: () => Promise<void>) {
  const before = {
    stored: await readStoredState(h),
    tokens: h.github.tokenRequests(),
    lines: h.rawLogs.length,
  };
  await run();
  expect(await readStoredState(h)).toEqual(before.stored);
  expect(h.github.tokenRequests()).toBe(before.tokens);
  expect(errorLogs(h.rawLogs.slice(before.lines))).toEqual([]);
}

describe("hostile sign-in links and forms get a 4xx page and change nothing", () => {
  it("thousands of generated callback and start queries: missing, repeated, oversized, non-UTF-8, forged states", async () => {
    const forged = forgedState(realStates);
    const code = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), hostileValue());
    const shaped = fc.tuple(code, forged).map(([c, s]) => `code=${c}&state=${encodeURIComponent(s)}`);
    const query = fc.oneof(
      shaped,
      hostileQuery(["code", "state", "error", "error_description"], hostileValue([forged])),
    );
    const path = fc.constantFrom("/auth/github/callback", "/auth/github/start", "/auth/discord/callback");
    await expectNothingChanged(() =>
      fc.assert(
        fc.asyncProperty(path, query, appName, fc.boolean(), async (path, query, app, json) => {
          const headers = { accept: json ? "application/json" : "text/html" };
          await expectRefused(
            await apps[app].request(`${path}?${query}`, { headers }),
            isCancel(app, path, query),
          );
        }),
        {
          numRuns: 2500,
          examples: [
            [
              "/auth/github/callback",
              `code=abc&state=${withLooseMacEnding(realStates[0] ?? "")}`,
              "plain",
              false,
            ],
            ["/auth/github/start", `state=${withLooseMacEnding(realStates[1] ?? "")}`, "verifying", false],
            // A state we did sign, on Discord's way back while the Discord step is off: it asked Discord anyway (502).
            ["/auth/discord/callback", `code=abc&state=${realStates[2]}`, "plain", false],
            ["/auth/github/start", "state=%FF%FE", "verifying", true],
          ],
        },
      ),
    );
  });

  it("thousands of generated confirm and undo posts: any body, any type, another browser or another site", async () => {
    await expectNothingChanged(() =>
      fc.assert(
        fc.asyncProperty(
          hostileForm({ publicUrl: h.config.publicUrl, ...victims }),
          appName,
          async (form: HostileForm, app) => {
            await expectRefused(
              await apps[app].request(form.path, { method: "POST", headers: form.headers, body: form.body }),
            );
          },
        ),
        { numRuns: 2000 },
      ),
    );
  });

  it("raw non-UTF-8 bytes in the URL and the form, over a real socket", async () => {
    const [pending] = victims.pendingIds;
    const raw = (text: string) => Buffer.from(text, "latin1");
    await expectNothingChanged(async () => {
      // Node's HTTP parser answers a bare 400 to these before octolink sees them; a body it passes on.
      for (const target of [
        "/auth/github/callback?code=\xff\xfe&state=v1.\xc3",
        "/auth/github/start?state=\xed\xa0\x80",
        "/auth/discord/callback?error=\xff",
      ]) {
        const res = await sendRawRequest(h.bot.url, raw(`GET ${target} HTTP/1.1`));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      for (const path of ["/auth/github/confirm", "/auth/github/undo"]) {
        const head = raw(
          `POST ${path} HTTP/1.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncookie: octolink_browser=\xff\xfe`,
        );
        const res = await sendRawRequest(h.bot.url, head, raw(`pending=${pending}\xff&action=\xc3\x28link`));
        expect([res.status, res.text]).toEqual([403, expect.stringContaining("same browser")]);
      }
    });
  });
  it("a form over 4 KB is refused with a 400 before it is read, its length declared or chunked", async () => {
    const [pending] = victims.pendingIds;
    const form = `pending=${pending}&action=link&padding=${"x".repeat(5000)}`;
    const post = (body: string | ReadableStream<Uint8Array>) =>
      fetch(`${h.bot.url}/auth/github/confirm`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        duplex: "half",
      } as RequestInit);
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < text.length; i += 1000)
            controller.enqueue(Buffer.from(text.slice(i, i + 1000)));
          controller.close();
        },
      });
    await expectNothingChanged(async () => {
      for (const body of [form, chunked(form)]) {
        const res = await post(body);
        expect([res.status, await res.text()]).toEqual([
          400,
          expect.stringContaining("The form is too large."),
        ]);
      }
      // A small chunked form is read as any other: this one comes from no browser of the member's.
      const small = await post(chunked(`pending=${pending}&action=link`));
      expect([small.status, await small.text()]).toEqual([403, expect.stringContaining("same browser")]);
    });
  });
});
