import type { StandInUserInput } from "./types.ts";
import { type GitHubUrls, renderSimpleUser, toGitHubTime } from "./user-json.ts";

const GITHUB_COM: GitHubUrls = { webUrl: "https://github.com", apiUrl: "https://api.github.com" };

/**
 * The `github_app_authorization` event GitHub sends when a user revokes a GitHub App's
 * authorization; the user is the sender. Pass the stand-in's urls to match its /user answers.
 */
export function githubAppAuthorizationRevoked(user: StandInUserInput, urls: GitHubUrls = GITHUB_COM) {
  return { action: "revoked" as const, sender: renderWebhookUser(user, urls) };
}

/** The `ping` GitHub sends to a GitHub App's webhook URL when the app is registered. */
export function appPing(appId: number, webhookUrl: string) {
  const at = toGitHubTime(Date.now());
  return {
    zen: "Keep it logically awesome.",
    hook_id: appId * 10,
    hook: {
      type: "App",
      id: appId * 10,
      name: "web",
      active: true,
      app_id: appId,
      // github_app_authorization reaches every GitHub App without a subscription.
      events: [],
      config: { content_type: "json", url: webhookUrl, insecure_ssl: "0" },
      updated_at: at,
      created_at: at,
      url: `https://api.github.com/app/hook/config`,
      ping_url: `https://api.github.com/app/hook/pings`,
      deliveries_url: `https://api.github.com/app/hook/deliveries`,
    },
  };
}

/** `installation` `deleted`: the user uninstalled the GitHub App from their account. */
export function installationDeleted(user: StandInUserInput, appId: number, urls: GitHubUrls = GITHUB_COM) {
  const account = renderWebhookUser(user, urls);
  const at = toGitHubTime(Date.now());
  const id = appId * 1000 + user.id;
  return {
    action: "deleted" as const,
    installation: {
      id,
      account,
      repository_selection: "all",
      access_tokens_url: `${urls.apiUrl}/app/installations/${id}/access_tokens`,
      repositories_url: `${urls.apiUrl}/installation/repositories`,
      html_url: `${urls.webUrl}/settings/installations/${id}`,
      app_id: appId,
      target_id: user.id,
      target_type: "User",
      permissions: {},
      events: [],
      created_at: at,
      updated_at: at,
      single_file_name: null,
      suspended_at: null,
      suspended_by: null,
    },
    repositories: [],
    sender: account,
  };
}

/** Webhook payloads carry the user without REST's newer `user_view_type`, as their schema says. */
function renderWebhookUser(user: StandInUserInput, urls: GitHubUrls) {
  const { user_view_type: _viewType, ...sender } = renderSimpleUser(user, urls);
  return sender;
}
