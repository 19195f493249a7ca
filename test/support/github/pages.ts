import type { App, User } from "./state.ts";
import { defaultAvatarUrl } from "./user-json.ts";

// Plain HTML without JavaScript: a browser test clicks real buttons in a real form.
const STYLE = `
  body { font: 14px/1.5 system-ui, sans-serif; background: #f6f8fa; color: #1f2328; margin: 0; }
  main { max-width: 420px; margin: 48px auto; background: #fff; border: 1px solid #d1d9e0;
         border-radius: 6px; padding: 24px; }
  h1 { font-size: 20px; font-weight: 400; margin: 0 0 16px; }
  .account { display: flex; align-items: center; gap: 8px; }
  .account img { border-radius: 50%; }
  ul { padding-left: 20px; }
  .actions { display: flex; gap: 8px; margin-top: 16px; }
  button { flex: 1; padding: 6px 16px; border-radius: 6px; border: 1px solid #d1d9e0;
           background: #f6f8fa; font: inherit; cursor: pointer; }
  button[value="1"] { background: #1f883d; border-color: #1f883d; color: #fff; }
  .muted { color: #59636e; font-size: 12px; }
`;

/** Escapes text for HTML content and double-quoted attributes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function renderLayout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <link rel="icon" href="data:," />
    <style>${STYLE}</style>
  </head>
  <body>
    <main>${content}</main>
  </body>
</html>`;
}

export function renderAuthorizePage(opts: {
  app: App;
  user: User;
  webUrl: string;
  scopes: string[];
  redirectUri: string;
}): string {
  const appName = escapeHtml(opts.app.name);
  const login = escapeHtml(opts.user.login);
  const avatar = escapeHtml(opts.user.avatar_url ?? defaultAvatarUrl(opts.user.id, opts.webUrl));
  const scopeItems =
    opts.scopes.length > 0
      ? opts.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join("")
      : "<li>Public information (read-only)</li>";
  return renderLayout(
    `Authorize application ${opts.app.name}`,
    `<h1>Authorize <strong>${appName}</strong></h1>
      <p class="account">
        <img src="${avatar}" alt="" width="32" height="32" />
        <span>Signed in as <strong id="login">${login}</strong></span>
      </p>
      <p>${appName} wants to access your <strong>${login}</strong> account:</p>
      <ul id="scopes">
        ${scopeItems}
      </ul>
      <form method="post">
        <div class="actions">
          <button type="submit" name="authorize" value="0">Cancel</button>
          <button type="submit" name="authorize" value="1">Authorize</button>
        </div>
      </form>
      <p class="muted">Authorizing will redirect to ${escapeHtml(new URL(opts.redirectUri).origin)}</p>`,
  );
}

export function renderNotFoundPage(): string {
  return renderLayout(
    "Page not found · GitHub",
    `<h1>404</h1>
      <p>This is not the web page you are looking for.</p>`,
  );
}

/** No user is signed in to the stand-in: a test forgot `signIn` or the `gh_user` cookie. */
export function renderSignInRequiredPage(): string {
  return renderLayout(
    "Sign in to GitHub",
    `<h1>Sign in to GitHub</h1>
      <p>No user is signed in to the GitHub stand-in. Call <code>signIn(userId)</code> or send a
        <code>gh_user=&lt;id&gt;</code> cookie.</p>`,
  );
}
