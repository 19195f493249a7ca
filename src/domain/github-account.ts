/** A GitHub account as octolink shows it; the numeric id is the identity, the login a label. */
export interface GitHubAccount {
  id: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  /** Its page on GitHub (or on GitHub Enterprise Server). */
  profileUrl: string;
}
