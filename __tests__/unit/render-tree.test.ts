import { describe, expect, it } from "vitest";
import defaultConfig from "../../config/organization.js";
import { validateConfig } from "../../config/validate.js";
import { organizationTree, renderTree } from "../../cli/organization-tree.js";

describe("organization tree", () => {
  it("shows the default organization with OUs, accounts and which are imported", () => {
    expect(renderTree(organizationTree(validateConfig(defaultConfig)))).toBe(
      [
        "Root (ALL)",
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
});
