import type { PullRequest } from "./facts-state.ts";
import type { User } from "./state.ts";
import { type GitHubUrls, renderSimpleUser, toGitHubTime } from "./user-json.ts";

/** A pull request as GET /search/issues lists it. */
export function renderPullRequestItem(pr: PullRequest, repoName: string, author: User, urls: GitHubUrls) {
  const api = `${urls.apiUrl}/repos/${repoName}`;
  const issue = `${api}/issues/${pr.number}`;
  const html = `${urls.webUrl}/${repoName}/pull/${pr.number}`;
  const closedAt = pr.mergedAt === null ? null : toGitHubTime(pr.mergedAt);
  return {
    url: issue,
    repository_url: api,
    labels_url: `${issue}/labels{/name}`,
    comments_url: `${issue}/comments`,
    events_url: `${issue}/events`,
    html_url: html,
    id: pr.id,
    node_id: Buffer.from(`04:PullRequest${pr.id}`).toString("base64"),
    number: pr.number,
    title: `Pull request #${pr.number}`,
    user: renderSimpleUser(author, urls),
    labels: [],
    state: pr.mergedAt === null ? "open" : "closed",
    locked: false,
    assignee: null,
    milestone: null,
    comments: 0,
    created_at: toGitHubTime(pr.createdAt),
    updated_at: toGitHubTime(pr.mergedAt ?? pr.createdAt),
    closed_at: closedAt,
    author_association: "CONTRIBUTOR",
    pull_request: {
      url: `${api}/pulls/${pr.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: closedAt,
    },
    score: 1,
  };
}
