// `aws-org drift-report`: after a scheduled `aws-org plan`, opens or updates the drift issue when
// a stack has changes, and closes it when every plan is clean.
import type { Command } from "commander";
import { reportDrift } from "../github-api/drift-issue.js";
import { guardForStacks } from "../guard/guard-for-stacks.js";
import { renderPlanComment } from "../plan-comment/render-comment.js";
import { plainText } from "../plan-comment/markdown-text.js";
import { driftState } from "../plan/drift-state.js";
import { addGitHubOptions, gitHubFrom, runUrlFromEnv, type GitHubOptions } from "./github-options.js";
import { addStackOption, readStacks, type StackSelection } from "./stack-options.js";

export function registerDriftReportCommand(program: Command): void {
  addStackOption(addGitHubOptions(program.command("drift-report").description("open, update or close the drift issue from scheduled plans")))
    .action(async (options: GitHubOptions & StackSelection) => {
      const { github, repository } = gitHubFrom(options);
      const stacks = await readStacks(options);
      // An account or OU made outside the config is drift too (Terraform alone would never report it),
      // and a check that could not be made keeps the issue open: unknown is not clean.
      const drift = driftState(stacks);
      const comment = renderPlanComment(stacks, { guard: guardForStacks(stacks), title: "Drift check", runUrl: runUrlFromEnv() });
      const body = drift.state === "unknown" ? `> [!WARNING]\n> **Drift could not be fully checked.**\n${drift.reasons.map((r) => `> - ${plainText(r)}`).join("\n")}\n\n${comment}` : comment;
      const result = await reportDrift(github, {
        ...repository,
        drifted: drift.state !== "clean",
        body,
        ...(drift.state === "unknown" ? { title: "Drift: AWS Organizations could not be checked against the code" } : {}),
      });
      process.stdout.write(`drift: ${drift.state === "drifted" ? "yes" : drift.state === "clean" ? "no" : "unknown"}; issue ${result.action}${result.number ? ` #${result.number}` : ""}\n`);
      for (const reason of drift.reasons) process.stdout.write(`  ${reason}\n`);
    });
}
