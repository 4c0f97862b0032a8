// `aws-org report-apply`: tells the pull request how the apply on main went.
import type { Command } from "commander";
import { readFileSync } from "node:fs";
import { githubCall } from "../github-api/client.js";
import { fenced, truncateAtLineBoundary } from "../plan-comment/markdown-budget.js";
import { addGitHubOptions, gitHubFrom, runUrlFromEnv, type GitHubOptions } from "./github-options.js";

export function registerReportApplyCommand(program: Command): void {
  addGitHubOptions(program.command("report-apply").description("comment the apply's result on the merged pull request"))
    .requiredOption("--pr <number>", "pull request number", Number)
    .requiredOption("--outcome <outcome>", "success, failure or refused")
    .option("--log-file <file>", "the apply's output")
    .action(async (options: GitHubOptions & { pr: number; outcome: string; logFile?: string }) => {
      const { github, repository } = gitHubFrom(options);
      const icon = options.outcome === "success" ? "✅" : "❌";
      const lines = [`## ${icon} Apply on main: ${options.outcome}`, ""];
      const run = runUrlFromEnv();
      if (run) lines.push(`Run: ${run}`, "");
      if (options.logFile) {
        const log = truncateAtLineBoundary(readFileSync(options.logFile, "utf8"), 50_000);
        lines.push("<details><summary>Apply output</summary>", "", ...fenced(log), "</details>");
      }
      await githubCall(`commenting on #${options.pr}`, () =>
        github.rest.issues.createComment({ ...repository, issue_number: options.pr, body: lines.join("\n") }),
      );
      process.stdout.write(`reported ${options.outcome} on #${options.pr}\n`);
    });
}
