import { REST, Routes } from "discord.js";
import { commands } from "../commands/index.ts";
import { ConfigError, loadConfig } from "../src/config.ts";

/** `npm run deploy-commands`: registers the slash commands once; never part of `npm start`. */
async function deployCommands(): Promise<void> {
  const { discord } = loadConfig();
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
}

deployCommands().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : `Could not register the commands: ${err.message}`);
  process.exit(1);
});
