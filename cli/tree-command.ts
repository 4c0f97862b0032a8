// `aws-org tree`: prints the organization the selected config describes, and where its JSON is.
import type { Command } from "commander";
import { loadOrganization } from "../config-language/load.js";
import { exitOnConfigError } from "../config-language/report-error.js";
import { organizationSummary } from "./organization-summary.js";
import { DEFAULT_SYNTH_DIR } from "./stack-options.js";

export function registerTreeCommand(program: Command): void {
  program
    .command("tree")
    .description("print the organization as a tree: OUs, accounts, which are imported")
    .option("-c, --config <file>", "config file (default: ORG_CONFIG, context orgConfig, config/organization.ts)")
    .option("-o, --out <dir>", "where the synthesized output is", DEFAULT_SYNTH_DIR)
    .action(async (options: { config?: string; out: string }) => {
      const { file, model } = await loadOrganization(options.config).catch(exitOnConfigError);
      process.stdout.write(organizationSummary(file, model, options.out));
    });
}
