import { z } from "@hono/zod-openapi";
import { GITHUB_LOGIN } from "../../domain/index.ts";
import { TOKEN_STATUSES } from "../../linking/index.ts";

export const DiscordIdParams = z.object({
  discordId: z
    .string()
    .regex(/^\d{17,20}$/, "discordId must be a Discord id (17 to 20 digits)")
    .openapi({ param: { name: "discordId", in: "path" }, example: "80351110224678912" }),
});

export const GithubLoginParams = z.object({
  login: z
    .string()
    .regex(GITHUB_LOGIN, "login must be a GitHub login (letters, digits and hyphens, at most 39)")
    .openapi({ param: { name: "login", in: "path" }, example: "octocat", description: "Any case" }),
});

export const GithubIdParams = z.object({
  githubId: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, "githubId must be a GitHub account id (a positive whole number)")
    .openapi({ param: { name: "githubId", in: "path" }, example: "583231" }),
});

export const LinkSchema = z
  .object({
    discordId: z.string().openapi({ example: "80351110224678912" }),
    githubId: z.number().int().openapi({ example: 583231 }),
    githubLogin: z.string().openapi({ example: "octocat", description: "As of octolink's last check" }),
    linkedAt: z.iso.datetime().openapi({ example: "2026-01-31T12:00:00.000Z" }),
    tokenStatus: z.enum(TOKEN_STATUSES).openapi({
      description: "needs_relink: GitHub no longer accepts the link's token, so it may be out of date",
    }),
  })
  .openapi("Link");

export const LinkListSchema = z.object({ links: z.array(LinkSchema) }).openapi("LinkList");

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: "not_linked" }),
    message: z.string().openapi({ example: "No Discord member is linked to that account." }),
  })
  .openapi("Error");

export type ApiLink = z.infer<typeof LinkSchema>;
