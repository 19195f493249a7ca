import type { Command } from "../src/bot/command.ts";
import * as linkAdmin from "./link-admin.ts";
import * as linkRoles from "./link-roles.ts";
import * as link from "./link.ts";
import * as unlink from "./unlink.ts";
import * as whoami from "./whoami.ts";
import * as whois from "./whois.ts";

export const commands: readonly Command[] = [link, whoami, unlink, whois, linkAdmin, linkRoles];
