// The layout of the GitOps tutorial this project grew from: a Deployment OU holding the account that runs pipelines, and one OU and
// one account per application environment. Select it with
//   ORG_CONFIG=config/examples/gitops-environments.ts npm start
import { defineOrganization } from "../../config-language/define-organization.js";

const environments = ["dev", "test", "prod"];

export default defineOrganization({
  organization: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"], awsServiceAccessPrincipals: ["sso.amazonaws.com"] },
  emailConvention: "platform+{name}@example.com",
  organizationalUnits: [{ name: "Deployment" }, ...environments.map((name) => ({ name }))],
  accounts: [
    { name: "DeploymentAccount", organizationalUnit: "Deployment", iamUserAccessToBilling: "ALLOW" },
    ...environments.map((env) => ({
      name: `${env}-account`,
      organizationalUnit: env,
      iamUserAccessToBilling: "DENY" as const,
    })),
  ],
  // Developers get PowerUser on dev and read-only on prod through the OUs: an account added to
  // either OU gets the same access in the same pull request.
  identityCenter: {
    permissionSets: [
      { name: "PowerUserAccess", description: "Build and run workloads, no IAM", sessionDuration: "PT8H", managedPolicies: ["PowerUserAccess"] },
      { name: "ReadOnlyAccess", description: "Look, do not touch", sessionDuration: "PT4H", managedPolicies: ["ReadOnlyAccess"] },
    ],
    groups: [{ name: "Developers", description: "Application teams" }],
    assignments: [
      { group: "Developers", permissionSet: "PowerUserAccess", targets: { organizationalUnits: ["dev"] } },
      { group: "Developers", permissionSet: "ReadOnlyAccess", targets: { organizationalUnits: ["prod"] } },
    ],
  },
  policies: [
    {
      name: "DenyRegionsOutsideTheApprovedList",
      description: "Environments run in us-east-1 and eu-west-1 only",
      // Paths are relative to this file.
      content: "../policies/deny-outside-regions.json",
      targets: { organizationalUnits: environments },
    },
  ],
});
