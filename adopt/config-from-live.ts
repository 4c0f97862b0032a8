// A live organization as this project's config: ids on everything (imported, never created), OUs
// by name or by path where names repeat, tags exactly as they are (no Name tag, no default tags
// added), so that the first plan imports and changes nothing. What the config cannot express is
// listed, never silently dropped.
import { lookalikeForm, reservedKeyProblem, templateProblem } from "../config-language/aws-rules.js";
import { MAX_ACCOUNT_NAME, type OrganizationConfigInput } from "../config-language/schema.js";
import { CONTROL_TOWER_LANDING_ZONE, CONTROL_TOWER_PRINCIPAL, policyOwner } from "../config-language/service-owned.js";
import type { LiveOrganization } from "./discover-organization.js";

export interface AdoptedConfig {
  config: OrganizationConfigInput;
  /** What was left out, and why, one line each. */
  leftOut: string[];
  /** What another service owns and init leaves to it, one line each ("policy p-... (aws-guardrails-x): AWS Control Tower"). */
  owned: string[];
  /** What Control Tower's landing zone holds and init adopts all the same (its tags and OU stay manageable), one line each. */
  landingZone: string[];
  /** How the config names what it adopted: OU id -> its reference (name, or path where names repeat); account id -> name. */
  references: { units: Map<string, string>; accounts: Map<string, string> };
}

type PolicyType = NonNullable<NonNullable<OrganizationConfigInput["organization"]>["enabledPolicyTypes"]>[number];

/** Control Tower's landing zone OUs (top level) and shared accounts in them, by its default names, where Control Tower runs. */
function landingZoneOf(live: LiveOrganization, units: { name: string; id?: string; parent?: string }[], accounts: { name: string; id?: string }[]): string[] {
  if (!live.servicePrincipals.includes(CONTROL_TOWER_PRINCIPAL)) return [];
  const topUnits = units.filter((u) => u.parent === undefined && CONTROL_TOWER_LANDING_ZONE.organizationalUnits.has(u.name));
  const shared = accounts.filter((a) => CONTROL_TOWER_LANDING_ZONE.accounts.has(a.name));
  return [...topUnits.map((u) => `OU ${u.id} (${JSON.stringify(u.name)})`), ...shared.map((a) => `account ${a.id} (${JSON.stringify(a.name)})`)];
}

export function configFromLive(live: LiveOrganization): AdoptedConfig {
  const leftOut: string[] = [];
  const units = new Map(live.organizationalUnits.map((ou) => [ou.id, ou]));
  const pathOf = (id: string): string | undefined => {
    const ou = units.get(id);
    if (!ou) return undefined;
    const parent = pathOf(ou.parentId);
    return parent === undefined ? ou.name : `${parent}/${ou.name}`;
  };
  const nameCount = new Map<string, number>();
  for (const ou of live.organizationalUnits) nameCount.set(ou.name, (nameCount.get(ou.name) ?? 0) + 1);
  /** An OU as the config refers to it: its name, or its path when another OU has the same name. */
  const reference = (id: string): string | undefined => (units.has(id) ? (nameCount.get(units.get(id)!.name) === 1 ? units.get(id)!.name : pathOf(id)) : undefined);

  const skippedUnits = new Set<string>();
  const organizationalUnits = live.organizationalUnits.flatMap((ou) => {
    const problem = ou.name.includes("/") ? 'its name holds "/", which separates OU paths here' : (templateProblem(ou.name) ?? reservedKeyProblem(ou.name));
    if (problem || skippedUnits.has(ou.parentId)) {
      skippedUnits.add(ou.id);
      leftOut.push(`OU ${ou.id} (${JSON.stringify(ou.name)}): ${problem ?? "its parent OU is left out"}`);
      return [];
    }
    const parent = reference(ou.parentId);
    return [{ name: ou.name, ...(parent === undefined ? {} : { parent }), id: ou.id, tags: ou.tags }];
  });

  const seenNames = new Map<string, string>();
  const accounts = live.accounts.flatMap((account) => {
    const what = `account ${account.id} (${JSON.stringify(account.name)})`;
    if (account.id === live.managementAccountId) {
      leftOut.push(`${what}: the management account, which the organization itself stands for`);
      return [];
    }
    if (account.status !== "ACTIVE") {
      leftOut.push(`${what}: ${account.status.toLowerCase().replace(/_/g, " ")}, so not managed`);
      return [];
    }
    if (skippedUnits.has(account.parentId)) {
      leftOut.push(`${what}: its OU is left out`);
      return [];
    }
    const problem =
      account.name.length > MAX_ACCOUNT_NAME || !/^[\x20-\x7E]+$/.test(account.name) ? `its name is not 1-${MAX_ACCOUNT_NAME} printable ASCII characters` : (templateProblem(account.name) ?? reservedKeyProblem(account.name));
    const earlier = seenNames.get(lookalikeForm(account.name));
    if (problem || earlier) {
      leftOut.push(`${what}: ${problem ?? `its name is also the name of account ${earlier} (names are the for_each keys here): rename one in AWS, then run init again`}`);
      return [];
    }
    seenNames.set(lookalikeForm(account.name), account.id);
    const organizationalUnit = reference(account.parentId);
    return [{ name: account.name, email: account.email, ...(organizationalUnit === undefined ? {} : { organizationalUnit }), id: account.id, tags: account.tags }];
  });

  // Policies: their documents as objects, targets by the names the config uses.
  const accountNames = new Map(accounts.map((a) => [a.id, a.name]));
  const unitRefs = new Map(organizationalUnits.map((u) => [u.id, reference(u.id)!]));
  const owned: string[] = [];
  const policies = live.policies.flatMap((policy) => {
    const what = `policy ${policy.id} (${JSON.stringify(policy.name)})`;
    const owner = policyOwner(policy);
    if (owner) {
      owned.push(`${what}: ${owner}, with its ${policy.targetIds.length} attachment${policy.targetIds.length === 1 ? "" : "s"}`);
      return [];
    }
    let content: Record<string, unknown>;
    try {
      content = JSON.parse(policy.content) as Record<string, unknown>;
    } catch {
      leftOut.push(`${what}: its document is not JSON`);
      return [];
    }
    if (policy.name.includes("/") || templateProblem(policy.name) || reservedKeyProblem(policy.name)) {
      leftOut.push(`${what}: its name cannot be a key here (no "/", no template syntax)`);
      return [];
    }
    const targets = { root: false, organizationalUnits: [] as string[], accounts: [] as string[] };
    for (const targetId of policy.targetIds) {
      if (targetId === live.rootId) targets.root = true;
      else if (unitRefs.has(targetId)) targets.organizationalUnits.push(unitRefs.get(targetId)!);
      else if (accountNames.has(targetId)) targets.accounts.push(accountNames.get(targetId)!);
      else leftOut.push(`${what}: its attachment to ${targetId}, which is left out`);
    }
    return [{ name: policy.name, type: policy.type as PolicyType, description: policy.description, content, targets, tags: policy.tags, id: policy.id }];
  });
  const delegatedAdministrators = Object.fromEntries(
    Object.entries(live.delegatedAdministrators).flatMap(([accountId, principals]) => {
      const name = accountNames.get(accountId);
      if (name === undefined) {
        leftOut.push(`delegated administrator ${accountId} (${principals.join(", ")}): the account is left out`);
        return [];
      }
      return [[name, principals]];
    }),
  );

  return {
    config: {
      organization: {
        featureSet: live.featureSet === "CONSOLIDATED_BILLING" ? "CONSOLIDATED_BILLING" : "ALL",
        enabledPolicyTypes: live.enabledPolicyTypes as PolicyType[],
        awsServiceAccessPrincipals: live.servicePrincipals,
        id: live.id,
      },
      // Tags exactly as they are in AWS: nothing added, so the first plan changes none.
      nameTags: false,
      defaultTags: {},
      organizationalUnits,
      accounts,
      ...(policies.length > 0 ? { policies } : {}),
      ...(Object.keys(delegatedAdministrators).length > 0 ? { delegatedAdministrators } : {}),
    },
    leftOut,
    owned,
    landingZone: landingZoneOf(live, organizationalUnits, accounts),
    references: { units: unitRefs, accounts: accountNames },
  };
}
