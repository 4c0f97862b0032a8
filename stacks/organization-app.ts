// The project's stacks on one cdktf App: what main.ts (run by `cdktf synth`) and `aws-org synth`
// both build, so the two give the same JSON.
import { App, TerraformResource, type TerraformStack } from "cdktf";
import { typesWithoutPermissions } from "../constructs/ci-permissions.js";
import { CiAccessStack } from "./ci-access-stack.js";
import type { LoadedInputs } from "../config-language/load.js";
import { OrganizationStack } from "./organization-stack.js";
import { STATE_BACKEND_STATE_KEY, StateBackendStack } from "./state-backend-stack.js";

/** The stack names, which are also the directories under <outdir>/stacks/. */
export const STACK_NAMES = { stateBackend: "state-backend", organization: "organization", ciAccess: "ci-access" } as const;

export interface OrganizationAppOptions {
  /** Where to write; default: CDKTF_OUTDIR (set by cdktf synth), else cdktf.out. */
  readonly outdir?: string;
  /** The state-backend stack keeps its own state in the bucket it created (after bootstrap). */
  readonly stateBackendBootstrapped: boolean;
}

/** The resource types a stack manages, read from the constructs themselves. */
export const managedResourceTypes = (stack: TerraformStack): string[] =>
  stack.node.findAll().flatMap((construct) => (construct instanceof TerraformResource ? [construct.terraformResourceType] : []));

export function createOrganizationApp(inputs: LoadedInputs, options: OrganizationAppOptions): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const stateBackend = new StateBackendStack(app, STACK_NAMES.stateBackend, {
    backend: inputs.backend,
    provider: inputs.model.provider,
    bootstrapped: options.stateBackendBootstrapped,
  });
  const organization = new OrganizationStack(app, STACK_NAMES.organization, { model: inputs.model, backend: inputs.backend });
  if (inputs.model.ciAccess) {
    const resourceTypes = [...new Set([stateBackend, organization].flatMap(managedResourceTypes))].sort();
    const missing = typesWithoutPermissions(resourceTypes);
    if (missing.length > 0) {
      throw new Error(`CI has no permissions defined for ${missing.join(", ")}: add each to RESOURCE_PERMISSIONS in constructs/ci-permissions.ts`);
    }
    new CiAccessStack(app, STACK_NAMES.ciAccess, {
      ci: inputs.model.ciAccess,
      backend: inputs.backend,
      provider: inputs.model.provider,
      resourceTypes,
      appliedStateKeys: [inputs.backend.key, STATE_BACKEND_STATE_KEY],
      ...trailReach(inputs.model),
    });
  }
  return app;
}

/** Where the trail's bucket lives: in this account (CI manages it there) or in a log archive CI reaches through a role. */
function trailReach(model: LoadedInputs["model"]): { otherBuckets?: string[]; assumedRoles?: string[] } {
  const trail = model.securityFoundations?.organizationTrail;
  if (!trail) return {};
  const archive = trail.logArchiveAccount === undefined ? undefined : model.accounts.find((a) => a.name === trail.logArchiveAccount);
  if (archive?.importId) return { assumedRoles: [`arn:aws:iam::${archive.importId}:role/${trail.accessRoleName}`] };
  return { otherBuckets: [trail.bucketName] };
}

/** STATE_BACKEND_BOOTSTRAPPED=true once the state backend's own state lives in its bucket. */
export const stateBackendBootstrappedFromEnv = (): boolean => process.env.STATE_BACKEND_BOOTSTRAPPED === "true";
