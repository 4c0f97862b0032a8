// `aws-org tree`: prints the organization the selected config describes, and where its JSON is.
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { configFilePath, loadOrganization } from "../config/load.js";
import { exitOnConfigError } from "../config/report-error.js";
import { accountsToCreate, accountsToImport } from "../config/model.js";
import { organizationTree, renderTree } from "../organization-tree/render-tree.js";

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

export function registerTreeCommand(program: Command): void {
  program
    .command("tree")
    .description("print the organization as a tree: OUs, accounts, which are imported")
    .option("-c, --config <file>", "config file (default: ORG_CONFIG, context orgConfig, config/organization.ts)")
    .option("-o, --out <dir>", "where cdktf synth wrote its output", "cdktf.out")
    .action(async (options: { config?: string; out: string }) => {
      const { file, model } = await loadOrganization(options.config ?? configFilePath()).catch(exitOnConfigError);
      const created = accountsToCreate(model).length;
      const imported = accountsToImport(model).length;
      const lines = [
        `Organization from ${file}: ${plural(model.organizationalUnits.length, "OU")}, ${plural(created, "account")} to create, ${imported} to import`,
        "",
        renderTree(organizationTree(model)),
        "",
      ];
      for (const stack of ["state-backend", "organization"]) {
        const json = join(options.out, "stacks", stack, "cdk.tf.json");
        lines.push(existsSync(json) ? `Terraform JSON (${stack}): ${json}` : `Terraform JSON (${stack}): not synthesized yet (run npm start)`);
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
