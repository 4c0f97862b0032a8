// `aws-org plan`: init and plan each stack, keeping what the comment, the guard and the apply
// need beside it (tfplan, tfplan.json, tfplan.txt, or plan-error.txt). Exit code as
// `plan -detailed-exitcode`: 0 no changes, 2 changes, 1 a plan failed.
import type { Command } from "commander";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLiveOrganization, type LiveOrganization } from "../adopt/discover-organization.js";
import { ADOPTED_ACCOUNTS_FILE, adoptedAccountsJson, orphanedAccounts } from "../adopt/orphaned-accounts.js";
import { discoverPermissionSets, ssoAdminClient } from "../adopt/discover-permission-sets.js";
import { unmanagedAssignments } from "../adopt/unmanaged-assignments.js";
import { unmanagedObjects, unmanagedPermissionSets } from "../adopt/unmanaged-objects.js";
import type { PlanJson, SynthesizedStack } from "../plan/plan-json.js";
import { managedObjectIds, UNMANAGED_FILE, type UnmanagedReport } from "../plan/unmanaged.js";
import { RESOURCE_TYPES } from "../terraform/names.js";
import { PLAN_FILES } from "../plan/read-stack-plan.js";
import { planStack } from "../tofu/plan-stack.js";
import { Tofu } from "../tofu/tofu-runner.js";
import { loadOrganization } from "../config-language/load.js";
import { CONTROL_TOWER_PRINCIPAL } from "../config-language/service-owned.js";
import { readAccountQuota } from "../limits/account-quota.js";
import { applyTimeoutMinutes } from "../limits/apply-time.js";
import { configLimitWarnings, formatWarning, type LimitWarning } from "../limits/limit-warnings.js";
import { planLimitWarnings, WARNINGS_FILE, type WarningsReport } from "../plan/limit-warnings-report.js";
import { IMPACT_FILE, planGuardrailImpact } from "../plan/guardrail-impact-report.js";
import { impactInOneLine } from "../guardrail-impact/impact-in-words.js";
import { addStackOption, collect, selectedStacks, type StackSelection } from "./stack-options.js";

interface StackKind {
  /** The organization stack: the one whose JSON holds the organization resource. */
  organization: boolean;
  /** It manages IAM Identity Center permission sets. */
  permissionSets: boolean;
  /** Its provider's region: where its Identity Center instance is (Identity Center is regional). */
  region: string | undefined;
}

function stackKind(dir: string): StackKind {
  const synthesized = JSON.parse(readFileSync(join(dir, PLAN_FILES.synthesized), "utf8")) as { resource?: Record<string, unknown>; provider?: { aws?: { region?: string }[] } };
  const resources = synthesized.resource ?? {};
  return { organization: RESOURCE_TYPES.organization in resources, permissionSets: RESOURCE_TYPES.permissionSet in resources, region: synthesized.provider?.aws?.[0]?.region };
}

/** Accounts and OUs (and permission sets, when the stack manages them) the organization has and the plan does not manage; the reason when it cannot tell. */
async function listUnmanaged(plan: PlanJson, stack: StackKind, live: LiveOrganization | Error, withAssignments: boolean): Promise<UnmanagedReport> {
  const ssoAdmin = stack.permissionSets ? ssoAdminClient(stack.region ? { region: stack.region } : {}) : undefined;
  try {
    if (live instanceof Error) throw live;
    const managed = managedObjectIds(plan);
    const liveSets = ssoAdmin ? await discoverPermissionSets(ssoAdmin) : [];
    const permissionSets = unmanagedPermissionSets(liveSets, managed, live.servicePrincipals);
    // The permission sets just read are not listed or described again.
    const assignments = ssoAdmin && withAssignments ? await unmanagedAssignments(plan, live, stack.region ?? "us-east-1", { permissionSets: liveSets }) : undefined;
    if (assignments) process.stderr.write(`account assignments read with ${assignments.requests} Identity Center requests\n`);
    return { objects: [...unmanagedObjects(live, managed), ...permissionSets, ...(assignments?.objects ?? [])] };
  } catch (error) {
    return { objects: [], error: (error as Error).message.split("\n")[0] ?? "unknown error" };
  } finally {
    ssoAdmin?.destroy();
  }
}

/** The organization stack's limit warnings: the config's counts, the account quota (Service Quotas), the apply job's time. */
async function limitWarnings(plan: PlanJson, live: LiveOrganization | Error | undefined, configFile: string | undefined): Promise<WarningsReport> {
  const notes: LimitWarning[] = [];
  const configWarnings = await loadOrganization(configFile).then(
    (loaded) => configLimitWarnings(loaded.model),
    (error: unknown) => [{ subject: "config", message: `not read, so its organization-wide counts are unchecked: ${(error as Error).message.split("\n")[0]}` }],
  );
  const timeout = applyTimeoutMinutes();
  if (timeout.problem) notes.push({ subject: "APPLY_TIMEOUT_MINUTES", message: timeout.problem });
  const liveAccounts = live && !(live instanceof Error) ? live.accounts.length : undefined;
  return planLimitWarnings({ plan, configWarnings, liveAccounts, accountQuota: await readAccountQuota(), applyTimeoutMinutes: timeout.minutes, notes, controlTowerPrincipal: CONTROL_TOWER_PRINCIPAL });
}

/** The stack's synthesized JSON, for where new accounts go; undefined when it cannot be read. */
function readSynthesized(dir: string): SynthesizedStack | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, PLAN_FILES.synthesized), "utf8")) as SynthesizedStack;
  } catch {
    return undefined;
  }
}

export function registerPlanCommand(program: Command): void {
  addStackOption(program.command("plan").description("tofu init + plan for each stack, writing tfplan, tfplan.json, tfplan.txt or plan-error.txt"))
    .option("--init-arg <arg>", "extra argument for tofu init, e.g. -backend-config=... (repeatable)", collect, [])
    .option("-c, --config <file>", "the config the stacks were synthesized from, for its limit warnings (default: as synth chooses it)")
    .option("--no-unmanaged", "do not list the accounts, OUs and permission sets the organization has but the config does not manage")
    .option("--assignments", "also list the account assignments no stack manages (one request per account a permission set is provisioned to: the drift check's, not a pull request's)", false)
    .action(async (options: StackSelection & { initArg: string[]; unmanaged: boolean; assignments: boolean; config?: string }) => {
      const tofu = new Tofu(process.env.TOFU_BIN ?? "tofu", { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0" }, { log: false });
      let worst = 0;
      for (const { name, dir } of selectedStacks(options)) {
        // Adoptions are found anew by every plan: none is left over from an earlier one.
        rmSync(join(dir, ADOPTED_ACCOUNTS_FILE), { force: true });
        rmSync(join(dir, IMPACT_FILE), { force: true });
        let planned = await planStack(tofu, dir, { init: options.initArg });
        if (planned.outcome === "failed") {
          process.stderr.write(`${name}: plan failed\n${planned.error}\n`);
          worst = 1;
          continue;
        }
        if (planned.init === "skipped") process.stdout.write(`${name}: init skipped (initialized before for the same providers and backend)\n`);
        const stack = options.unmanaged ? stackKind(dir) : undefined;
        const live = stack?.organization ? await readLiveOrganization() : undefined;
        const orphans = live && !(live instanceof Error) ? orphanedAccounts(planned.plan, live.accounts) : [];
        if (orphans.length > 0) {
          // Made by AWS for an apply that never recorded them: import them rather than ask AWS again.
          for (const orphan of orphans) process.stdout.write(`${name}: ${orphan.address} exists in AWS (${orphan.id}, ${orphan.email}) but in no state: importing it\n`);
          writeFileSync(join(dir, ADOPTED_ACCOUNTS_FILE), adoptedAccountsJson(orphans));
          const replanned = await planStack(tofu, dir, { init: false });
          if (replanned.outcome === "failed") {
            process.stderr.write(`${name}: plan failed\n${replanned.error}\n`);
            worst = 1;
            continue;
          }
          planned = replanned;
        }
        process.stdout.write(`${name}: ${planned.outcome} (${join(dir, PLAN_FILES.json)})\n`);
        if (stack?.organization && live) {
          const report = await listUnmanaged(planned.plan, stack, live, options.assignments);
          writeFileSync(join(dir, UNMANAGED_FILE), `${JSON.stringify(report, null, 1)}\n`);
          process.stdout.write(
            report.error
              ? `${name}: could not list the live organization's unmanaged accounts and OUs${stack.permissionSets ? " and permission sets" : ""}: ${report.error}\n`
              : `${name}: ${report.objects.length} account${report.objects.length === 1 ? "" : "s"}${stack.permissionSets ? `, OUs${options.assignments ? ", permission sets or account assignments" : " or permission sets"}` : " or OUs"} in the organization that the config does not manage\n`,
          );
        }
        if (stack?.organization ?? stackKind(dir).organization) {
          const report = await limitWarnings(planned.plan, live, options.config);
          writeFileSync(join(dir, WARNINGS_FILE), `${JSON.stringify(report, null, 1)}\n`);
          const quota = report.accountQuota;
          process.stdout.write(
            `${name}: ${report.accounts.after} accounts after this plan (${report.accounts.created} created), account quota ${quota.value} (${quota.source === "service-quotas" ? "Service Quotas" : `AWS's default: ${quota.unreadable ?? "not read"}`})\n`,
          );
          for (const warning of report.warnings) process.stderr.write(`${name}: ${formatWarning(warning)}\n`);
          const impact = await planGuardrailImpact(planned.plan, readSynthesized(dir));
          if (impact) {
            writeFileSync(join(dir, IMPACT_FILE), `${JSON.stringify(impact, null, 1)}\n`);
            process.stdout.write(`${name}: guardrail impact: ${impactInOneLine(impact)} (${join(dir, IMPACT_FILE)})\n`);
          }
        }
        if (worst !== 1 && planned.outcome === "changes") worst = 2;
      }
      process.exitCode = worst;
    });
}
