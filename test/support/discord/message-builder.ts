import {
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIUser,
  EmbedType,
  MessageFlags,
  type MessageType,
} from "discord-api-types/v10";
import { emptyMessage, invalidFormBody } from "./discord-errors.ts";
import type { RestReply, UploadedFile } from "./router.ts";
import { generateSnowflake } from "./snowflakes.ts";

export type MessageBody = Record<string, unknown>;

export function readMessageBody(body: unknown): MessageBody {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as MessageBody) : {};
}

/** Discord's checks on a new message: something to show, and content within 2000 characters. */
export function validateNewMessage(body: MessageBody, files: UploadedFile[]): RestReply | undefined {
  const hasContent = typeof body.content === "string" && body.content.length > 0;
  const hasList = (field: string) => Array.isArray(body[field]) && (body[field] as []).length > 0;
  const showsSomething =
    hasContent ||
    files.length > 0 ||
    hasList("embeds") ||
    hasList("components") ||
    hasList("sticker_ids") ||
    body.poll !== undefined;
  if (!showsSomething) return emptyMessage();
  return validateContent(body);
}

export function validateContent(body: MessageBody): RestReply | undefined {
  if (body.content !== undefined && body.content !== null && typeof body.content !== "string") {
    return invalidFormBody("content", "BASE_TYPE_STRING", "Must be a string.");
  }
  if (typeof body.content === "string" && body.content.length > 2000) {
    return invalidFormBody("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
  }
  return undefined;
}

export function buildMessage(input: {
  channelId: string;
  author: APIUser;
  type: MessageType;
  body: MessageBody;
  files: UploadedFile[];
  extra?: Partial<APIMessage>;
}): APIMessage {
  const { body } = input;
  return {
    id: generateSnowflake(),
    channel_id: input.channelId,
    author: input.author,
    content: typeof body.content === "string" ? body.content : "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: buildAttachments(input.files),
    embeds: storeEmbeds(body.embeds),
    components: storeComponents(body.components),
    pinned: false,
    type: input.type,
    flags: (typeof body.flags === "number" ? body.flags : 0) as MessageFlags,
    ...input.extra,
  };
}

/** A PATCH: only the fields sent change; the ephemeral bit stays and "loading" ends. */
export function applyMessageEdit(message: APIMessage, body: MessageBody, files: UploadedFile[]): APIMessage {
  const kept = (message.flags ?? 0) & ~MessageFlags.Loading;
  const edited: APIMessage = {
    ...message,
    edited_timestamp: new Date().toISOString(),
    flags: (typeof body.flags === "number"
      ? (kept & MessageFlags.Ephemeral) | body.flags
      : kept) as MessageFlags,
  };
  if (body.content !== undefined) edited.content = typeof body.content === "string" ? body.content : "";
  if (body.embeds !== undefined) edited.embeds = storeEmbeds(body.embeds);
  if (body.components !== undefined) {
    edited.components = storeComponents(body.components);
  }
  if (files.length > 0 || body.attachments !== undefined) {
    edited.attachments = buildAttachments(files);
  }
  return edited;
}

/** Embeds as Discord answers them: a sent embed is a "rich" one. */
function storeEmbeds(embeds: unknown): APIEmbed[] {
  return Array.isArray(embeds)
    ? (embeds as APIEmbed[]).map((embed) => ({ type: EmbedType.Rich, ...embed }))
    : [];
}

/** Components as Discord answers them: each numbered (`id`) in order, unless the bot chose one. */
function storeComponents(components: unknown): APIMessageTopLevelComponent[] {
  if (!Array.isArray(components)) return [];
  let next = 1;
  const number = (component: unknown): unknown => {
    if (typeof component !== "object" || component === null) return component;
    const { components: children, accessory, ...fields } = component as Record<string, unknown>;
    const numbered: Record<string, unknown> = { id: next++, ...fields };
    if (accessory !== undefined) numbered.accessory = number(accessory);
    if (Array.isArray(children)) numbered.components = children.map(number);
    return numbered;
  };
  return components.map(number) as APIMessageTopLevelComponent[];
}

function buildAttachments(files: UploadedFile[]): APIAttachment[] {
  return files.map((file) => {
    const id = generateSnowflake();
    const url = `https://cdn.discordapp.com/attachments/${id}/${file.filename}`;
    return {
      id,
      filename: file.filename,
      size: file.size,
      url,
      proxy_url: url,
      content_type: file.contentType,
    };
  });
}
