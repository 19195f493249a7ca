/** Served from /assets/octolink.css so the CSP can forbid every inline style and script. */
export const STYLESHEET = `
:root { color-scheme: light dark; --bg: #f6f8fa; --card: #fff; --text: #1f2328; --muted: #59636e; --accent: #5865f2; --border: #d1d9e0; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --card: #161b22; --text: #e6edf3; --muted: #9198a1; --accent: #7984f5; --border: #30363d; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 16px; }
main { width: 100%; max-width: 440px; background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 28px 24px; }
.brand { margin: 0 0 16px; font-size: 14px; font-weight: 600; color: var(--muted); letter-spacing: .02em; }
h1 { margin: 0 0 8px; font-size: 22px; line-height: 1.3; }
p { margin: 0 0 12px; }
.next { color: var(--muted); }
.account { display: flex; align-items: center; gap: 12px; margin: 16px 0; padding: 12px; border: 1px solid var(--border); border-radius: 8px; }
.account img { width: 48px; height: 48px; border-radius: 50%; }
.account strong { display: block; overflow-wrap: anywhere; }
.account span { color: var(--muted); font-size: 14px; }
a { color: var(--accent); }
button { font: inherit; padding: 10px 18px; border-radius: 8px; border: 1px solid var(--border); background: var(--card); color: var(--text); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
form { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 20px; }
`;
