import type { OpenApiDocument, SecurityRequirement } from "./documents.ts";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** JSON pointer of the parameter's schema in the document. */
  schemaPointer: string;
  isArray: boolean;
}

export interface Operation {
  id: string;
  method: string;
  template: string;
  parameters: Parameter[];
  /** Media type → JSON pointer of its schema; null when the operation takes no body. */
  requestBody: { required: boolean; content: Record<string, string | null> } | null;
  /** Status ("204", "4XX", "default") → media type → schema pointer (null: no schema). */
  responses: Record<string, Record<string, string | null>>;
  security: SecurityRequirement[] | undefined;
}

interface IndexedOperation {
  operation: Operation;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
}

export interface OperationIndex {
  /** The operation for this method and path (after the API's prefix), or why there is none. */
  find(method: string, path: string): { operation: Operation; params: Record<string, string> } | string;
}

/** Every operation of the document, most specific template first (`/users/@me` before `/users/{id}`). */
export function indexOperations(document: OpenApiDocument): OperationIndex {
  const entries: IndexedOperation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const pathParameters = (item.parameters as unknown[] | undefined) ?? [];
    const base = `/paths/${escape(template)}`;
    for (const method of METHODS) {
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!raw) continue;
      const operation = readOperation(document, template, method, raw, base, pathParameters);
      const segments = template.split("/").filter(Boolean);
      const names: string[] = [];
      const source = segments
        .map((segment) => {
          const param = /^\{(.+)\}$/.exec(segment);
          if (!param?.[1]) return escapeRegExp(segment);
          names.push(param[1]);
          return "([^/]+)";
        })
        .join("/");
      entries.push({
        operation,
        pattern: new RegExp(`^/${source}/?$`),
        names,
        literalSegments: segments.length - names.length,
      });
    }
  }
  entries.sort((a, b) => b.literalSegments - a.literalSegments);
  return {
    find(method, rawPath) {
      // Clients may percent-encode a literal segment (discord.js sends `%40original`).
      const path = rawPath.split("/").map(decodeSegment).join("/");
      const matching = entries.filter((entry) => entry.pattern.test(path));
      if (matching.length === 0) return `no operation has the path ${path}`;
      const entry = matching.find((candidate) => candidate.operation.method === method.toUpperCase());
      if (!entry) {
        const allowed = [...new Set(matching.map((candidate) => candidate.operation.method))].join(", ");
        return `${matching[0]?.operation.template} has no ${method.toUpperCase()} (only ${allowed})`;
      }
      const values = entry.pattern.exec(path)?.slice(1) ?? [];
      const params = Object.fromEntries(entry.names.map((name, i) => [name, values[i] ?? ""]));
      return { operation: entry.operation, params };
    },
  };
}

function readOperation(
  document: OpenApiDocument,
  template: string,
  method: string,
  raw: Record<string, unknown>,
  base: string,
  pathParameters: unknown[],
): Operation {
  const pointer = `${base}/${method}`;
  const byKey = new Map<string, Parameter>();
  const addParameters = (list: unknown[], listPointer: string) =>
    list.forEach((entry, i) => {
      const parameter = readParameter(document, entry, `${listPointer}/${i}`);
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    });
  addParameters(pathParameters, `${base}/parameters`);
  addParameters((raw.parameters as unknown[] | undefined) ?? [], `${pointer}/parameters`);
  const responses: Operation["responses"] = {};
  for (const status of Object.keys((raw.responses as object | undefined) ?? {})) {
    const response = resolve(document, raw.responses as object, `${pointer}/responses`, status);
    responses[status] = readContent(response.value, response.pointer);
  }
  let requestBody: Operation["requestBody"] = null;
  if (raw.requestBody) {
    const body = resolve(document, raw, pointer, "requestBody");
    const value = body.value as { required?: boolean };
    requestBody = { required: value.required === true, content: readContent(body.value, body.pointer) };
  }
  return {
    id: typeof raw.operationId === "string" ? raw.operationId : `${method} ${template}`,
    method: method.toUpperCase(),
    template,
    parameters: [...byKey.values()],
    requestBody,
    responses,
    security: (raw.security as SecurityRequirement[] | undefined) ?? document.security,
  };
}

function readParameter(document: OpenApiDocument, entry: unknown, pointer: string): Parameter {
  const { value, pointer: at } = follow(document, entry, pointer);
  const parameter = value as {
    name: string;
    in: Parameter["in"];
    required?: boolean;
    schema?: { type?: unknown };
  };
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true || parameter.in === "path",
    schemaPointer: `${at}/schema`,
    isArray: parameter.schema?.type === "array",
  };
}

function readContent(response: unknown, pointer: string): Record<string, string | null> {
  const content = (response as { content?: Record<string, { schema?: unknown }> }).content ?? {};
  return Object.fromEntries(
    Object.entries(content).map(([type, media]) => [
      type,
      media.schema === undefined ? null : `${pointer}/content/${escape(type)}/schema`,
    ]),
  );
}

/** `parent[key]`, following a `$ref` to the component it names, with the pointer of the result. */
const resolve = (document: OpenApiDocument, parent: object, parentPointer: string, key: string) =>
  follow(document, (parent as Record<string, unknown>)[key], `${parentPointer}/${escape(key)}`);

function follow(
  document: OpenApiDocument,
  start: unknown,
  pointer: string,
): { value: unknown; pointer: string } {
  let value = start;
  let at = pointer;
  for (let hops = 0; hops < 10; hops++) {
    const ref = (value as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) break;
    at = ref.slice(1);
    value = at
      .split("/")
      .slice(1)
      .reduce<unknown>(
        (node, segment) => (node as Record<string, unknown> | undefined)?.[unescape(segment)],
        document,
      );
  }
  return { value, pointer: at };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const escape = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (segment: string): string => segment.replace(/~1/g, "/").replace(/~0/g, "~");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
