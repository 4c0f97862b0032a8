// The project's stacks on one cdktf App: what main.ts (run by `cdktf synth`) and `aws-org synth`
// both build, so the two give the same JSON.
import { App } from "cdktf";
import type { LoadedInputs } from "../config/load.js";
import { OrganizationStack } from "./organization-stack.js";
import { StateBackendStack } from "./state-backend-stack.js";

/** The stack names, which are also the directories under <outdir>/stacks/. */
export const STACK_NAMES = { stateBackend: "state-backend", organization: "organization" } as const;

export interface OrganizationAppOptions {
  /** Where to write; default: CDKTF_OUTDIR (set by cdktf synth), else cdktf.out. */
  readonly outdir?: string;
  /** The state-backend stack keeps its own state in the bucket it created (after bootstrap). */
  readonly stateBackendBootstrapped: boolean;
}

export function createOrganizationApp(inputs: LoadedInputs, options: OrganizationAppOptions): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  new StateBackendStack(app, STACK_NAMES.stateBackend, {
    backend: inputs.backend,
    provider: inputs.model.provider,
    bootstrapped: options.stateBackendBootstrapped,
  });
  new OrganizationStack(app, STACK_NAMES.organization, { model: inputs.model, backend: inputs.backend });
  return app;
}

/** STATE_BACKEND_BOOTSTRAPPED=true once the state backend's own state lives in its bucket. */
export const stateBackendBootstrappedFromEnv = (): boolean => process.env.STATE_BACKEND_BOOTSTRAPPED === "true";
