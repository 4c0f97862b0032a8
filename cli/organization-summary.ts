// What `aws-org synth` (npm start) and `aws-org tree` print: the organization in one line, its
// tree, and where each stack's Terraform JSON is.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { accountsToCreate, accountsToImport, type OrganizationModel } from "../config-language/model.js";
import { organizationTree, renderTree } from "./organization-tree.js";
import { STACK_NAMES } from "../stacks/organization-app.js";

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

function guardrailsSummary(model: OrganizationModel): string {
  const attachments = model.policies.reduce((n, p) => n + p.targets.length, 0);
  const parts = [
    ...(model.policies.length > 0 ? [`${plural(model.policies.length, "policy").replace("policys", "policies")} (${plural(attachments, "attachment")})`] : []),
    ...(model.delegatedAdministrators.length > 0 ? [plural(model.delegatedAdministrators.length, "delegated administrator")] : []),
  ];
  return parts.map((part) => `, ${part}`).join("");
}

/** The Identity Center expansion: totals, then each assignment's reach and OUs that hold no account yet. */
const MAX_ACCESS_LINES = 20;
function accessSummary(model: OrganizationModel): string[] {
  const notes = model.identityCenter?.notes;
  if (!notes || notes.length === 0) return [];
  const [totals, ...details] = notes;
  const shown = details.slice(0, MAX_ACCESS_LINES).map((line) => `  ${line}`);
  if (details.length > MAX_ACCESS_LINES) shown.push(`  … and ${details.length - MAX_ACCESS_LINES} more`);
  return [`Access (IAM Identity Center): ${totals}`, ...shown, ""];
}

export function organizationSummary(file: string, model: OrganizationModel, synthDir: string): string {
  const created = accountsToCreate(model).length;
  const imported = accountsToImport(model).length;
  const lines = [
    `Organization from ${file}: ${plural(model.organizationalUnits.length, "OU")}, ${plural(created, "account")} to create, ${imported} to import${guardrailsSummary(model)}`,
    "",
    renderTree(organizationTree(model)),
    "",
    ...accessSummary(model),
  ];
  const stacks = Object.values(STACK_NAMES).filter((stack) => stack !== STACK_NAMES.ciAccess || model.ciAccess);
  for (const stack of stacks) {
    const json = join(synthDir, "stacks", stack, "cdk.tf.json");
    lines.push(existsSync(json) ? `Terraform JSON (${stack}): ${json}` : `Terraform JSON (${stack}): not synthesized yet (run npm start)`);
  }
  return `${lines.join("\n")}\n`;
}
