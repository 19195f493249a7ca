import { serve } from "@hono/node-server";
import { Hono } from "hono";

// The ceiling: the same web stack as the bot with nothing behind the route.
const app = new Hono().get("/", (c) => c.text("ok"));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
