export * from "./accounts.ts";
export * from "./app-error.ts";
export * from "./lookups.ts";
export * from "./requests.ts";
export * from "./roles.ts";
export * from "./services.ts";
export * from "./sign-in.ts";
export * from "./to-app-error.ts";
