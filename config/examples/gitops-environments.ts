// The layout of the GitOps tutorial this project grew from: a Deployment OU holding the account that runs pipelines, and one OU and
// one account per application environment. Select it with
//   ORG_CONFIG=config/examples/gitops-environments.ts npm start
import { defineOrganization } from "../schema.js";

const environments = ["dev", "test", "prod"];

export default defineOrganization({
  organization: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] },
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
