import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { Ajv2020 } from "ajv/dist/2020.js";

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
  /** A parameter or form field as the schema at `pointer` types it (they arrive as text). */
  coerce(pointer: string, value: string | string[]): unknown;
}

/**
 * Compiles the schemas of a document (an OpenAPI description, or a JSON Schema with
 * definitions) lazily and keeps them. Only what a validator reaches is prepared (OpenAPI 3.0's
 * `nullable` turned into JSON Schema) and registered, each component once under its own id, so
 * `#/...` references resolve as the vendor wrote them and are shared between validators; the
 * rest of a large document is never touched (ajv would compile a whole registered document).
 */
export function createSchemaSet(
  id: string,
  document: unknown,
  dialect: "openapi-3.0" | "openapi-3.1" | "draft-07",
): SchemaSet {
  const openapi30 = dialect === "openapi-3.0";
  const options = {
    strict: false,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false },
  } as const;
  const ajv = dialect === "openapi-3.1" ? new Ajv2020(options) : new Ajv(options);
  addFormats.default(ajv);
  for (const format of VENDOR_FORMATS) ajv.addFormat(format, true);
  const registered = new Set<string>();
  const compiled = new Map<string, ValidateFunction>();
  const urlOf = (pointer: string) => `https://api-descriptions.invalid/${id}/${encodeURIComponent(pointer)}`;

  /** A copy of the schema at `pointer`, with its references made absolute and their targets registered. */
  const prepare = (pointer: string): unknown => {
    const pending: string[] = [];
    const copy = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(copy);
      if (typeof node !== "object" || node === null) return node;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#")) {
          pending.push(value.slice(1));
          out.$ref = urlOf(value.slice(1));
        } else out[key] = copy(value);
      }
      return openapi30 ? fromNullable(out) : out;
    };
    const schema = copy(readPointer(document, pointer));
    for (const target of pending) {
      if (registered.has(target)) continue;
      registered.add(target);
      ajv.addSchema(prepare(target) as object, urlOf(target));
    }
    return schema;
  };

  return {
    validator(pointer) {
      let validate = compiled.get(pointer);
      if (!validate) {
        validate = ajv.compile(prepare(pointer) as object);
        compiled.set(pointer, validate);
      }
      return validate;
    },
    coerce: (pointer, value) => coerceText(document, readPointer(document, pointer), value),
  };
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema says it (`null` among the types), so a
 * standard validator reads GitHub's description as GitHub means it.
 */
function fromNullable(schema: Record<string, unknown>): Record<string, unknown> {
  if (schema.nullable !== true) return schema;
  const { nullable: _nullable, ...rest } = schema;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === "string") return { ...rest, type: [rest.type, "null"] };
  return { anyOf: [rest, { type: "null" }] };
}

/** Text turned into the number, boolean or list the schema asks for; anything else stays text. */
function coerceText(document: unknown, schema: unknown, value: string | string[]): unknown {
  const resolved = follow(document, schema) as { type?: unknown; items?: unknown } | undefined;
  const types = [resolved?.type].flat();
  if (types.includes("array")) {
    const items = Array.isArray(value) ? value : value.split(",");
    return items.map((item) => coerceText(document, resolved?.items, item));
  }
  const text = Array.isArray(value) ? (value[0] ?? "") : value;
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(text))
    return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}

function follow(document: unknown, schema: unknown): unknown {
  let node = schema;
  for (let hops = 0; hops < 10; hops++) {
    const ref = (node as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#")) return node;
    node = readPointer(document, ref.slice(1));
  }
  return node;
}

export function readPointer(root: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
}
