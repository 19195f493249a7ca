import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { OpenApiDocument } from "./documents.ts";

// Formats the vendors use beyond JSON Schema's: documentation only, so any value passes.
const VENDOR_FORMATS = [
  "snowflake",
  "nonce",
  "repo.nwo",
  "ssh-key",
  "ssh-key fingerprint",
  "ip/cidr",
  "timestamp",
];

export interface SchemaSet {
  /** A validator for the schema at a JSON pointer of the document, compiled on first use. */
  validator(pointer: string): ValidateFunction;
  /** The same, coercing strings first: path and query parameters arrive as text. */
  parameterValidator(pointer: string): ValidateFunction;
}

/**
 * Compiles schemas of one document lazily and keeps them: the whole document is registered
 * once under `id`, and each operation's schema is compiled by reference when first needed, so
 * `#/components/...` references resolve as the vendor wrote them.
 */
export function createSchemaSet(id: string, document: OpenApiDocument): SchemaSet {
  const dialect = document.openapi.startsWith("3.0") ? "openapi-3.0" : "openapi-3.1";
  const root = dialect === "openapi-3.0" ? fromOpenApi30(document) : document;
  let plain: Ajv | undefined;
  let coercing: Ajv | undefined;
  const build = (coerceTypes: boolean) => {
    const options = {
      strict: false,
      validateSchema: false,
      inlineRefs: false,
      code: { optimize: false },
      coerceTypes,
    } as const;
    const ajv = dialect === "openapi-3.0" ? new Ajv(options) : new Ajv2020(options);
    addFormats.default(ajv);
    for (const format of VENDOR_FORMATS) ajv.addFormat(format, true);
    ajv.addSchema(root as object, id);
    return ajv;
  };
  const compile = (ajv: Ajv, pointer: string) => {
    const validate = ajv.getSchema(`${id}#${encodePointer(pointer)}`);
    if (!validate) throw new Error(`${id}: no schema at ${pointer}`);
    return validate;
  };
  return {
    validator: (pointer) => compile((plain ??= build(false)), pointer),
    parameterValidator: (pointer) => compile((coercing ??= build(true)), pointer),
  };
}

/** JSON pointer segments as a URI fragment (`{` of path templates would not survive as-is). */
const encodePointer = (pointer: string) =>
  pointer
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema says it (`null` among the types), so a
 * standard validator reads GitHub's description as GitHub means it.
 */
function fromOpenApi30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fromOpenApi30);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = fromOpenApi30(value);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === "string") return { ...out, type: [out.type, "null"] };
  return { anyOf: [out, { type: "null" }] };
}
