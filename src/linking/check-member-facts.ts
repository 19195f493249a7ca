import type { FactsOutcome, RoleFact } from "../domain/index.ts";
import { NeedsRelinkError, NotLinkedError } from "../errors/index.ts";
import {
  createFactsRequester,
  type FactAnswer,
  factHolds,
  type FactQuestion,
  type FactsRequester,
  GitHubRateLimitedError,
  questionOf,
  tokenAccepted,
} from "../github/facts/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { linkedOctokitFor } from "./octokit-for.ts";

export interface FactsCheckOptions {
  /** The longest wait for GitHub's rate limit to reset before answering `rate_limited` (60 s). */
  maxRateLimitWaitMs?: number;
}

const DEFAULT_MAX_WAIT_MS = 60_000;
const LINKED = "linked";

/**
 * Asks GitHub, with the member's own token, which of `facts` hold for them; each distinct
 * question once, one after another (GitHub asks for no concurrent requests per user), each
 * GET revalidated with its last ETag. `linked` holds for a token GitHub accepts. `needs_relink` when GitHub refuses the token (the link
 * is then flagged) or the member has no link at all: either way nothing of theirs can be
 * checked and their roles from octolink should go. `rate_limited` when GitHub's limit resets
 * later than the allowed wait. GitHub failing (5xx, unreachable) throws GitHubUnavailableError.
 */
export async function checkMemberFacts(
  deps: LinkingDeps,
  discordId: string,
  facts: RoleFact[],
  opts: FactsCheckOptions = {},
): Promise<FactsOutcome> {
  try {
    const { octokit, link } = await linkedOctokitFor(deps, discordId);
    const { token } = (await octokit.auth()) as { token: string };
    const requester = createFactsRequester(octokit, deps.github.answers, {
      token,
      maxWaitMs: opts.maxRateLimitWaitMs ?? DEFAULT_MAX_WAIT_MS,
    });
    const answers = await askGitHub(requester, link.githubLogin, facts);
    return {
      status: "checked",
      holds: (fact) => factHolds(fact, answerTo(fact, answers)),
    };
  } catch (err) {
    if (err instanceof NeedsRelinkError || err instanceof NotLinkedError) return { status: "needs_relink" };
    if (err instanceof GitHubRateLimitedError) return { status: "rate_limited", resetAt: err.resetAt };
    throw err;
  }
}

async function askGitHub(requester: FactsRequester, login: string, facts: RoleFact[]) {
  const answers = new Map<string, FactAnswer>();
  const questions = distinctQuestions(facts);
  for (const question of questions) answers.set(question.key, await question.ask(requester, login));
  // Any question tried the token; with `linked` alone, a revoked one is noticed here.
  if (questions.length === 0 && facts.some((f) => f.kind === "linked"))
    answers.set(LINKED, await tokenAccepted(requester));
  return answers;
}

function distinctQuestions(facts: RoleFact[]): FactQuestion[] {
  const byKey = new Map<string, FactQuestion>();
  for (const fact of facts) {
    const question = questionOf(fact);
    if (question && !byKey.has(question.key)) byKey.set(question.key, question);
  }
  return [...byKey.values()];
}

function answerTo(fact: RoleFact, answers: Map<string, FactAnswer>): FactAnswer | undefined {
  if (fact.kind === "linked") return answers.get(LINKED);
  const question = questionOf(fact);
  return question ? answers.get(question.key) : undefined;
}
