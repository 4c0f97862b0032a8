import { describe, expect, it } from "vitest";
import defaultConfig from "../../config/organization.js";
import { validateConfig } from "../../config-language/validate.js";
import { organizationTree, renderTree } from "../../cli/organization-tree.js";

describe("organization tree", () => {
  it("shows the default organization with OUs, accounts and which are imported", () => {
    expect(renderTree(organizationTree(validateConfig(defaultConfig)))).toBe(
      [
        "Root (ALL) · SCP: DenyLeavingOrganization",
        "├── Production/",
        "│   └── website-prod <aws-website-prod@example.com>",
        "├── Infrastructure/",
        "│   └── dns <aws-dns@example.com> (imported: 111111111111)",
        "└── Security/",
      ].join("\n"),
    );
  });

  it("nests OUs and keeps root accounts last", () => {
    const model = validateConfig({
      organization: { id: "o-abcdefghij" },
      emailConvention: "a-{name}@example.com",
      organizationalUnits: [{ name: "W" }, { name: "P", parent: "W" }],
      accounts: [{ name: "deep", organizationalUnit: "W/P" }, { name: "top" }],
    });
    expect(renderTree(organizationTree(model))).toBe(
      [
        "Root (ALL, imported: o-abcdefghij)",
        "├── W/",
        "│   └── P/",
        "│       └── deep <a-deep@example.com>",
        "└── top <a-top@example.com>",
      ].join("\n"),
    );
  });

  it("marks each target with the policies attached to it, by type, and accounts with what they administer", () => {
    const model = validateConfig({
      organization: { enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"], awsServiceAccessPrincipals: ["guardduty.amazonaws.com"] },
      emailConvention: "a-{name}@example.com",
      organizationalUnits: [{ name: "W" }],
      accounts: [{ name: "sec", organizationalUnit: "W" }],
      policies: [
        { name: "Deny", content: { Version: "2012-10-17", Statement: { Effect: "Deny", Action: "*", Resource: "*" } }, targets: { organizationalUnits: ["W"], accounts: ["sec"] } },
        { name: "Tags", type: "TAG_POLICY", content: { tags: {} }, targets: { root: true, organizationalUnits: ["W"] } },
      ],
      delegatedAdministrators: { sec: ["guardduty.amazonaws.com"] },
    });
    expect(renderTree(organizationTree(model))).toBe(
      [
        "Root (ALL) · tag policy: Tags",
        "└── W/ · SCP: Deny · tag policy: Tags",
        "    └── sec <a-sec@example.com> · SCP: Deny · delegated admin: guardduty.amazonaws.com",
      ].join("\n"),
    );
  });
});
