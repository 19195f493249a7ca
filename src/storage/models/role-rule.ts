import { type Connection, Schema } from "mongoose";
import { ROLE_RULE_KINDS } from "../../domain/index.ts";

/** A server's rule (`/link-roles add`): one record per role, kind and target. */
const roleRuleSchema = new Schema(
  {
    guildId: { type: String, required: true },
    roleId: { type: String, required: true },
    kind: { type: String, enum: ROLE_RULE_KINDS, required: true },
    target: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: "role_rules", versionKey: false },
);
roleRuleSchema.index({ guildId: 1, roleId: 1, kind: 1, target: 1 }, { unique: true });

export const defineRoleRuleModel = (connection: Connection) => connection.model("RoleRule", roleRuleSchema);

export type RoleRuleModel = ReturnType<typeof defineRoleRuleModel>;
