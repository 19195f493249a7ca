import { Validator } from "@seriousme/openapi-schema-validator";
import addFormatsModule from "ajv-formats";
import { Ajv2020 } from "ajv/dist/2020.js";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, ResponseSpec> }>>;
  components?: Record<string, unknown>;
};
type ResponseSpec = { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> };

/** Checks a document against the OpenAPI 3.1 specification's own schema. */
export async function validateOpenApiDocument(doc: unknown): Promise<{ valid: boolean; errors: unknown }> {
  const result = await new Validator().validate(doc as Parameters<Validator["validate"]>[0]);
  return { valid: result.valid, errors: result.errors };
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/**
 * Holds every API response a test sees to the document the server published: the route and
 * the status must be listed, and the body must match that response's JSON schema.
 */
export function createResponseChecker(doc: Doc, basePath: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "openapi.json", components: doc.components ?? {} });
  const routes = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${basePath}${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));

  return async (method: string, res: Response): Promise<unknown> => {
    const path = new URL(res.url).pathname;
    const route = routes.find((r) => r.pattern.test(path));
    if (!route) throw new Error(`${path} is not in the OpenAPI document`);
    const spec = doc.paths[route.template]?.[method.toLowerCase()]?.responses[String(res.status)];
    if (!spec) throw new Error(`${method} ${route.template} does not document status ${res.status}`);
    const body: unknown = await res.json();
    const schema = spec.content?.["application/json"]?.schema;
    if (!schema) throw new Error(`${method} ${route.template} ${res.status} has no JSON schema`);
    const refs = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'),
    );
    const validate = ajv.compile(refs);
    if (!validate(body))
      throw new Error(
        `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`,
      );
    return body;
  };
}
