// The shipped organization with two guardrails added, to see what a guardrail change does before
// opening a pull request:
//   npm run --silent cli -- impact --before config/organization.ts --after config/examples/guardrail-change.ts
import { defineOrganization } from "../../config-language/define-organization.js";

export default defineOrganization({
  organization: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] },
  organizationalUnits: [{ name: "Production" }, { name: "Infrastructure" }, { name: "Security" }],
  emailConvention: "aws-{name}@example.com",
  accounts: [
    { name: "website-prod", organizationalUnit: "Production", iamUserAccessToBilling: "DENY" },
    { name: "dns", organizationalUnit: "Infrastructure", id: "111111111111" },
  ],
  policies: [
    {
      name: "DenyLeavingOrganization",
      description: "Member accounts cannot leave the organization",
      // Paths are relative to this file.
      content: "../policies/deny-leaving-organization.json",
      targets: { root: true },
    },
    {
      name: "DenyOutsideRegions",
      description: "Production runs in us-east-1 and eu-west-1 only",
      content: "../policies/deny-outside-regions.json",
      targets: { organizationalUnits: ["Production"] },
    },
    {
      name: "NoIamUsers",
      description: "People sign in through IAM Identity Center: no IAM users or their keys",
      content: {
        Version: "2012-10-17",
        Statement: [{ Sid: "NoIamUsers", Effect: "Deny", Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"], Resource: "*" }],
      },
      targets: { organizationalUnits: ["Infrastructure"] },
    },
  ],
});
