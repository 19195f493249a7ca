import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Every request to the GitHub and Discord stand-ins is checked against the vendors'
    // descriptions (test/support/api-descriptions/); the run ends with what was exercised.
    setupFiles: ["test/support/api-descriptions/vitest-setup.ts"],
    globalSetup: ["test/support/api-descriptions/global-setup.ts"],
  },
});
