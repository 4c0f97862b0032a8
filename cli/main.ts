#!/usr/bin/env node
// The project's command line: `npm run cli -- --help`.
import { Command } from "commander";
import { registerDriftReportCommand } from "./drift-report-command.js";
import { registerGuardCommand } from "./guard-command.js";
import { registerInitCommand } from "./init-command.js";
import { registerReleaseAccountCommand } from "./release-account-command.js";
import { registerPlanCommand } from "./plan-command.js";
import { registerPlanCommentCommand } from "./plan-comment-command.js";
import { registerPostCommentCommand } from "./post-comment-command.js";
import { registerReportApplyCommand } from "./report-apply-command.js";
import { registerSynthCommand } from "./synth-command.js";
import { registerTreeCommand } from "./tree-command.js";
import { registerVerifyReviewedCommand } from "./verify-reviewed-command.js";

const program = new Command("aws-org").description("Manage an AWS Organization as code with CDKTF and OpenTofu").showHelpAfterError();
registerSynthCommand(program);
registerTreeCommand(program);
registerInitCommand(program);
registerReleaseAccountCommand(program);
registerPlanCommand(program);
registerPlanCommentCommand(program);
registerGuardCommand(program);
registerPostCommentCommand(program);
registerVerifyReviewedCommand(program);
registerReportApplyCommand(program);
registerDriftReportCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`aws-org: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
