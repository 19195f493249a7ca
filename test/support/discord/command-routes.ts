import { ApplicationCommandType } from "discord-api-types/v10";
import { invalidFormBody, missingAccess, replyError } from "./discord-errors.ts";
import type { RestReply, RestRequest, RouteDefinition } from "./router.ts";
import { generateSnowflake } from "./snowflakes.ts";
import type { StandInState } from "./state.ts";

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

// Bulk overwrite of global and guild commands, echoed back with ids as Discord does.
export function createCommandRoutes(state: StandInState): RouteDefinition[] {
  const scopeOf = ({ params }: RestRequest) => params.guildId ?? "global";
  return [
    {
      method: "PUT",
      pattern: "/applications/:applicationId/commands",
      auth: "bot",
      handle: (request) => overwriteCommands(state, request, scopeOf(request)),
    },
    {
      method: "GET",
      pattern: "/applications/:applicationId/commands",
      auth: "bot",
      handle: (request) => listCommands(state, request, scopeOf(request)),
    },
    {
      method: "PUT",
      pattern: "/applications/:applicationId/guilds/:guildId/commands",
      auth: "bot",
      handle: (request) => overwriteCommands(state, request, scopeOf(request)),
    },
    {
      method: "GET",
      pattern: "/applications/:applicationId/guilds/:guildId/commands",
      auth: "bot",
      handle: (request) => listCommands(state, request, scopeOf(request)),
    },
  ];
}

function checkAccess(state: StandInState, request: RestRequest, scope: string): RestReply | undefined {
  if (request.params.applicationId !== state.config.applicationId) {
    return replyError(403, 20012, "You are not authorized to perform this action on this application");
  }
  // The bot is only in the stand-in's guilds.
  if (scope !== "global" && !state.guilds.has(scope)) return missingAccess();
  return undefined;
}

function listCommands(state: StandInState, request: RestRequest, scope: string): RestReply {
  return checkAccess(state, request, scope) ?? { status: 200, body: state.commands.get(scope) ?? [] };
}

function overwriteCommands(state: StandInState, request: RestRequest, scope: string): RestReply {
  const denied = checkAccess(state, request, scope);
  if (denied) return denied;
  if (!Array.isArray(request.body)) {
    return invalidFormBody("_root", "BASE_TYPE_ARRAY", "Must be an array.");
  }
  const commands = request.body as Record<string, unknown>[];
  for (const [index, command] of commands.entries()) {
    const invalid = validateCommand(command, index);
    if (invalid) return invalid;
  }
  const previous = (state.commands.get(scope) ?? []) as Record<string, unknown>[];
  const stored = commands.map((command) => {
    const type = command.type ?? ApplicationCommandType.ChatInput;
    // Overwriting keeps the id of a command with the same name and type.
    const existing = previous.find((c) => c.name === command.name && c.type === type);
    return {
      default_member_permissions: null,
      name_localizations: null,
      description_localizations: null,
      nsfw: false,
      integration_types: [0],
      ...(scope === "global" ? { contexts: null } : { guild_id: scope }),
      ...command,
      id: existing?.id ?? generateSnowflake(),
      application_id: state.config.applicationId,
      version: generateSnowflake(),
      type,
      description: command.description ?? "",
    };
  });
  state.commands.set(scope, stored);
  return { status: 200, body: stored };
}

function validateCommand(command: Record<string, unknown>, index: number): RestReply | undefined {
  const chatInput = (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
  const { name, description } = command;
  if (typeof name !== "string" || !COMMAND_NAME.test(name) || (chatInput && name !== name.toLowerCase())) {
    return invalidFormBody(`${index}.name`, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
  }
  if (chatInput && (typeof description !== "string" || description.length < 1 || description.length > 100)) {
    return invalidFormBody(
      `${index}.description`,
      "BASE_TYPE_BAD_LENGTH",
      "Must be between 1 and 100 in length.",
    );
  }
  return undefined;
}
