import {
  buildClientSchema,
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  type GraphQLError,
  type GraphQLSchema,
  type IntrospectionQuery,
  Kind,
  parse,
  validate,
} from "graphql";
import { readFileSync } from "node:fs";
import { packageFile, packageVersion } from "./documents.ts";
import { countExercised, recordViolation } from "./record.ts";

let schema: GraphQLSchema | undefined;

/** GitHub's GraphQL schema, built once per worker and only when a test posts GraphQL. */
export function githubGraphqlSchema(): GraphQLSchema {
  // From the introspection result, as the package's own validate() does (its SDL repeats fields).
  schema ??= buildClientSchema(
    JSON.parse(
      readFileSync(packageFile("@octokit/graphql-schema", "schema.json"), "utf8"),
    ) as IntrospectionQuery,
  );
  return schema;
}

export type CheckedGraphqlRequest =
  | { document: DocumentNode; variables: Record<string, unknown>; operationName?: string }
  | {
      errors: ReadonlyArray<{ message: string; locations?: ReadonlyArray<{ line: number; column: number }> }>;
    };

/**
 * Holds a GraphQL request to GitHub's schema: the document parses, every field and argument
 * exists with the right types, and the variables fit their declared types. A request that
 * fails is recorded as a mismatch (GitHub would answer it with errors) and its errors returned.
 */
export function checkGraphqlRequest(body: unknown): CheckedGraphqlRequest {
  const api = `GitHub GraphQL (@octokit/graphql-schema ${packageVersion("@octokit/graphql-schema")})`;
  const {
    query,
    variables = {},
    operationName,
  } = (body ?? {}) as {
    query?: unknown;
    variables?: Record<string, unknown> | null;
    operationName?: string;
  };
  const fail = (operation: string, errors: ReadonlyArray<GraphQLError | { message: string }>) => {
    for (const error of errors) {
      const at = "locations" in error && error.locations?.[0];
      const field = at ? `line ${at.line}, column ${at.column}` : "(document)";
      recordViolation({ api, operation, side: "request", field, message: error.message });
    }
    return { errors: errors.map((e) => ("toJSON" in e ? e.toJSON() : { message: e.message })) };
  };
  if (typeof query !== "string")
    return fail("(no query)", [{ message: "A query attribute must be specified." }]);
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return fail("(unparsable document)", [error as GraphQLError]);
  }
  const operation = getOperationAST(document, operationName);
  const name = describeOperation(document, operationName);
  const invalid = validate(githubGraphqlSchema(), document);
  if (invalid.length > 0) return fail(name, invalid);
  const coerced = getVariableValues(
    githubGraphqlSchema(),
    operation?.variableDefinitions ?? [],
    variables ?? {},
  );
  if (coerced.errors) return fail(name, coerced.errors);
  countExercised(api, name);
  return { document, variables: variables ?? {}, operationName };
}

/** `query viewer` or `query Sponsor: user, organization`: the operation and its top-level fields. */
function describeOperation(document: DocumentNode, operationName?: string): string {
  const operation = getOperationAST(document, operationName);
  if (!operation) return "(no single operation)";
  const fields = operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD ? [s.name.value] : [],
  );
  return `${operation.operation}${operation.name ? ` ${operation.name.value}:` : ""} ${fields.join(", ")}`;
}
