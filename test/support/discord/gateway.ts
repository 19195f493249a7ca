import {
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from "discord-api-types/v10";
import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { buildGuildCreate } from "./fixtures.ts";
import { generateToken } from "./snowflakes.ts";
import type { StandInState } from "./state.ts";

const HEARTBEAT_INTERVAL_MS = 41_250;
const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
// Ops a client may send that the stand-in accepts without acting on them.
const IGNORED_OPS = new Set<number>([
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
]);

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  shard: [number, number];
  sequence: number;
  /** Everything dispatched on this session, replayed on RESUME. */
  events: DispatchPayload[];
  socket: WebSocket | undefined;
}

export interface Gateway {
  /** Sends the event to every live session whose shard owns the guild (DMs: shard 0). */
  dispatch(guildId: string | null, event: string, data: unknown): Promise<number>;
  reconnectAll(): void;
  close(): Promise<void>;
}

// Discord's gateway, JSON encoding. Frames are always sent as uncompressed text: @discordjs/ws
// parses text frames as JSON whatever compression it asked for, just as Discord may send them.
export function attachGateway(server: Server, state: StandInState, gatewayUrl: string): Gateway {
  const wss = new WebSocketServer({ server });
  const sessions = new Map<string, Session>();

  wss.on("connection", (socket, request) => {
    const query = new URL(request.url ?? "/", "http://127.0.0.1").searchParams;
    const version = query.get("v") ?? "10";
    if (version !== "10" && version !== "9") {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, "Invalid API version");
      return;
    }
    if ((query.get("encoding") ?? "json") !== "json") {
      socket.close(GatewayCloseCodes.DecodeError, "Only encoding=json is supported");
      return;
    }
    let session: Session | undefined;
    send(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS },
      s: null,
      t: null,
    });

    socket.on("message", (raw) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(GatewayCloseCodes.DecodeError, "Decode error");
        return;
      }
      const op = payload.op;
      if (op === GatewayOpcodes.Heartbeat) {
        send(socket, { op: GatewayOpcodes.HeartbeatAck });
      } else if (op === GatewayOpcodes.Identify) {
        if (session) socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated");
        else session = identify(socket, payload.d);
      } else if (op === GatewayOpcodes.Resume) {
        if (session) socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated");
        else session = resume(socket, payload.d);
      } else if (typeof op === "number" && IGNORED_OPS.has(op)) {
        if (!session) socket.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated");
      } else {
        socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode");
      }
    });
    socket.on("close", () => {
      if (session?.socket === socket) session.socket = undefined;
    });
  });

  function identify(socket: WebSocket, data: unknown): Session | undefined {
    const d = (data ?? {}) as { token?: unknown; intents?: unknown; shard?: unknown };
    if (d.token !== state.config.botToken) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed");
      return undefined;
    }
    if (typeof d.intents !== "number" || !Number.isInteger(d.intents) || d.intents < 0) {
      socket.close(GatewayCloseCodes.InvalidIntents, "Invalid intent(s)");
      return undefined;
    }
    if ((d.intents & PRIVILEGED_INTENTS & ~state.config.privilegedIntents) !== 0) {
      socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s)");
      return undefined;
    }
    const shard = readShard(d.shard);
    if (!shard) {
      socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard");
      return undefined;
    }
    state.identifies.push({ intents: d.intents, token: d.token, shard });
    const session: Session = { id: generateToken(16), shard, sequence: 0, events: [], socket };
    sessions.set(session.id, session);

    const guildsOnShard = [...state.guilds.values()].filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: state.botUser,
      guilds: guildsOnShard.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: gatewayUrl,
      shard,
      application: { id: state.config.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    dispatchOn(session, GatewayDispatchEvents.Ready, ready);
    for (const guild of guildsOnShard) {
      const memberCount = state.users.size;
      dispatchOn(
        session,
        GatewayDispatchEvents.GuildCreate,
        buildGuildCreate(guild, state.botUser, memberCount),
      );
    }
    return session;
  }

  function resume(socket: WebSocket, data: unknown): Session | undefined {
    const d = (data ?? {}) as { token?: unknown; session_id?: unknown; seq?: unknown };
    if (d.token !== state.config.botToken) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed");
      return undefined;
    }
    const session = sessions.get(String(d.session_id));
    if (!session) {
      // d: false = not resumable; the client identifies afresh.
      send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return undefined;
    }
    session.socket?.close(GatewayCloseCodes.SessionTimedOut, "Session resumed elsewhere");
    session.socket = socket;
    state.resumes += 1;
    const seen = typeof d.seq === "number" ? d.seq : 0;
    for (const event of session.events) if (event.s > seen) send(socket, event);
    dispatchOn(session, GatewayDispatchEvents.Resumed, null);
    return session;
  }

  function dispatchOn(session: Session, event: string, data: unknown): Promise<void> {
    session.sequence += 1;
    const payload: DispatchPayload = {
      op: GatewayOpcodes.Dispatch,
      s: session.sequence,
      t: event,
      d: data,
    };
    session.events.push(payload);
    return session.socket ? send(session.socket, payload) : Promise.resolve();
  }

  return {
    async dispatch(guildId, event, data) {
      const targets = [...sessions.values()].filter(
        (session) =>
          session.socket !== undefined &&
          session.socket.readyState === session.socket.OPEN &&
          (guildId === null ? 0 : shardOf(guildId, session.shard[1])) === session.shard[0],
      );
      await Promise.all(targets.map((session) => dispatchOn(session, event, data)));
      return targets.length;
    },
    reconnectAll() {
      for (const session of sessions.values()) {
        if (session.socket) send(session.socket, { op: GatewayOpcodes.Reconnect, d: null });
      }
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function send(socket: WebSocket, payload: unknown): Promise<void> {
  return new Promise((resolve) => {
    // A socket closing mid-send is the client's business (it resumes); never fail the caller.
    socket.send(JSON.stringify(payload), () => resolve());
  });
}

function readShard(value: unknown): [number, number] | undefined {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  if (typeof id !== "number" || typeof count !== "number" || count < 1 || id < 0 || id >= count) {
    return undefined;
  }
  return [id, count];
}

/** Discord's routing: shard_id = (guild_id >> 22) % num_shards. */
function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
