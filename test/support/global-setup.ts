import { buildIfStale } from "./build.ts";

/** Once per `vitest run`: the process tests spawn the compiled bot, as `npm start` runs it. */
export default function setup(): void {
  buildIfStale();
}
