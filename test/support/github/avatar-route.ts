import { Hono } from "hono";
import type { StandInEnv } from "./faults.ts";

/** GET /avatars/u/:id: a plain SVG, so pages showing a default avatar load it offline. */
export function createAvatarRoute(): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();
  route.get("/avatars/u/:id", (c) => {
    const hue = ((Number(c.req.param("id")) || 0) * 47) % 360;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${hue} 60% 55%)"/></svg>`;
    return c.body(svg, 200, { "content-type": "image/svg+xml" });
  });
  return route;
}
