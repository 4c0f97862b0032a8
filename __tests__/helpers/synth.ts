// Synthesizes the stacks in memory (cdktf's Testing helpers need no binary) and parses the JSON.
import { Testing } from "cdktf";
import type { BackendSettings } from "../../config-language/backend.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { validateConfig } from "../../config-language/validate.js";
import { OrganizationStack } from "../../stacks/organization-stack.js";
import { StateBackendStack } from "../../stacks/state-backend-stack.js";

export const TEST_BACKEND: BackendSettings = {
  bucket: "test-org-state",
  key: "organization/terraform.tfstate",
  region: "us-east-1",
  dynamodb_table: "test-locks",
  encrypt: true,
  use_lockfile: false,
};

// The synthesized JSON is read loosely: tests index into it like a reviewer reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfJson = any;

export function synthOrganization(config: OrganizationConfigInput, backend: BackendSettings = TEST_BACKEND): TfJson {
  const app = Testing.app();
  const stack = new OrganizationStack(app, "organization", { model: validateConfig(config), backend });
  return JSON.parse(Testing.synth(stack));
}

export function synthStateBackend(bootstrapped: boolean, backend: BackendSettings = TEST_BACKEND): TfJson {
  const app = Testing.app();
  const stack = new StateBackendStack(app, "state-backend", {
    backend,
    provider: { region: "us-east-1", versionConstraint: "~> 6.25" },
    bootstrapped,
  });
  return JSON.parse(Testing.synth(stack));
}
