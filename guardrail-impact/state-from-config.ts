// A config's guardrails as the impact engine reads them: the `impact` command compares two configs.
import type { OrganizationModel } from "../config-language/model.js";
import { GUARDRAIL_TYPES, type GuardrailState } from "./guardrail-state.js";

const isGuardrail = (type: string): boolean => (GUARDRAIL_TYPES as readonly string[]).includes(type);

export function guardrailStateFromConfig(model: OrganizationModel): GuardrailState {
  const policies = model.policies.filter((policy) => isGuardrail(policy.type));
  return {
    accounts: new Map(model.accounts.map((account) => [account.name, account.organizationalUnitKey])),
    policies: new Map(policies.map((policy) => [policy.name, { type: policy.type, document: policy.content }])),
    attachments: policies.flatMap((policy) => policy.targets.map((target) => ({ policy: policy.name, target }))),
  };
}
