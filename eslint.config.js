import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
  {
    // Scripts and test tooling talk to a person on the terminal.
    files: [
      "src/bot/deploy-commands.ts",
      "scripts/**",
      "bench/**",
      "test/support/**/cli.ts",
      "test/support/**/bench.ts",
    ],
    rules: { "no-console": "off" },
  },
);
