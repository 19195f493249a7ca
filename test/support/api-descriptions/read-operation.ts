import type { OpenApiDocument, SecurityRequirement } from "./documents.ts";
import type { Operation, Parameter } from "./operations.ts";

/** One operation of the document, its parameters, body and responses followed through `$ref`s. */
export function readOperation(
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

export const escape = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (segment: string): string => segment.replace(/~1/g, "/").replace(/~0/g, "~");
