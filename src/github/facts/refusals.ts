import { RequestError } from "octokit";
import type { Headers } from "./rate-limits.ts";

/** A GitHub answer a fact reads: a success, or a refusal that means "no" for that fact. */
export interface Answer {
  status: number;
  data: unknown;
}

export type Refusal = Answer & { headers: Headers };
export type Outcome<T> = { value: T } | { refusal: Refusal };

/** Octokit throws for every status but 2xx (304 included): the refusal as a value instead. */
export async function refusalOf<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await call() };
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    const response = error.response;
    return {
      refusal: { status: error.status, headers: (response?.headers ?? {}) as Headers, data: response?.data },
    };
  }
}
