import { type Connection, Schema } from "mongoose";
import { ROLE_RULE_KINDS } from "../../domain/index.ts";

const factSchema = new Schema(
  { kind: { type: String, enum: ROLE_RULE_KINDS, required: true }, target: { type: String, default: null } },
  { _id: false },
);

/** A role octolink gave a member (and the rules that gave it); the only roles it ever removes. */
const roleGrantSchema = new Schema(
  {
    guildId: { type: String, required: true },
    discordId: { type: String, required: true },
    roleId: { type: String, required: true },
    rules: { type: [factSchema], default: [] },
    grantedAt: { type: Date, required: true },
  },
  { collection: "role_grants", versionKey: false },
);
roleGrantSchema.index({ discordId: 1, guildId: 1, roleId: 1 }, { unique: true });

export const defineRoleGrantModel = (connection: Connection) =>
  connection.model("RoleGrant", roleGrantSchema);

export type RoleGrantModel = ReturnType<typeof defineRoleGrantModel>;
