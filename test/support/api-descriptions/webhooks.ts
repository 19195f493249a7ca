import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { packageFile, packageVersion } from "./documents.ts";
import { firstProblem } from "./first-problem.ts";
import { countExercised, recordViolation } from "./record.ts";

const ID = "github-webhooks";
let ajv: Ajv | undefined;
let definitions: Record<string, unknown> = {};
const validators = new Map<string, ValidateFunction>();

/** The schema of an event (`installation_event`, or `ping$event` for the one without actions). */
function validatorFor(event: string): ValidateFunction | undefined {
  if (!ajv) {
    const schema = JSON.parse(
      readFileSync(packageFile("@octokit/webhooks-schemas", "schema.json"), "utf8"),
    ) as {
      definitions: Record<string, unknown>;
    };
    definitions = schema.definitions;
    ajv = new Ajv({ strict: false, validateSchema: false, inlineRefs: false });
    addFormats.default(ajv);
    ajv.addSchema(schema, ID);
  }
  const name = [`${event}_event`, `${event}$event`].find((candidate) => candidate in definitions);
  if (!name) return undefined;
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.getSchema(`${ID}#/definitions/${encodeURIComponent(name)}`);
    if (validate) validators.set(name, validate);
  }
  return validate;
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
