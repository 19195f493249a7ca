/** A linked member's GitHub account as Discord's Linked Roles requirements see it. */
export interface GitHubStanding {
  login: string;
  createdAt: Date;
  publicRepos: number;
  followers: number;
}
