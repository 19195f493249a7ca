import type { CheckedApi, Exchange } from "./check-exchange.ts";
import { firstProblem, mediaType } from "./first-problem.ts";
import type { Operation } from "./operations.ts";
import type { Violation } from "./violations.ts";

type Report = (violation: Omit<Violation, "api" | "operation">) => void;

/** The answer against the operation's response for its status (or a status any operation may give). */
export function checkResponse(
  api: CheckedApi,
  operation: Operation,
  response: NonNullable<Exchange["response"]>,
  report: Report,
) {
  const status = String(response.status);
  const documented =
    operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  let content: Record<string, string | null>;
  if (documented) content = documented;
  else {
    const generic = api.genericResponse(response.status);
    if (!generic) {
      const listed = Object.keys(operation.responses).join(", ");
      report({
        side: "response",
        field: "status",
        message: `is not documented (only ${listed})`,
        value: response.status,
      });
      return;
    }
    content = generic.schemaPointer ? { "application/json": generic.schemaPointer } : {};
  }
  const sent = response.body !== undefined;
  if (Object.keys(content).length === 0) {
    if (sent)
      report({
        side: "response",
        field: "",
        message: `${status} is documented without a body`,
        value: response.body,
      });
    return;
  }
  const type = mediaType(response.contentType);
  if (!(type in content)) {
    const expected = Object.keys(content).join(", ");
    report({
      side: "response",
      field: "header.content-type",
      message: `${type || "(none)"} is not ${expected}`,
    });
    return;
  }
  const pointer = content[type];
  if (!pointer) return;
  const problem = firstProblem(api.schemas.validator(pointer), response.body);
  if (problem) report({ side: "response", ...problem });
}
