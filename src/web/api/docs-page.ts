import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  description?: string;
  example?: unknown;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
}
interface Operation {
  summary?: string;
  parameters?: Parameter[];
  security?: unknown[];
  responses: Record<
    string,
    {
      description: string;
      content?: Record<string, { schema: SchemaObject }>;
      headers?: Record<string, unknown>;
    }
  >;
}
/** The parts of an OpenAPI 3.1 document the page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

const refName = (ref: string) => ref.split("/").pop() ?? ref;

function typeOf(schema: SchemaObject | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return `array of ${typeOf(schema.items)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "");
  return schema.format ? `${type} (${schema.format})` : type;
}

const example = (value: unknown): Markup =>
  value === undefined ? html`` : html`<code>${JSON.stringify(value)}</code>`;

function operationSection(base: string, path: string, method: string, op: Operation): Markup {
  return html`<section>
<h2><span class="method">${method.toUpperCase()}</span> <code>${base}${path}</code></h2>
<p>${op.summary ?? ""}</p>
${op.security?.length ? html`<p class="muted">Needs <code>Authorization: Bearer &lt;secret&gt;</code>.</p>` : ""}
${
  op.parameters?.length
    ? html`<h3>Parameters</h3><table><tr><th>Name</th><th>In</th><th>Format</th><th>Example</th></tr>
${op.parameters.map(
  (p) =>
    html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.schema?.pattern ? html`<code>${p.schema.pattern}</code>` : typeOf(p.schema)} ${p.description ?? ""}</td><td>${example(p.schema?.example)}</td></tr>`,
)}</table>`
    : ""
}
<h3>Responses</h3><table><tr><th>Status</th><th>Meaning</th><th>Body</th></tr>
${Object.entries(op.responses).map(
  ([status, r]) =>
    html`<tr><td>${status}</td><td>${r.description}${r.headers ? html` <span class="muted">(headers: ${Object.keys(r.headers).join(", ")})</span>` : ""}</td><td>${typeOf(r.content?.["application/json"]?.schema)}</td></tr>`,
)}</table>
</section>`;
}

function schemaSection(name: string, schema: SchemaObject): Markup {
  const required = new Set(schema.required ?? []);
  return html`<section>
<h2>${name}</h2>
<table><tr><th>Field</th><th>Type</th><th>Meaning</th><th>Example</th></tr>
${Object.entries(schema.properties ?? {}).map(
  ([field, s]) =>
    html`<tr><td><code>${field}</code>${required.has(field) ? "" : html` <span class="muted">(optional)</span>`}</td><td>${typeOf(s)}</td><td>${s.description ?? ""}</td><td>${example(s.example)}</td></tr>`,
)}</table>
</section>`;
}

/** `/api/docs`: the OpenAPI document as a plain page, rendered on the server; no script. */
export function renderApiDocs(doc: OpenApiDocument): Markup {
  const base = doc.servers?.[0]?.url ?? "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/api-docs.css">
</head>
<body>
<h1>${doc.info.title} <span class="muted">v${doc.info.version}</span></h1>
<p>${doc.info.description ?? ""}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a> (OpenAPI 3.1).</p>
${Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => operationSection(base, path, method, op)),
)}
${Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => schemaSection(name, schema))}
</body>
</html>`;
}
