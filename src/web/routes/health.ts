import { Hono } from "hono";

export interface Readiness {
  storage: boolean;
  discord: boolean;
}

/** `/healthz`: the process answers. `/readyz`: it can do its job (MongoDB and Discord up). */
export function healthRoutes(checkReadiness: () => Promise<Readiness>) {
  return new Hono()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", async (c) => {
      const checks = await checkReadiness();
      const ready = checks.storage && checks.discord;
      return c.json({ status: ready ? "ready" : "not_ready", checks }, ready ? 200 : 503);
    });
}
