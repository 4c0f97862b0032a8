#!/usr/bin/env node
// The project's command line: `npm run cli -- --help`.
import { Command } from "commander";

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: the others bring the AWS SDK,
 * octokit and the comment renderer, which `aws-org synth` on the edit -> plan path does not need.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  synth: async () => (await import("./synth-command.js")).registerSynthCommand,
  tree: async () => (await import("./tree-command.js")).registerTreeCommand,
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

const program = new Command("aws-org").description("Manage an AWS Organization as code with CDKTF and OpenTofu").showHelpAfterError();
// The command named on the command line, or all of them (for help, and for an unknown name's error).
const named = process.argv[2];
const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`aws-org: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
