/** A Discord member as Discord showed them at /link, so pages can name them without asking Discord. */
export interface DiscordAccount {
  id: string;
  username: string;
  displayName: string | null;
  avatarUrl: string | null;
}
