// Guardrails as the config states them, checked against each other and the rest of the config:
// each policy's document (read from its file, parsed, held to its type's grammar and size), its
// type enabled on the root, its targets existing, no target over AWS's per-type attachment limit,
// and every delegated administrator an account of the config with a trusted service principal.
// Like resolve-structure.ts it reads the config loosely, so its problems are reported together
// with every other problem of the file.
import { lookalikeForm, reservedKeyProblem } from "./aws-rules.js";
import type { ConfigIssue } from "./errors.js";
import type { PolicyTargetModel } from "./model.js";
import { readPolicyDocument } from "./read-policy-document.js";
import {
  AWS_MANAGED_POLICY_IDS,
  AWS_MANAGED_POLICY_NAMES,
  ownPoliciesPerTarget,
  POLICY_TYPE_LIMITS,
  policyContentProblems,
  type PolicyType,
} from "./policy-rules.js";

export interface ResolvedPolicy {
  /** Index in the config's policies list. */
  index: number;
  /** The parsed document, from its file or inline. */
  content: unknown;
  targets: PolicyTargetModel[];
}

export interface ResolvedGuardrails {
  issues: ConfigIssue[];
  /** Policies whose document and targets resolved: all of them when there are no issues. */
  policies: ResolvedPolicy[];
}

/** What this file needs from the rest of the config, already resolved. */
export interface GuardrailContext {
  /** Directory of the config file: policy files are read relative to it. */
  configDir: string;
  findUnit: (ref: string) => { key?: string; reason?: string };
  accountNames: Set<string>;
}

type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isPolicyType = (value: unknown): value is PolicyType => typeof value === "string" && value in POLICY_TYPE_LIMITS;

const targetLabel = (target: PolicyTargetModel): string =>
  target.kind === "root" ? "the root" : target.kind === "ou" ? `the OU "${target.key}"` : `the account "${target.name}"`;
const targetId = (target: PolicyTargetModel): string => (target.kind === "root" ? "root" : target.kind === "ou" ? `ou:${target.key}` : `account:${target.name}`);

function resolveTargets(targets: Raw, at: string, context: GuardrailContext, issues: ConfigIssue[]): PolicyTargetModel[] {
  const resolved: PolicyTargetModel[] = targets.root === true ? [{ kind: "root" }] : [];
  const seen = new Set<string>();
  asArray(targets.organizationalUnits).forEach((ref, j) => {
    if (typeof ref !== "string") return;
    const found = context.findUnit(ref);
    if (found.key === undefined) issues.push({ path: `${at}.organizationalUnits[${j}]`, message: found.reason ?? "cannot be resolved" });
    else if (seen.has(`ou:${found.key}`)) issues.push({ path: `${at}.organizationalUnits[${j}]`, message: `"${ref}" is listed twice: a policy is attached to a target once` });
    else {
      seen.add(`ou:${found.key}`);
      resolved.push({ kind: "ou", key: found.key });
    }
  });
  asArray(targets.accounts).forEach((name, j) => {
    if (typeof name !== "string") return;
    if (!context.accountNames.has(name)) issues.push({ path: `${at}.accounts[${j}]`, message: `names an unknown account "${name}": targets are accounts of this config, by name` });
    else if (seen.has(`account:${name}`)) issues.push({ path: `${at}.accounts[${j}]`, message: `"${name}" is listed twice: a policy is attached to a target once` });
    else {
      seen.add(`account:${name}`);
      resolved.push({ kind: "account", name });
    }
  });
  return resolved;
}

export function resolveGuardrails(input: unknown, context: GuardrailContext): ResolvedGuardrails {
  const raw = asRecord(input) ?? {};
  const organization = asRecord(raw.organization) ?? {};
  const enabledTypes = new Set(asArray(organization.enabledPolicyTypes));
  const trusted = new Set(asArray(organization.awsServiceAccessPrincipals));
  const issues: ConfigIssue[] = [];
  const policies: ResolvedPolicy[] = [];
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  /** "<type>\0<target>" -> the policies attached there, for AWS's per-target limit. */
  const perTarget = new Map<string, { label: string; policies: number[] }>();

  asArray(raw.policies).forEach((entry, i) => {
    const at = `policies[${i}]`;
    const policy = asRecord(entry) ?? {};
    const name = typeof policy.name === "string" ? policy.name : undefined;
    const type = policy.type === undefined ? "SERVICE_CONTROL_POLICY" : policy.type;
    if (name !== undefined) {
      if (name.includes("/")) issues.push({ path: `${at}.name`, message: `must not contain "/" (it separates policy and target in attachment keys)` });
      if (AWS_MANAGED_POLICY_NAMES.has(name)) issues.push({ path: `${at}.name`, message: `"${name}" is AWS's own policy: it stays attached everywhere and cannot be changed, so it is never managed here` });
      const earlier = names.get(lookalikeForm(name));
      if (earlier !== undefined) issues.push({ path: `${at}.name`, message: `duplicates policies[${earlier}] (names are compared ignoring case): policy names are the for_each keys` });
      else names.set(lookalikeForm(name), i);
    }
    if (typeof policy.id === "string") {
      if (AWS_MANAGED_POLICY_IDS.has(policy.id)) issues.push({ path: `${at}.id`, message: `${policy.id} is AWS-managed: it cannot be imported, updated or deleted` });
      const earlier = ids.get(policy.id);
      if (earlier !== undefined) issues.push({ path: `${at}.id`, message: `${policy.id} is already imported by policies[${earlier}]: a policy can be imported once` });
      else ids.set(policy.id, i);
    }
    if (isPolicyType(type) && !enabledTypes.has(type)) {
      issues.push({ path: `${at}.type`, message: `${type} is not in organization.enabledPolicyTypes: AWS refuses to attach a policy whose type is not enabled on the root` });
    }

    const { value: content, file } = readPolicyDocument(policy.content, `${at}.content`, context.configDir, issues);
    if (content !== undefined && isPolicyType(type)) {
      for (const [path, message] of policyContentProblems(type, content)) {
        issues.push({ path: path ? `${at}.content.${path}` : `${at}.content`, message: file ? `${message} (in ${file})` : message });
      }
    }

    const targets = resolveTargets(asRecord(policy.targets) ?? {}, `${at}.targets`, context, issues);
    if (isPolicyType(type)) {
      for (const target of targets) {
        const slot = `${type}\u0000${targetId(target)}`;
        const counted = perTarget.get(slot) ?? { label: targetLabel(target), policies: [] };
        counted.policies.push(i);
        perTarget.set(slot, counted);
      }
    }
    if (content !== undefined) policies.push({ index: i, content, targets });
  });

  for (const [slot, { label, policies: attached }] of perTarget) {
    const type = slot.split("\u0000")[0] as PolicyType;
    const limit = ownPoliciesPerTarget(type);
    if (attached.length <= limit) continue;
    const aws = POLICY_TYPE_LIMITS[type].awsDefaultPolicy;
    issues.push({
      path: `policies[${attached[limit]}].targets`,
      message: `attaches ${attached.length} ${type}s to ${label} (policies ${attached.map((p) => `[${p}]`).join(", ")}); AWS allows ${POLICY_TYPE_LIMITS[type].maxPerTarget} per target${aws ? `, one of them its own ${aws}, which stays attached` : ""}, so at most ${limit} from this config`,
    });
  }

  const delegated = asRecord(raw.delegatedAdministrators) ?? {};
  for (const [account, principals] of Object.entries(delegated)) {
    const at = `delegatedAdministrators.${account}`;
    const reserved = reservedKeyProblem(account);
    if (reserved) issues.push({ path: at, message: reserved });
    else if (!context.accountNames.has(account)) issues.push({ path: at, message: `names an unknown account "${account}": delegated administrators are accounts of this config, by name` });
    const seen = new Set<unknown>();
    asArray(principals).forEach((principal, j) => {
      if (seen.has(principal)) issues.push({ path: `${at}[${j}]`, message: `"${String(principal)}" is listed twice` });
      seen.add(principal);
      if (typeof principal === "string" && !trusted.has(principal)) {
        issues.push({ path: `${at}[${j}]`, message: `${principal} is not in organization.awsServiceAccessPrincipals: a service needs trusted access before an account can administer it` });
      }
    });
  }
  return { issues, policies };
}
