import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The compiled bot for the process tests; and the summary of what the stand-ins' traffic
    // exercised of the vendors' descriptions (test/support/api-descriptions/).
    globalSetup: ["test/support/global-setup.ts", "test/support/api-descriptions/global-setup.ts"],
    // Every request to the GitHub and Discord stand-ins is checked against those descriptions.
    setupFiles: ["test/support/api-descriptions/vitest-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
