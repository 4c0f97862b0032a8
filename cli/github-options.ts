// GitHub settings from the environment GitHub Actions provides, overridable by flags.
import { Option, type Command } from "commander";
import { createGitHubClient, parseRepository, type GitHub, type RepositoryRef } from "../github-api/client.js";

export interface GitHubOptions {
  repo: string;
  apiUrl: string;
  author?: string;
}

export function addGitHubOptions(command: Command): Command {
  return command
    .addOption(new Option("--repo <owner/name>", "the repository").env("GITHUB_REPOSITORY").makeOptionMandatory())
    .addOption(new Option("--api-url <url>", "GitHub API base URL").env("GITHUB_API_URL").default("https://api.github.com"))
    .option("--author <login>", "author of the sticky comment", "github-actions[bot]");
}

export function gitHubFrom(options: GitHubOptions): { github: GitHub; repository: RepositoryRef } {
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new Error("GITHUB_TOKEN is not set");
  return { github: createGitHubClient({ token, baseUrl: options.apiUrl }), repository: parseRepository(options.repo) };
}

/** Link to this workflow run, from the variables GitHub Actions sets. */
export function runUrlFromEnv(env = process.env): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}` : undefined;
}
