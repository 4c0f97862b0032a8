// npm run fixtures:plans — regenerates __tests__/fixtures/plans from real tofu runs against moto:
// for each case, the synthesized stack, `tofu show -json` and `tofu show` of its plan (or the
// error of a plan that fails). The plan comment and guard tests read these files.
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { OrganizationConfigInput } from "../config-language/schema.js";
import { PLAN_FILES } from "../plan/read-stack-plan.js";
import { STACK_NAMES } from "../stacks/organization-app.js";
import { RESOURCE_TYPES } from "../terraform/names.js";
import { planStack } from "../tofu/plan-stack.js";
import { sdkClientConfig } from "./aws-environment.js";
import { createOrganizationOutsideTofu } from "./existing-organization.js";
import { sandboxConfig } from "./sandbox-config.js";
import { PROJECT_ROOT } from "./synthesize.js";
import { Sandbox } from "./sandbox.js";

const OUT = join(PROJECT_ROOT, "__tests__/fixtures/plans");
const CONFIG_FILE = "config/organization.ts";

/**
 * A stack whose accounts lost prevent_destroy, as they do when an account's resource block
 * leaves a hand-written config: the plan then deletes or replaces, and only the guard stops it.
 */
function withoutProtection(dir: string): void {
  const file = join(dir, PLAN_FILES.synthesized);
  const json = JSON.parse(readFileSync(file, "utf8"));
  for (const resource of Object.values(json.resource[RESOURCE_TYPES.account]) as { lifecycle?: { prevent_destroy?: boolean } }[]) {
    if (resource.lifecycle) resource.lifecycle.prevent_destroy = false;
  }
  writeFileSync(file, JSON.stringify(json, null, 2));
}

/** Plans one case as `aws-org plan` does and keeps the stack directory's files, in the same layout. */
async function planCase(sandbox: Sandbox, name: string, config: OrganizationConfigInput, options: { unprotected?: boolean } = {}) {
  const dir = sandbox.stackDir(await sandbox.synth(`case-${name}`, config), STACK_NAMES.organization);
  if (options.unprotected) withoutProtection(dir);
  await sandbox.init(dir);
  const planned = await planStack(sandbox.tofu, dir, { init: false });
  const out = join(OUT, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyFileSync(join(dir, PLAN_FILES.synthesized), join(out, PLAN_FILES.synthesized));
  if (planned.outcome === "failed") {
    copyFileSync(join(dir, PLAN_FILES.error), join(out, PLAN_FILES.error));
    process.stdout.write(`${name}: plan failed (kept its error)\n`);
    return dir;
  }
  // Indented, so that a regenerated fixture reads as a diff.
  writeFileSync(join(out, PLAN_FILES.json), `${JSON.stringify(planned.plan, null, 1)}\n`);
  copyFileSync(join(dir, PLAN_FILES.text), join(out, PLAN_FILES.text));
  process.stdout.write(`${name}: planned\n`);
  return dir;
}

async function bootstrap(sandbox: Sandbox, config: OrganizationConfigInput) {
  const dir = sandbox.stackDir(await sandbox.synth("bootstrap", config, { bootstrapped: false }), "state-backend");
  await sandbox.init(dir);
  await sandbox.apply(dir);
}

async function fromNothing(): Promise<void> {
  const sandbox = await Sandbox.start();
  try {
    const { config } = await sandboxConfig(CONFIG_FILE, {
      providerVersion: sandbox.tools.providerVersion,
      edit: (c) => ({ ...c, accounts: (c.accounts ?? []).map(({ id: _id, ...a }) => a) }),
    });
    await bootstrap(sandbox, config);
    const created = await planCase(sandbox, "create", config);
    await sandbox.apply(created, ["tfplan"]);
    await planCase(sandbox, "noop", config);

    const edit = (name: string, change: (a: NonNullable<OrganizationConfigInput["accounts"]>[number]) => object) => ({
      ...config,
      accounts: (config.accounts ?? []).map((a) => (a.name === name ? { ...a, ...change(a) } : a)),
    });
    await planCase(sandbox, "update", {
      ...edit("website-prod", (a) => ({ tags: { ...(a.tags ?? {}), Owner: "web-team" } })),
      organizationalUnits: (config.organizationalUnits ?? []).map((ou) => (ou.name === "Security" ? { ...ou, tags: { DataClass: "restricted" } } : ou)),
    });
    await planCase(sandbox, "move", edit("website-prod", () => ({ organizationalUnit: "Security" })));
    await planCase(sandbox, "rename-ou", {
      ...config,
      organizationalUnits: (config.organizationalUnits ?? []).map((ou) => (ou.name === "Production" ? { name: "Prod", renamedFrom: "Production" } : ou)),
      accounts: (config.accounts ?? []).map((a) => (a.organizationalUnit === "Production" ? { ...a, organizationalUnit: "Prod" } : a)),
    });
    await planCase(sandbox, "replace-email", edit("website-prod", () => ({ email: "web-production@example.com" })), { unprotected: true });
    const dropped = { ...config, accounts: (config.accounts ?? []).filter((a) => a.name !== "website-prod") };
    await planCase(sandbox, "remove-account", dropped, { unprotected: true });
    await planCase(sandbox, "remove-account-protected", dropped);
  } finally {
    await sandbox.stop();
  }
}

async function adoptExisting(): Promise<void> {
  const sandbox = await Sandbox.start();
  const organizations = new OrganizationsClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  try {
    const existing = await createOrganizationOutsideTofu(organizations, "dns", "aws-dns@example.com");
    const { config } = await sandboxConfig(CONFIG_FILE, {
      providerVersion: sandbox.tools.providerVersion,
      organizationId: existing.organizationId,
      accountIds: { dns: existing.accountId },
    });
    await bootstrap(sandbox, config);
    await planCase(sandbox, "import", config);
  } finally {
    organizations.destroy();
    await sandbox.stop();
  }
}

await fromNothing();
await adoptExisting();
