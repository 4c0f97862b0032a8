// Every aws-org command, each in cli/<name>-command.ts exporting register<Name>Command (the CLI
// bundle's build relies on that naming to give each command a bundle of its own).
import type { CommandLoaders } from "./program.js";

/**
 * Each command's module, loaded only when that command runs: the others bring the AWS SDK,
 * octokit and the comment renderer, which `aws-org synth` on the edit -> plan path does not need.
 */
export const COMMANDS: CommandLoaders = {
  synth: async () => (await import("./synth-command.js")).registerSynthCommand,
  tree: async () => (await import("./tree-command.js")).registerTreeCommand,
  impact: async () => (await import("./impact-command.js")).registerImpactCommand,
  init: async () => (await import("./init-command.js")).registerInitCommand,
  "release-account": async () => (await import("./release-account-command.js")).registerReleaseAccountCommand,
  plan: async () => (await import("./plan-command.js")).registerPlanCommand,
  "plan-comment": async () => (await import("./plan-comment-command.js")).registerPlanCommentCommand,
  guard: async () => (await import("./guard-command.js")).registerGuardCommand,
  "post-comment": async () => (await import("./post-comment-command.js")).registerPostCommentCommand,
  "verify-reviewed": async () => (await import("./verify-reviewed-command.js")).registerVerifyReviewedCommand,
  "report-apply": async () => (await import("./report-apply-command.js")).registerReportApplyCommand,
  "drift-report": async () => (await import("./drift-report-command.js")).registerDriftReportCommand,
};
