import { REST, Routes } from "discord.js";
import { commands } from "../commands/index.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { ROLE_CONNECTION_METADATA } from "../src/discord/role-connection.ts";

/** `npm run deploy-commands`: registers the slash commands once; never part of `npm start`. */
async function deployCommands(): Promise<void> {
  const { discord, linkedRoles } = loadConfig();
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const body = commands.map((command) => command.data.toJSON());
  const route = discord.guildId
    ? Routes.applicationGuildCommands(discord.clientId, discord.guildId)
    : Routes.applicationCommands(discord.clientId);
  await rest.put(route, { body });
  const where = discord.guildId
    ? `guild ${discord.guildId}`
    : "all servers (global commands can take up to an hour to appear)";
  console.log(
    `Registered ${body.length} commands (${body.map((c) => `/${c.name}`).join(", ")}) for ${where}.`,
  );
  if (!linkedRoles) return;
  // A PUT replaces the whole list, so running this again leaves the same four fields.
  await rest.put(Routes.applicationRoleConnectionMetadata(discord.clientId), {
    body: ROLE_CONNECTION_METADATA,
  });
  console.log(
    `Registered the Linked Roles metadata (${ROLE_CONNECTION_METADATA.map((m) => m.key).join(", ")}); ` +
      "set the Linked Roles Verification URL to PUBLIC_URL/linked-role in the Developer Portal.",
  );
}

deployCommands().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : `Could not register the commands: ${err.message}`);
  process.exit(1);
});
