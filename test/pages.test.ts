import type { APIRole } from "discord.js";
import { describe, expect, it } from "vitest";
import * as errors from "../src/errors/index.ts";
import type { ConfirmationView } from "../src/linking/index.ts";
import { roleBlockError } from "../src/linking/roles/role-block-error.ts";
import { accountCard } from "../src/web/pages/account-card.ts";
import { confirmLinkPage, linkedPage } from "../src/web/pages/confirm-pages.ts";
import { cancelledPage, errorPage } from "../src/web/pages/pages.ts";
import { confirmRemovalPage, removalAnsweredPage } from "../src/web/pages/removal-pages.ts";

// One of each error a member can meet, with the arguments its callers pass.
const SHOWN: errors.AppError[] = [
  new errors.BadRequestError("GitHub did not complete the sign-in."),
  new errors.StateInvalidError(),
  new errors.StateExpiredError(),
  new errors.StateUsedError(),
  new errors.StateReplacedError(),
  new errors.CodeRejectedError(),
  new errors.GitHubAccountTakenError("mona"),
  new errors.GitHubUnavailableError("timeout"),
  new errors.StorageUnavailableError(),
  new errors.WrongDiscordAccountError("member2"),
  new errors.WrongDiscordAccountError(),
  new errors.TooManyRequestsError(30),
  new errors.NotFoundError(),
  new errors.InternalError(),
  new errors.SignInIncompleteError(),
  new errors.ConfirmationWrongBrowserError(),
  new errors.ConfirmationUsedError(),
  new errors.DiscordUnavailableError(),
  new errors.CrossSiteRequestError(),
  new errors.NotLinkedError(),
  new errors.NeedsRelinkError(),
  new errors.GuildOnlyError(),
  new errors.ManageServerRequiredError(),
  new errors.InvalidGithubLoginError(),
  new errors.NotGuildMemberError(),
  new errors.LinkedRolesNotAllowedError(),
  new errors.ManageRolesRequiredError(),
  new errors.InvalidRuleTargetError(
    "The target `acme` is not what a `team` rule needs: an organization and a team slug, like `acme/core`.",
    "`/link-roles add rule:team target:acme/core`",
  ),
  roleBlockError({ reason: "above_bot", botTop: { id: "2" } as APIRole }, "1"),
  roleBlockError({ reason: "no_manage_roles" }, "1"),
];
// Only API callers (GitHub's webhook deliveries, the lookup API) meet these; they speak to the operator.
const API_ONLY = [
  errors.WebhookSignatureError,
  errors.WebhooksDisabledError,
  errors.PayloadTooLargeError,
  // The lookup API's callers are the operator's services.
  errors.ApiKeyRequiredError,
  errors.ApiInputError,
  errors.LinkNotFoundError,
  errors.ApiRateLimitedError,
];
const JARGON =
  /\b(state|nonce|oauth|token|pkce|verifier|callback|redirect|http|json|mongo\w*|undefined|null|exception)\b/i;

describe("what a member reads on an error page", () => {
  it("covers every AppError there is", () => {
    const classes = Object.values(errors).filter(
      (value) => typeof value === "function" && value.prototype instanceof errors.AppError,
    );
    expect(new Set([...SHOWN.map((error) => error.constructor), ...API_ONLY])).toEqual(new Set(classes));
  });

  it.each(SHOWN.map((error) => [error.name, error] as const))(
    "%s: a heading, one plain sentence on what happened, and what to do next",
    (_name, error) => {
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.title).toMatch(/^(octolink|[A-Z])[^.]{5,60}$/);
      expect(error.message).toMatch(/^(octolink|[A-Z@]).*\.$/);
      expect(error.message.slice(0, -1)).not.toMatch(/\. /);
      expect(error.next).toMatch(/\.$/);
      for (const text of [error.title, error.message, error.next]) expect(text).not.toMatch(JARGON);
    },
  );

  it("says how long to wait after too many requests", () => {
    expect(new errors.TooManyRequestsError(1).next).toMatch(/^Wait a second, /);
    expect(new errors.TooManyRequestsError(30).next).toMatch(/^Wait 30 seconds, /);
    expect(new errors.TooManyRequestsError(60).next).toMatch(/^Wait a minute, /);
    expect(new errors.TooManyRequestsError(150).next).toMatch(/^Wait 3 minutes, /);
  });
});

describe("the layout every page shares", () => {
  const pending: ConfirmationView = {
    pendingId: "p".repeat(22),
    discord: { id: "1", username: "member1", displayName: "Member <i>One</i>", avatarUrl: null },
    github: { id: 1, login: "mona", name: "Mona <b>Lisa</b>", avatarUrl: null, profileUrl: "" },
  };
  const pages = {
    confirm: confirmLinkPage(pending),
    linked: linkedPage(pending),

    cancelled: cancelledPage(),
    error: errorPage(new errors.StateExpiredError()),
    removal: confirmRemovalPage({ user: pending.github, linkCount: 2, removalId: "r".repeat(22) }),
    nothingToRemove: confirmRemovalPage({ user: pending.github, linkCount: 0, removalId: null }),
    removed: removalAnsweredPage({
      githubLogin: "mona",
      removed: 2,
      revokedAtGitHub: true,
      cancelled: false,
    }),
  };

  it.each(Object.entries(pages))(
    "%s: lang, title, the bot's name, heading; no script or inline style",
    async (_name, page) => {
      const html = String(await page);
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toMatch(/<title>[^<]+ · octolink<\/title>/);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toContain('<link rel="stylesheet" href="/assets/octolink.css">');
      expect(html).toContain("<span>octolink</span>");
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=|https?:\/\//i);
    },
  );

  it("the confirmation says in plain words which Discord account will act as the GitHub account", async () => {
    const html = String(await pages.confirm);
    expect(html).toContain(
      "whoever signs in to Discord as @member1 will be able to act as the GitHub account mona through octolink.",
    );
  });

  it("escapes what GitHub and Discord send", async () => {
    const html = String(await pages.linked);
    expect(html).toContain("Mona &lt;b&gt;Lisa&lt;/b&gt;");
    expect(html).toContain("Member &lt;i&gt;One&lt;/i&gt;");
    expect(html).not.toMatch(/<b>|<i>/);
  });

  it("an account card shows the display name, @handle and service, or the handle when unnamed", async () => {
    const discord = String(
      await accountCard({
        kind: "discord",
        username: "member1",
        displayName: "Member One",
        avatarUrl: "https://cdn.discordapp.com/avatars/1/a.png",
      }),
    );
    // The @handle, which nobody else can have, is as prominent as the free-text display name.
    expect(discord).toContain('<strong>Member One</strong><strong class="handle">@member1</strong>');
    expect(discord).toContain('<span class="service">Discord</span>');
    expect(discord).toContain('src="https://cdn.discordapp.com/avatars/1/a.png" alt=""');
    const unnamed = String(await accountCard({ kind: "github", login: "mona", name: null, avatarUrl: null }));
    expect(unnamed).toContain('<strong>mona</strong><strong class="handle">@mona</strong>');
    expect(unnamed).toContain('<span class="avatar avatar-blank" aria-hidden="true">M</span>');
  });
});
