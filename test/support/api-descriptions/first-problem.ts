import type { ErrorObject, ValidateFunction } from "ajv";
import { readPointer } from "./schemas.ts";

export const mediaType = (header: string) => header.split(";")[0]?.trim().toLowerCase() ?? "";

/** The first problem ajv found, at the deepest field it names (the most telling of a union). */
export function firstProblem(
  validator: ValidateFunction,
  value: unknown,
): { field: string; message: string; value: unknown } | null {
  if (validator(value)) return null;
  const errors = validator.errors ?? [];
  const deepest = errors.reduce<ErrorObject | undefined>(
    (best, error) => (!best || error.instancePath.length > best.instancePath.length ? error : best),
    undefined,
  );
  if (!deepest) return { field: "", message: "does not match the schema", value };
  const detail = deepest.keyword === "enum" ? ` (${JSON.stringify(deepest.params.allowedValues)})` : "";
  // An unexpected property is named in the field, as a missing one is in the message.
  if (deepest.keyword === "additionalProperties") {
    const field = `${deepest.instancePath}/${String(deepest.params.additionalProperty)}`;
    return { field, message: "is not in the schema", value: readPointer(value, field) };
  }
  return {
    field: deepest.instancePath,
    message: `${deepest.message ?? "does not match"}${detail}`,
    value: readPointer(value, deepest.instancePath),
  };
}
