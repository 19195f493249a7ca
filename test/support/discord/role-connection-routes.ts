import { invalidFormBody, replyError, unauthorized } from "./discord-errors.ts";
import type { RestReply, RestRequest, RouteDefinition } from "./router.ts";
import type { StandInState } from "./state.ts";

/** Discord's application-role-connection-metadata types: 1-4 integers, 5-6 dates, 7-8 booleans. */
export interface RoleConnectionMetadataRecord {
  type: number;
  key: string;
  name: string;
  description: string;
}

export interface RoleConnectionRecord {
  platform_name: string | null;
  platform_username: string | null;
  metadata: Record<string, string>;
}

const KEY = /^[a-z0-9_]{1,50}$/;
const INTEGER = /^-?\d+$/;
const isText = (v: unknown, min: number, max: number): v is string =>
  typeof v === "string" && v.length >= min && v.length <= max;

// The application's metadata (bot token) and each user's connection (their OAuth2 token with
// `role_connections.write`), as docs/resources/application-role-connection-metadata and
// docs/resources/user#update-current-user-application-role-connection describe them.
export function createRoleConnectionRoutes(state: StandInState): RouteDefinition[] {
  const forThisApp = (request: RestRequest): RestReply | undefined =>
    request.params.applicationId === state.config.applicationId
      ? undefined
      : replyError(404, 10002, "Unknown Application");
  return [
    {
      method: "GET",
      pattern: "/applications/:applicationId/role-connections/metadata",
      auth: "bot",
      handle: (request) => forThisApp(request) ?? { status: 200, body: state.roleConnectionMetadata },
    },
    {
      method: "PUT",
      pattern: "/applications/:applicationId/role-connections/metadata",
      auth: "bot",
      handle: (request) => forThisApp(request) ?? replaceMetadata(state, request.body),
    },
    {
      method: "GET",
      pattern: "/users/@me/applications/:applicationId/role-connection",
      auth: "bearer",
      handle: (request) =>
        forThisApp(request) ??
        withScope(request, (userId) => ({ status: 200, body: render(state.roleConnections.get(userId)) })),
    },
    {
      method: "PUT",
      pattern: "/users/@me/applications/:applicationId/role-connection",
      auth: "bearer",
      handle: (request) =>
        forThisApp(request) ?? withScope(request, (userId) => updateConnection(state, userId, request.body)),
    },
  ];
}

/** A user's token without `role_connections.write` may not read or write the connection. */
function withScope(request: RestRequest, handle: (userId: string) => RestReply): RestReply {
  const { caller } = request;
  if (caller.kind !== "bearer" || !caller.scopes.includes("role_connections.write")) return unauthorized();
  return handle(caller.userId);
}

function replaceMetadata(state: StandInState, body: unknown): RestReply {
  if (!Array.isArray(body)) return invalidFormBody("_root", "BASE_TYPE_ARRAY", "Must be an array.");
  if (body.length > 5)
    return invalidFormBody("_root", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
  const keys = new Set<string>();
  for (const [index, item] of (body as Array<Record<string, unknown>>).entries()) {
    const problem = checkMetadataItem(item, keys);
    if (problem) return invalidFormBody(`${index}.${problem.field}`, problem.code, problem.message);
    keys.add(String(item.key));
  }
  // A PUT replaces the whole list (so running it twice changes nothing).
  state.roleConnectionMetadata = (body as RoleConnectionMetadataRecord[]).map(
    ({ type, key, name, description }) => ({ type, key, name, description }),
  );
  return { status: 200, body: state.roleConnectionMetadata };
}

function checkMetadataItem(item: Record<string, unknown>, keys: Set<string>) {
  if (!Number.isInteger(item.type) || Number(item.type) < 1 || Number(item.type) > 8)
    return { field: "type", code: "ENUM_TYPE_COERCE", message: "Value is not a valid enum value." };
  if (typeof item.key !== "string" || !KEY.test(item.key))
    return {
      field: "key",
      code: "APPLICATION_ROLE_CONNECTIONS_METADATA_KEY_INVALID",
      message: "Invalid key",
    };
  if (keys.has(item.key))
    return {
      field: "key",
      code: "APPLICATION_ROLE_CONNECTIONS_METADATA_KEY_DUPLICATE",
      message: "Duplicate key",
    };
  if (!isText(item.name, 1, 100))
    return { field: "name", code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." };
  if (!isText(item.description, 1, 200))
    return {
      field: "description",
      code: "BASE_TYPE_BAD_LENGTH",
      message: "Must be between 1 and 200 in length.",
    };
  return undefined;
}

function updateConnection(state: StandInState, userId: string, body: unknown): RestReply {
  const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const { platform_name: name = null, platform_username: username = null } = input;
  if (name !== null && !isText(name, 0, 50))
    return invalidFormBody("platform_name", "BASE_TYPE_MAX_LENGTH", "Must be 50 or fewer in length.");
  if (username !== null && !isText(username, 0, 100))
    return invalidFormBody("platform_username", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
  const metadata = (input.metadata ?? {}) as Record<string, unknown>;
  const previous = state.roleConnections.get(userId);
  // Reported on Discord's tracker (sc2-pulse/sc2-pulse#432): an empty metadata object answers
  // 200 and changes nothing, so a member "cleared" that way keeps the values they had.
  if (typeof metadata !== "object" || Object.keys(metadata).length === 0)
    return { status: 200, body: render(previous) };
  const problem = checkMetadataValues(state, metadata);
  if (problem) return invalidFormBody(`metadata.${problem.key}`, problem.code, problem.message);
  const record: RoleConnectionRecord = {
    platform_name: name as string | null,
    platform_username: username as string | null,
    metadata: metadata as Record<string, string>,
  };
  state.roleConnections.set(userId, record);
  state.roleConnectionPuts.push({ userId, record });
  return { status: 200, body: render(record) };
}

/**
 * Values are strings of at most 100 characters, integers for the integer types. Stricter than
 * Discord in one way: a key the application never registered is refused rather than silently
 * kept (as reported in sc2-pulse/sc2-pulse#432), so a misspelt key fails a test loudly.
 */
function checkMetadataValues(state: StandInState, metadata: Record<string, unknown>) {
  if (Object.keys(metadata).length > 5)
    return { key: "_root", code: "BASE_TYPE_MAX_LENGTH", message: "Must be 5 or fewer in length." };
  for (const [key, value] of Object.entries(metadata)) {
    const registered = state.roleConnectionMetadata.find((m) => m.key === key);
    if (!registered)
      return { key, code: "APPLICATION_ROLE_CONNECTIONS_METADATA_KEY_INVALID", message: "Unknown key" };
    if (!isText(value, 1, 100))
      return { key, code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." };
    if (registered.type <= 4 && !INTEGER.test(value))
      return { key, code: "NUMBER_TYPE_COERCE", message: `Value "${value}" is not int.` };
  }
  return undefined;
}

const render = (record: RoleConnectionRecord | undefined) => ({
  ...(record?.platform_name ? { platform_name: record.platform_name } : {}),
  platform_username: record?.platform_username ?? null,
  metadata: record?.metadata ?? {},
});

/**
 * Whether the user meets a role's requirement on `key` (the guild's configured `value`), as
 * Discord decides it. Booleans count only "1": `true` or "true" pass Discord's check of the
 * request yet never meet a requirement (discord/discord-api-docs#5755).
 */
export function meetsRequirement(
  state: StandInState,
  userId: string,
  requirement: { key: string; value: number },
): boolean {
  const registered = state.roleConnectionMetadata.find((m) => m.key === requirement.key);
  const raw = state.roleConnections.get(userId)?.metadata[requirement.key];
  if (!registered || raw === undefined || !INTEGER.test(raw)) return false;
  const value = Number(raw);
  switch (registered.type) {
    case 1:
      return value <= requirement.value;
    case 2:
      return value >= requirement.value;
    case 3:
      return value === requirement.value;
    case 4:
      return value !== requirement.value;
    case 7:
      return raw === "1" && requirement.value === 1;
    case 8:
      return raw === "1" && requirement.value !== 1;
    default:
      return false;
  }
}
