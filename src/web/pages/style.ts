/** Served from /assets/octolink.css so the CSP can forbid every inline style and script. */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #eef0f4; --card: #fff; --text: #1f2328; --muted: #59636e; --border: #d8dee4;
  --soft: #f6f8fa; --accent: #5865f2; --accent-hover: #4752c4; --accent-text: #4752c4; --accent-soft: #e5e7fd; --on-accent: #fff;
  --success: #1a7f37; --success-soft: #dafbe1;
  --problem: #bc4c00; --problem-soft: #fff1e5;
  --neutral: #59636e; --neutral-soft: #eaeef2;
  --shadow: 0 1px 2px rgba(31, 35, 40, .06), 0 12px 32px rgba(66, 74, 83, .10);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --card: #161b22; --text: #e6edf3; --muted: #9198a1; --border: #30363d;
    --soft: #0d1117; --accent: #5865f2; --accent-hover: #6d78f4; --accent-text: #a5acf8; --accent-soft: rgba(88, 101, 242, .2);
    --success: #3fb950; --success-soft: rgba(46, 160, 67, .18);
    --problem: #f0883e; --problem-soft: rgba(219, 109, 40, .18);
    --neutral: #9198a1; --neutral-soft: rgba(110, 118, 129, .22);
    --shadow: 0 12px 32px rgba(1, 4, 9, .6);
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  padding: 24px 16px; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
}
main {
  width: 100%; max-width: 460px; background: var(--card); border: 1px solid var(--border);
  border-radius: 16px; padding: 28px 28px 32px; box-shadow: var(--shadow);
}
.brand { display: flex; align-items: center; gap: 8px; margin: 0 0 28px; font-weight: 600; font-size: 15px; }
.brand svg { width: 22px; height: 22px; color: var(--accent-text); }
.status { width: 48px; height: 48px; border-radius: 50%; display: grid; place-items: center; margin: 0 0 16px; }
.status svg { width: 26px; height: 26px; stroke-width: 2.75; }
.tone-success .status { background: var(--success-soft); color: var(--success); }
.tone-problem .status { background: var(--problem-soft); color: var(--problem); }
.tone-neutral .status { background: var(--neutral-soft); color: var(--neutral); }
.tone-confirm .status { background: var(--accent-soft); color: var(--accent-text); }
h1 { margin: 0 0 8px; font-size: 24px; line-height: 1.25; letter-spacing: -.01em; text-wrap: balance; overflow-wrap: anywhere; }
p { margin: 0; }
.message { overflow-wrap: anywhere; }
.next { margin-top: 24px; padding: 12px 14px; border-radius: 10px; background: var(--soft); border: 1px solid var(--border); font-size: 15px; }
.consequence { margin-top: 16px; font-weight: 600; overflow-wrap: anywhere; }
.note { margin-top: 16px; color: var(--muted); font-size: 14px; overflow-wrap: anywhere; }
.warning { margin-top: 16px; padding: 12px 14px; border-radius: 10px; background: var(--problem-soft); font-size: 15px; }
.accounts { margin-top: 20px; }
.accounts .account { margin: 0; }
.joiner { width: 2px; height: 16px; margin-left: 37px; background: var(--border); }
.account { display: flex; align-items: center; gap: 12px; margin-top: 20px; padding: 12px 14px; border: 1px solid var(--border); border-radius: 12px; min-width: 0; }
.avatar { flex: none; width: 48px; height: 48px; border-radius: 50%; object-fit: cover; background: var(--soft); }
.avatar-blank { display: grid; place-items: center; font-weight: 600; font-size: 20px; color: var(--on-accent); background: var(--accent); }
.account-text { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.account-text strong { overflow-wrap: anywhere; line-height: 1.3; }
.account-text span { color: var(--muted); font-size: 14px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.account-text .handle { font-weight: 600; }
.account-text .service { font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; }
.account-discord .service { color: var(--accent-text); }
a { color: var(--accent-text); }
form { display: flex; flex-wrap: wrap-reverse; gap: 12px; margin-top: 24px; }
button {
  flex: 1 1 140px; min-height: 44px; padding: 10px 18px; border-radius: 10px; cursor: pointer;
  font: inherit; font-weight: 600; border: 1px solid var(--border); background: var(--card); color: var(--text);
}
button:hover { background: var(--soft); }
/* A lone secondary button (such as "Undo") is an escape hatch, not the page's main action. */
button:only-of-type:not(.primary) { flex: none; font-weight: 500; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
button.primary:hover { background: var(--accent-hover); border-color: var(--accent-hover); }
button:focus-visible, a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media (max-width: 480px) {
  body { align-items: flex-start; padding: 16px 12px; }
  main { padding: 20px 20px 24px; border-radius: 14px; }
  .brand { margin-bottom: 20px; }
  h1 { font-size: 22px; }
}
`;
