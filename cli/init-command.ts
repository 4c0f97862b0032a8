// `aws-org init`: discovers the live organization and writes a config that adopts all of it (every
// object imported by id, tags as they are), after checking that the config passes validation.
// Prints a summary, the tree and what it could not express; never overwrites without --force.
import type { Command } from "commander";
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configFromLive } from "../adopt/config-from-live.js";
import { discoverOrganization, organizationsClient } from "../adopt/discover-organization.js";
import { discoverIdentityCenter } from "../adopt/discover-identity-center.js";
import { discoverSecurityFoundations } from "../adopt/discover-security-foundations.js";
import { identityCenterFromLive } from "../adopt/identity-center-from-live.js";
import { foundationsFromLive } from "../adopt/foundations-from-live.js";
import { formatFor, renderConfig, type ConfigFormat } from "../adopt/render-config.js";
import { ConfigError } from "../config-language/errors.js";
import type { OrganizationModel } from "../config-language/model.js";
import { SSO_PRINCIPAL } from "../config-language/resolve-identity-center.js";
import { DEFAULT_REGION, type OrganizationConfigInput } from "../config-language/schema.js";
import { validateConfig } from "../config-language/validate.js";
import { organizationTree, renderTree } from "./organization-tree.js";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

function validateLeavingOutPolicies(config: OrganizationConfigInput, leftOut: string[], out: string): OrganizationModel {
  try {
    return validateConfig(config, `(generated for ${out})`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const refused = new Map<number, string>();
    for (const issue of error.issues) {
      const index = /^policies\[(\d+)\]/.exec(issue.path)?.[1];
      if (index === undefined) throw error;
      if (!refused.has(Number(index))) refused.set(Number(index), `${issue.path.replace(/^policies\[\d+\]\.?/, "") || "(document)"}: ${issue.message}`);
    }
    const policies = config.policies ?? [];
    for (const [index, reason] of refused) leftOut.push(`policy ${policies[index]?.id} (${JSON.stringify(policies[index]?.name)}): ${reason}`);
    // The config is written after this: it loses the refused policies here, once.
    config.policies = policies.filter((_, i) => !refused.has(i));
    if (config.policies.length === 0) delete config.policies;
    return validateConfig(config, `(generated for ${out})`);
  }
}

/** "3 permission sets, 4 groups, 1 user, 40 account assignments" (as the config expands them). */
function accessSummary(model: OrganizationModel): string {
  const access = model.identityCenter;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return [count(access?.permissionSets.length ?? 0, "permission set"), count(access?.groups.length ?? 0, "group"), count(access?.users.length ?? 0, "user"), count(access?.assignments.length ?? 0, "account assignment")].join(", ");
}

/** "an organization trail, root access (2 features), 9 contacts" or "no security foundations". */
function foundationsSummary(model: OrganizationModel): string {
  const foundations = model.securityFoundations;
  if (!foundations) return "no security foundations";
  const features = foundations.rootAccess ? Number(foundations.rootAccess.credentialsManagement) + Number(foundations.rootAccess.rootSessions) : 0;
  return [
    foundations.organizationTrail ? `organization trail ${foundations.organizationTrail.name}` : "no organization trail",
    `${features} root-access features`,
    `${foundations.contacts.length} contacts`,
  ].join(", ");
}

export function registerInitCommand(program: Command): void {
  program
    .command("init")
    .description("read the live organization (AWS SDK) and write a config that imports all of it")
    .option("-o, --out <file>", "the config file to write (.ts or .json)", "config/organization.ts")
    .option("--format <format>", "ts or json (default: from the file's extension)")
    .option("--force", "overwrite the file if it exists", false)
    .action(async (options: { out: string; format?: ConfigFormat; force: boolean }) => {
      if (existsSync(options.out) && !options.force) throw new Error(`${options.out} exists: pass --force to overwrite it, or --out another file`);
      const format = options.format ?? formatFor(options.out);
      if (format !== "ts" && format !== "json") throw new Error(`--format must be ts or json, not ${String(format)}`);
      const started = performance.now();
      const counted = organizationsClient();
      const live = await discoverOrganization(counted, {
        guardrails: true,
        onProgress: ({ organizationalUnits, accounts }) => process.stderr.write(`read ${organizationalUnits} OUs and ${accounts} accounts so far\n`),
      }).finally(() => counted.client.destroy());
      const { config, leftOut, owned, landingZone, references } = configFromLive(live);
      // The security foundations: read in the region the config's provider will work in.
      const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
      const accountNames = references.accounts;
      const liveFoundations = await discoverSecurityFoundations({ region, managementAccountId: live.managementAccountId, servicePrincipals: live.servicePrincipals, memberAccountIds: [...accountNames.keys()] });
      const foundations = foundationsFromLive(liveFoundations, { organizationId: live.id, managementAccountId: live.managementAccountId, region, accountNames });
      if (foundations.securityFoundations) config.securityFoundations = foundations.securityFoundations;
      if (region !== DEFAULT_REGION) config.provider = { region };
      leftOut.push(...foundations.leftOut);
      // IAM Identity Center: only with its trusted access (without it, it cannot span the organization).
      const liveAccess = live.servicePrincipals.includes(SSO_PRINCIPAL) ? await discoverIdentityCenter(region) : undefined;
      const access = liveAccess ? identityCenterFromLive(liveAccess, { organization: live, references }) : undefined;
      if (access?.identityCenter) config.identityCenter = access.identityCenter;
      leftOut.push(...(access?.leftOut ?? []));
      owned.push(...(access?.owned ?? []));
      // Checked before anything is written: a file that init writes passes validation. A policy
      // AWS took but this project's rules refuse is left out, with the reason.
      const model = validateLeavingOutPolicies(config, leftOut, options.out);
      const seconds = (performance.now() - started) / 1000;
      const header = [
        `Adopted from organization ${live.id} by \`aws-org init\`: every object is imported by its id, tags as they were.`,
        "Edit freely; the first plan should only import. Left out:",
        ...(leftOut.length > 0 ? leftOut.map((line) => `  - ${line}`) : ["  (nothing)"]),
        ...(owned.length > 0 ? ["Owned by another service, so not adopted (a plan never changes them):", ...owned.map((line) => `  - ${line}`)] : []),
        ...(foundations.firstPlanChanges.length > 0 ? ["The first plan also changes, to meet the security foundations:", ...foundations.firstPlanChanges.map((line) => `  - ${line}`)] : []),
      ];
      writeFileSync(options.out, renderConfig(config, { format, outFile: options.out, projectRoot: PROJECT_ROOT, header }));
      const lines = [
        `Wrote ${options.out}: organization ${live.id}, ${model.organizationalUnits.length} OUs, ${model.accounts.length} accounts, ${live.enabledPolicyTypes.length} policy types, ${live.servicePrincipals.length} service principals, ${model.policies.length} policies, ${model.delegatedAdministrators.length} delegated administrators, ${accessSummary(model)}, ${foundationsSummary(model)} (${live.requests + liveFoundations.requests + (liveAccess?.requests ?? 0)} API requests in ${seconds.toFixed(1)} s)`,
        "",
        renderTree(organizationTree(model)),
        "",
        leftOut.length > 0 ? `Left out (${leftOut.length}):\n${leftOut.map((line) => `  - ${line}`).join("\n")}` : "Nothing left out.",
        "",
        ...(owned.length > 0 ? [`Owned by another service, so not adopted and never changed by a plan (${owned.length}):`, ...owned.map((line) => `  - ${line}`), ""] : []),
        ...(landingZone.length > 0
          ? [`AWS Control Tower's landing zone, by its default names (${landingZone.length}): adopted, their tags and OU managed here; a plan that moves an account between OUs is warned about:`, ...landingZone.map((line) => `  - ${line}`), ""]
          : []),
        ...(foundations.firstPlanChanges.length > 0
          ? [`The first plan also changes (${foundations.firstPlanChanges.length}), to meet the security foundations:`, ...foundations.firstPlanChanges.map((line) => `  - ${line}`), ""]
          : []),
      ];
      process.stdout.write(lines.join("\n"));
    });
}
