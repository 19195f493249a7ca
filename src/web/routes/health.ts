import { Hono } from "hono";

/** What this process's role needs, each up or not: MongoDB always, Discord for a gateway. */
export interface Readiness {
  storage: boolean;
  discord?: boolean;
}

/** `/healthz`: the process answers. `/readyz`: it can do its role's job. */
export function healthRoutes(checkReadiness: () => Promise<Readiness>) {
  return new Hono()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", async (c) => {
      const checks = await checkReadiness();
      const ready = Object.values(checks).every(Boolean);
      return c.json({ status: ready ? "ready" : "not_ready", checks }, ready ? 200 : 503);
    });
}
