import type { ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { packageFile, packageVersion } from "./documents.ts";
import { firstProblem } from "./first-problem.ts";
import { countExercised, recordViolation } from "./record.ts";
import { createSchemaSet, type SchemaSet } from "./schemas.ts";

let schemas: { set: SchemaSet; definitions: Record<string, unknown> } | undefined;

/** The schema of an event (`installation_event`, or `ping$event` for the one without actions). */
function validatorFor(event: string): ValidateFunction | undefined {
  if (!schemas) {
    const path = packageFile("@octokit/webhooks-schemas", "schema.json");
    const schema = JSON.parse(readFileSync(path, "utf8")) as { definitions: Record<string, unknown> };
    schemas = {
      set: createSchemaSet("github-webhooks", schema, "draft-07"),
      definitions: schema.definitions,
    };
  }
  const name = [`${event}_event`, `${event}$event`].find(
    (candidate) => candidate in (schemas?.definitions ?? {}),
  );
  return name === undefined ? undefined : schemas.set.validator(`/definitions/${name}`);
}

/**
 * Holds a webhook delivery a test sends to GitHub's payload schemas; a payload GitHub would
 * never send fails the test like any other mismatch.
 */
export function checkWebhookPayload(event: string, payload: unknown): void {
  const api = `GitHub webhooks (@octokit/webhooks-schemas ${packageVersion("@octokit/webhooks-schemas")})`;
  const action = (payload as { action?: unknown } | null)?.action;
  const operation = typeof action === "string" ? `${event}.${action}` : event;
  const validate = validatorFor(event);
  if (!validate) {
    recordViolation({
      api,
      operation,
      side: "request",
      field: "header.x-github-event",
      message: "is no event GitHub sends",
      value: event,
    });
    return;
  }
  countExercised(api, operation);
  const problem = firstProblem(validate, payload);
  if (problem) recordViolation({ api, operation, side: "request", ...problem });
}
