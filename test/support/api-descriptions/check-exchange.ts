import { checkResponse } from "./check-response.ts";
import { firstProblem, mediaType } from "./first-problem.ts";
import type { Operation, OperationIndex } from "./operations.ts";
import type { SchemaSet } from "./schemas.ts";
import type { Violation } from "./violations.ts";

/** One HTTP request a stand-in received, and what it answered (null: no answer, e.g. a cut socket). */
export interface Exchange {
  method: string;
  /** The path after the API's prefix (`/api/v3`, `/api/v10`). */
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** Parsed JSON, a form's fields, or multipart's payload_json; undefined without a body. */
  body: unknown;
  response: { status: number; contentType: string; body: unknown } | null;
}

/** One vendor description, ready to check exchanges against. */
export interface CheckedApi {
  name: string;
  index: OperationIndex;
  schemas: SchemaSet;
  /** Why the request's credentials do not fit the operation, or null. */
  checkAuth(operation: Operation, exchange: Exchange, params: Record<string, string>): string | null;
  /** A status every operation may answer though none lists it (see exempt-endpoints.ts). */
  genericResponse(status: number): { schemaPointer: string | null } | null;
}

export interface CheckResult {
  operation: Operation | null;
  violations: Violation[];
}

export function checkExchange(api: CheckedApi, exchange: Exchange): CheckResult {
  const found = api.index.find(exchange.method, exchange.path);
  if (typeof found === "string") {
    const operation = `${exchange.method} ${exchange.path}`;
    return {
      operation: null,
      violations: [{ api: api.name, operation, side: "request", field: "path", message: found }],
    };
  }
  const { operation, params } = found;
  const violations: Violation[] = [];
  const report = (violation: Omit<Violation, "api" | "operation">) =>
    violations.push({ api: api.name, operation: operation.id, ...violation });
  checkParameters(api, operation, exchange, params, report);
  const authProblem = api.checkAuth(operation, exchange, params);
  if (authProblem) report({ side: "request", field: "header.authorization", message: authProblem });
  checkRequestBody(api, operation, exchange, report);
  if (exchange.response) checkResponse(api, operation, exchange.response, report);
  return { operation, violations };
}

type Report = (violation: Omit<Violation, "api" | "operation">) => void;

function checkParameters(
  api: CheckedApi,
  operation: Operation,
  exchange: Exchange,
  params: Record<string, string>,
  report: Report,
) {
  const known = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  for (const name of new Set(exchange.query.keys())) {
    if (!known.has(name)) {
      report({ side: "request", field: `query.${name}`, message: "is not a parameter of this operation" });
    }
  }
  for (const parameter of operation.parameters) {
    if (parameter.in === "cookie") continue;
    const field = `${parameter.in}.${parameter.name}`;
    const value =
      parameter.in === "path"
        ? params[parameter.name]
        : parameter.in === "query"
          ? parameter.isArray
            ? nonEmpty(exchange.query.getAll(parameter.name))
            : (exchange.query.get(parameter.name) ?? undefined)
          : exchange.headers[parameter.name.toLowerCase()];
    if (value === undefined) {
      if (parameter.required) report({ side: "request", field, message: "is required" });
      continue;
    }
    const typed = api.schemas.coerce(parameter.schemaPointer, value);
    const problem = firstProblem(api.schemas.validator(parameter.schemaPointer), typed);
    if (problem) report({ side: "request", field: field + problem.field, message: problem.message, value });
  }
}

const nonEmpty = (values: string[]) => (values.length > 0 ? values : undefined);

function checkRequestBody(api: CheckedApi, operation: Operation, exchange: Exchange, report: Report) {
  const sent = exchange.body !== undefined;
  const declared = operation.requestBody;
  if (!declared) {
    if (sent) report({ side: "request", field: "", message: "is sent, but the operation takes no body" });
    return;
  }
  if (!sent) {
    if (declared.required) report({ side: "request", field: "", message: "is required" });
    return;
  }
  const type = mediaType(exchange.headers["content-type"] ?? "");
  if (!(type in declared.content)) {
    const accepted = Object.keys(declared.content).join(", ");
    report({ side: "request", field: "header.content-type", message: `${type} is not one of ${accepted}` });
    return;
  }
  const pointer = declared.content[type];
  if (!pointer) return;
  const problem = firstProblem(
    api.schemas.validator(pointer),
    typeFormFields(api, pointer, type, exchange.body),
  );
  if (problem) report({ side: "request", ...problem });
}

/** Form fields arrive as text, as parameters do: typed by the schema's properties first. */
function typeFormFields(api: CheckedApi, pointer: string, type: string, body: unknown): unknown {
  if (type !== "application/x-www-form-urlencoded" || typeof body !== "object" || body === null) return body;
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [
      name,
      typeof value === "string" ? api.schemas.coerce(`${pointer}/properties/${name}`, value) : value,
    ]),
  );
}
