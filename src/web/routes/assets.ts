import { Hono } from "hono";
import { FAVICON } from "../pages/icons.ts";
import { STYLESHEET } from "../pages/style.ts";

/** The pages' only files: no inline style, no script, nothing from another host. */
export const assetRoutes = () =>
  new Hono()
    .get("/assets/octolink.css", (c) =>
      c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" }),
    )
    .get("/assets/favicon.svg", (c) =>
      c.body(FAVICON, 200, { "Content-Type": "image/svg+xml; charset=utf-8" }),
    );
