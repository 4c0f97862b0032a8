// `aws-org synth` (npm start, npm run synth): validates the config and writes the same Terraform
// JSON as `cdktf synth`, in this process: no CLI wrapper, one clear error, and on failure no stale
// JSON left behind. Then prints the organization and where its JSON is.
import type { Command } from "commander";
import { mkdirSync } from "node:fs";
import { loadInputs } from "../config-language/load.js";
import { exitOnSynthError } from "../config-language/report-error.js";
import { createOrganizationApp, stateBackendBootstrappedFromEnv } from "../stacks/organization-app.js";
import { organizationSummary } from "./organization-summary.js";
import { synthLimitWarnings } from "../limits/synth-limit-warnings.js";
import { formatWarning } from "../limits/limit-warnings.js";
import { DEFAULT_SYNTH_DIR } from "./stack-options.js";

export function registerSynthCommand(program: Command): void {
  program
    .command("synth")
    .description("validate the config and write each stack's Terraform JSON (as cdktf synth does), then print the organization")
    .option("-c, --config <file>", "config file (default: ORG_CONFIG, context orgConfig, config/organization.ts)")
    .option("-o, --out <dir>", "output directory", process.env.CDKTF_OUTDIR ?? DEFAULT_SYNTH_DIR)
    .option("-q, --quiet", "print nothing on success")
    .action(async (options: { config?: string; out: string; quiet?: boolean }) => {
      const inputs = await loadInputs(options.config).catch((error: unknown) => exitOnSynthError(error, options.out));
      mkdirSync(options.out, { recursive: true });
      createOrganizationApp(inputs, { outdir: options.out, stateBackendBootstrapped: stateBackendBootstrappedFromEnv() }).synth();
      if (!options.quiet) process.stdout.write(organizationSummary(inputs.file, inputs.model, options.out));
      // Warnings go to stderr, so --quiet and a piped summary still show them.
      for (const warning of synthLimitWarnings(inputs.model)) process.stderr.write(`${formatWarning(warning)}\n`);
    });
}
