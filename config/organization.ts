// The organization this project manages: edit this file, open a pull request, read the plan.
// Shipped as the organization of the OpenTofu setup this project replaces: three OUs,
// one new production account, and the DNS account that existed before the organization did.
import { defineOrganization } from "../config-language/define-organization.js";

export default defineOrganization({
  organization: {
    featureSet: "ALL",
    // Enabled up front: retrofitting SCPs later is harder than turning them on now.
    enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
    awsServiceAccessPrincipals: [
      "sso.amazonaws.com",
      "cloudtrail.amazonaws.com",
      "config.amazonaws.com",
      "iam.amazonaws.com",
      "account.amazonaws.com",
    ],
    // When the organization already exists (enabling IAM Identity Center creates one), put its
    // id here and it is imported instead of created:
    // id: "o-exampleorgid",
  },

  organizationalUnits: [
    { name: "Production" },
    { name: "Infrastructure" },
    { name: "Security" },
  ],

  emailConvention: "aws-{name}@example.com",
  defaultTags: { ManagedBy: "OpenTofu" },

  accounts: [
    { name: "website-prod", organizationalUnit: "Production", iamUserAccessToBilling: "DENY" },
    // Existed before the organization: imported by id, never created.
    { name: "dns", organizationalUnit: "Infrastructure", id: "111111111111" },
  ],

  // Security foundations on the services trusted above (README: "Security foundations"): the
  // organization trail logs every account and region to a bucket in the management account, member
  // accounts' root access is managed centrally, and every account names who AWS contacts.
  securityFoundations: {
    organizationTrail: { bucketName: "example-org-cloudtrail-logs" },
    rootAccess: { credentialsManagement: true, rootSessions: true },
    accountContacts: {
      security: { name: "Security Team", title: "Security", email: "security@example.com", phone: "+1 555 0100" },
      billing: { name: "Finance Team", title: "Billing", email: "billing@example.com", phone: "+1 555 0101" },
      operations: { name: "Platform Team", title: "Operations", email: "platform@example.com", phone: "+1 555 0102" },
    },
  },

  // CI's roles (the ci-access stack, applied by an administrator): they trust exactly this
  // repository's pull requests, its drift checks on main, and its production environment.
  ciAccess: { repository: "example-org/aws-organization" },

  // Access (IAM Identity Center, enabled once in the console): the tutorial's administrators get
  // AdministratorAccess on the management account for 12-hour sessions. See the README's "Access".
  identityCenter: {
    permissionSets: [
      {
        name: "AdministratorAccess",
        description: "Full access, for the platform team",
        sessionDuration: "PT12H",
        managedPolicies: ["AdministratorAccess"],
      },
    ],
    groups: [{ name: "Administrators", description: "Platform engineers who run the organization" }],
    assignments: [{ group: "Administrators", permissionSet: "AdministratorAccess", targets: { managementAccount: true } }],
  },

  // Guardrails: more ready-made ones are in config/policies/ (see the README's "Guardrails").
  policies: [
    {
      name: "DenyLeavingOrganization",
      description: "Member accounts cannot leave the organization",
      content: "policies/deny-leaving-organization.json",
      targets: { root: true },
    },
  ],
});
