// One Octokit for every GitHub call the project makes: retries server errors, waits out rate
// limits with backoff (a bounded number of times), and turns failures into clear messages.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof GitHubOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  baseUrl?: string;
  /** How many times a rate-limited or failing request is tried again. */
  retries?: number;
  /** Base of the backoff between tries, in ms (tests make it small). */
  backoffMs?: number;
  log?: (message: string) => void;
}

export function createGitHubClient(options: GitHubClientOptions): GitHub {
  const retries = options.retries ?? 3;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const waitOrGiveUp = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    if (retryCount >= retries) {
      log(`GitHub ${kind} on ${request.method} ${request.url}: giving up after ${retryCount + 1} tries`);
      return false;
    }
    log(`GitHub ${kind} on ${request.method} ${request.url}: retrying in ${retryAfter} s (try ${retryCount + 2} of ${retries + 1})`);
    return true;
  };
  return new GitHubOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? "https://api.github.com",
    userAgent: "aws-org-cdktf",
    retry: { retries, retryAfterBaseValue: options.backoffMs ?? 1000 },
    throttle: {
      onRateLimit: waitOrGiveUp("rate limit"),
      onSecondaryRateLimit: waitOrGiveUp("secondary rate limit"),
      // Tests shorten the pacing GitHub asks of clients that write.
      ...(options.backoffMs !== undefined ? { fallbackSecondaryRateRetryAfter: Math.max(1, Math.round(options.backoffMs / 1000)) } : {}),
    },
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
  });
}

/** A GitHub failure, said so a person knows what failed and what to check. */
export class GitHubError extends Error {
  constructor(action: string, cause: unknown) {
    // Octokit reports a network failure as status 500 without a response.
    const response = (cause as { response?: unknown }).response;
    const status = response ? (cause as { status?: number }).status : undefined;
    const detail = (cause as { response?: { data?: { message?: string } } }).response?.data?.message ?? (cause as Error).message;
    const hint =
      status === 401 ? " Check that GITHUB_TOKEN is set and valid."
      : status === 403 ? " Check the workflow's permissions (issues: write, pull-requests: write)."
      : status === 404 ? " Check the repository and the pull request or issue number."
      : status === undefined ? " Could not reach GitHub: check GITHUB_API_URL and the network."
      : "";
    super(`GitHub: ${action} failed${status ? ` (HTTP ${status})` : ""}: ${detail.replace(/\.$/, "")}.${hint}`);
    this.name = "GitHubError";
  }
}

export async function githubCall<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new GitHubError(action, error);
  }
}

export interface RepositoryRef {
  owner: string;
  repo: string;
}

/** "owner/name" (GITHUB_REPOSITORY) -> { owner, repo } */
export function parseRepository(value: string): RepositoryRef {
  const [owner, repo, ...rest] = value.split("/");
  if (!owner || !repo || rest.length > 0) throw new Error(`repository must be owner/name, got "${value}"`);
  return { owner, repo };
}
