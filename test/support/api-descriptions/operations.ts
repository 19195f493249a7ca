import type { OpenApiDocument, SecurityRequirement } from "./documents.ts";
import { escape, readOperation } from "./read-operation.ts";

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

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
