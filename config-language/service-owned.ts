// What another AWS service or solution owns in an organization, so that `init` neither adopts it,
// nor lets a later plan change it, and the unmanaged listing says whose it is. How each is known,
// with the source:
// - AWS Control Tower's guardrail (control) policies are named "aws-guardrails-<id>" (the AWS
//   Control Tower User Guide, "Detect and resolve drift": "the managed service control policy
//   'aws-guardrails-012345'").
// - AWS Control Tower's permission sets (User Guide, "Working with IAM Identity Center and AWS
//   Control Tower"): AWSAdministratorAccess, AWSPowerUserAccess, AWSReadOnlyAccess,
//   AWSOrganizationsFullAccess, AWSServiceCatalogAdminFullAccess, AWSServiceCatalogEndUserAccess;
//   taken as Control Tower's only where controltower.amazonaws.com has trusted access.
// - AWS Control Tower's landing zone (User Guide, "What is set up in a landing zone"): the
//   foundational OU "Security" ("Core" in landing zones set up before 2022) holding the shared
//   accounts "Log Archive" and "Audit", and the optional "Sandbox" OU: its default names, taken as
//   Control Tower's only where controltower.amazonaws.com has trusted access. The landing zone's
//   own API (GetLandingZone, ListEnabledBaselines) would name them exactly, but the npm registry
//   serves @aws-sdk/client-controltower only up to 3.332.0, which predates those calls.
// - Landing Zone Accelerator on AWS tags the policies it creates with "<prefix>Managed" (its
//   aws-organizations policy construct; the default prefix is AWSAccelerator).

export type Owner = "AWS Control Tower" | "Landing Zone Accelerator";

export const CONTROL_TOWER_PRINCIPAL = "controltower.amazonaws.com";
export const CONTROL_TOWER_POLICY_PREFIX = "aws-guardrails-";
export const CONTROL_TOWER_PERMISSION_SETS = new Set([
  "AWSAdministratorAccess",
  "AWSPowerUserAccess",
  "AWSReadOnlyAccess",
  "AWSOrganizationsFullAccess",
  "AWSServiceCatalogAdminFullAccess",
  "AWSServiceCatalogEndUserAccess",
]);
const LZA_POLICY_TAG = "AWSAcceleratorManaged";

/** The service that owns a policy, from its name and tags. */
export function policyOwner(policy: { name: string; tags: Record<string, string> }): Owner | undefined {
  if (policy.name.startsWith(CONTROL_TOWER_POLICY_PREFIX)) return "AWS Control Tower";
  if (LZA_POLICY_TAG in policy.tags) return "Landing Zone Accelerator";
  return undefined;
}

/** The service that owns a permission set: Control Tower's, where Control Tower runs. */
export const permissionSetOwner = (name: string, servicePrincipals: readonly string[]): Owner | undefined =>
  servicePrincipals.includes(CONTROL_TOWER_PRINCIPAL) && CONTROL_TOWER_PERMISSION_SETS.has(name) ? "AWS Control Tower" : undefined;

/** A policy name the config may not use: Control Tower owns it and replaces what another tool writes. */
export const ownedPolicyNameProblem = (name: string): string | undefined =>
  name.startsWith(CONTROL_TOWER_POLICY_PREFIX) ? `names beginning ${CONTROL_TOWER_POLICY_PREFIX} are AWS Control Tower's guardrail policies, which it owns and restores: manage its controls in Control Tower` : undefined;

/** Control Tower's landing zone OUs and shared accounts, by its default names. */
export const CONTROL_TOWER_LANDING_ZONE = { organizationalUnits: new Set(["Security", "Core", "Sandbox"]), accounts: new Set(["Log Archive", "Audit"]) };
