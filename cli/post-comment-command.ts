// `aws-org post-comment`: creates or updates the pull request's one plan comment.
import type { Command } from "commander";
import { readFileSync } from "node:fs";
import { upsertStickyComment } from "../github-api/sticky-comment.js";
import { COMMENT_MARKER } from "../plan-comment/comment-markers.js";
import { addGitHubOptions, gitHubFrom, type GitHubOptions } from "./github-options.js";

export function registerPostCommentCommand(program: Command): void {
  addGitHubOptions(program.command("post-comment").description("create or update the pull request's plan comment"))
    .requiredOption("--pr <number>", "pull request number", Number)
    .requiredOption("--body-file <file>", "the Markdown from plan-comment")
    .action(async (options: GitHubOptions & { pr: number; bodyFile: string }) => {
      const { github, repository } = gitHubFrom(options);
      const body = readFileSync(options.bodyFile, "utf8");
      const result = await upsertStickyComment(github, { ...repository, issueNumber: options.pr, marker: COMMENT_MARKER, author: options.author }, body);
      process.stdout.write(`${result.action} ${result.url}\n`);
    });
}
