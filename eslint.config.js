import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Folders show which way dependencies go: commands/ and src/web/ (the two doors) and src/bot/
 * call src/linking/, which alone reaches storage, GitHub and Discord; those never call back up,
 * nor sideways into each other; src/domain/ and src/errors/ are leaves. An import against that
 * direction fails the lint.
 */
const FOLDER = {
  storage: "storage/",
  github: "github/",
  discord: "discord/",
  crypto: "crypto/",
  linking: "linking/",
  bot: "bot/",
  web: "web/",
  commands: "commands/",
  root: "(start|main)\\.ts$",
  mongoose: "mongoose$",
};
const WHY = {
  storage: "only src/linking/ reaches storage; call a linking function instead",
  github: "only src/linking/ talks to GitHub; call a linking function instead",
  discord: "only src/linking/ and the bot reach Discord",
  crypto: "sealing and states belong to src/linking/",
  linking: "this folder sits below src/linking/ and must not call back up into it",
  bot: "src/bot/ is the gateway client; nothing below it may depend on it",
  web: "src/web/ is the HTTP door; nothing below it may depend on it",
  commands: "commands/ are entry points; nothing below them may depend on them",
  root: "start.ts/main.ts are the composition root; pass what you need in as deps",
  mongoose: "models stay behind the functions in src/storage/",
};
const forbid = (files, names) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: names.map((name) => ({ regex: `(^|/)${FOLDER[name]}`, message: WHY[name] })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "docs/", "bench/results.json", ".data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  forbid(["commands/**"], ["storage", "github", "crypto", "web", "root", "mongoose"]),
  forbid(["src/bot/**"], ["storage", "github", "crypto", "web", "root", "mongoose"]),
  forbid(["src/web/**"], ["storage", "github", "discord", "bot", "commands", "root", "mongoose"]),
  forbid(["src/linking/**"], ["bot", "web", "commands", "root", "mongoose"]),
  forbid(["src/storage/**"], ["linking", "bot", "web", "commands", "root", "github", "discord", "crypto"]),
  forbid(
    ["src/github/**"],
    ["linking", "bot", "web", "commands", "root", "storage", "discord", "crypto", "mongoose"],
  ),
  forbid(
    ["src/discord/**"],
    ["linking", "bot", "web", "commands", "root", "storage", "github", "crypto", "mongoose"],
  ),
  forbid(
    ["src/crypto/**"],
    ["linking", "bot", "web", "commands", "root", "storage", "github", "discord", "mongoose"],
  ),
  {
    // The shared types and the error catalogue import nothing of ours.
    files: ["src/domain/**", "src/errors/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^\\.\\./",
              message: "src/domain/ and src/errors/ are leaves: they import nothing of ours",
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts and test tooling talk to a person on the terminal.
    files: ["scripts/**", "bench/**", "test/support/**/cli.ts", "test/support/**/bench.ts"],
    rules: { "no-console": "off" },
  },
);
