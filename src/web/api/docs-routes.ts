import { Hono } from "hono";
import type { LinkingDeps } from "../../linking/index.ts";
import { sendPage } from "../respond.ts";
import { type OpenApiDocument, renderApiDocs } from "./docs-page.ts";
import { DOCS_STYLESHEET } from "./docs-style.ts";
import { apiRoutes, openApiInfo } from "./routes.ts";

/** `/api/v1` (routes and openapi.json) and `/api/docs`, the same document as a page; both public. */
export function apiAndDocsRoutes(deps: LinkingDeps) {
  const api = apiRoutes(deps);
  const doc = api.getOpenAPI31Document(openApiInfo(deps)) as unknown as OpenApiDocument;
  return new Hono()
    .route("/api/v1", api)
    .get("/api/docs", (c) => sendPage(c, renderApiDocs(doc)))
    .get("/assets/api-docs.css", (c) =>
      c.body(DOCS_STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" }),
    );
}
