import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFromLive } from "../../adopt/config-from-live.js";
import type { LiveOrganization } from "../../adopt/discover-organization.js";
import { renderConfig } from "../../adopt/render-config.js";
import { readConfigFile } from "../../config-language/read-config-file.js";
import { validateConfig } from "../../config-language/validate.js";

const live: LiveOrganization = {
  id: "o-abcdefghij",
  featureSet: "ALL",
  managementAccountId: "111111111111",
  rootId: "r-ab12",
  enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
  servicePrincipals: ["sso.amazonaws.com"],
  organizationalUnits: [
    { id: "ou-ab12-aaaaaaaa", name: "Workloads", parentId: "r-ab12", tags: {} },
    { id: "ou-ab12-bbbbbbbb", name: "Prod", parentId: "ou-ab12-aaaaaaaa", tags: { Name: "Prod" } },
    { id: "ou-ab12-cccccccc", name: "Sandbox", parentId: "r-ab12", tags: {} },
    { id: "ou-ab12-dddddddd", name: "Prod", parentId: "ou-ab12-cccccccc", tags: {} },
    { id: "ou-ab12-eeeeeeee", name: "a/b", parentId: "r-ab12", tags: {} },
    { id: "ou-ab12-ffffffff", name: "Inside", parentId: "ou-ab12-eeeeeeee", tags: {} },
  ],
  accounts: [
    { id: "111111111111", name: "management", email: "root@example.com", status: "ACTIVE", parentId: "r-ab12", tags: {} },
    { id: "222222222222", name: "web", email: "web@example.com", status: "ACTIVE", parentId: "ou-ab12-bbbbbbbb", tags: { team: "web" } },
    { id: "333333333333", name: "Web", email: "web2@example.com", status: "ACTIVE", parentId: "ou-ab12-dddddddd", tags: {} },
    { id: "444444444444", name: "old", email: "old@example.com", status: "PENDING_CLOSURE", parentId: "r-ab12", tags: {} },
    { id: "555555555555", name: "lost", email: "lost@example.com", status: "ACTIVE", parentId: "ou-ab12-ffffffff", tags: {} },
    { id: "666666666666", name: "Quote \" ${x}", email: "q@example.com", status: "ACTIVE", parentId: "r-ab12", tags: { note: "a\"b" } },
  ],
  policies: [],
  delegatedAdministrators: {},
  requests: 12,
};

describe("adopting a live organization", () => {
  const { config, leftOut } = configFromLive(live);

  it("refers to OUs by name, by path where a name repeats, and imports everything by id with its tags as they are", () => {
    expect(config.organizationalUnits).toEqual([
      { name: "Workloads", id: "ou-ab12-aaaaaaaa", tags: {} },
      { name: "Prod", parent: "Workloads", id: "ou-ab12-bbbbbbbb", tags: { Name: "Prod" } },
      { name: "Sandbox", id: "ou-ab12-cccccccc", tags: {} },
      { name: "Prod", parent: "Sandbox", id: "ou-ab12-dddddddd", tags: {} },
    ]);
    expect(config.accounts?.[0]).toEqual({ name: "web", email: "web@example.com", organizationalUnit: "Workloads/Prod", id: "222222222222", tags: { team: "web" } });
    expect(config).toMatchObject({ nameTags: false, defaultTags: {}, organization: { id: "o-abcdefghij", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] } });
  });

  it("lists what it cannot express instead of dropping it silently", () => {
    expect(leftOut).toEqual([
      'OU ou-ab12-eeeeeeee ("a/b"): its name holds "/", which separates OU paths here',
      'OU ou-ab12-ffffffff ("Inside"): its parent OU is left out',
      'account 111111111111 ("management"): the management account, which the organization itself stands for',
      'account 333333333333 ("Web"): its name is also the name of account 222222222222 (names are the for_each keys here): rename one in AWS, then run init again',
      'account 444444444444 ("old"): pending closure, so not managed',
      'account 555555555555 ("lost"): its OU is left out',
      'account 666666666666 ("Quote \\" ${x}"): must not contain ${ or %{ (Terraform template syntax)',
    ]);
  });

  it("writes a TypeScript or JSON config that loads and passes validation, AWS's text kept as data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "adopt-"));
    try {
      const hostile = 'say "hi" */ // `x` \\';
      const withQuote = configFromLive({ ...live, accounts: [{ ...live.accounts[1]!, name: hostile }] }).config;
      for (const format of ["ts", "json"] as const) {
        const file = join(dir, `organization.${format}`);
        writeFileSync(file, renderConfig(withQuote, { format, outFile: file, projectRoot: process.cwd(), header: ["adopted */ by a test"] }));
        const loaded = await readConfigFile(file);
        const { $schema: _schema, ...rest } = loaded as Record<string, unknown>;
        expect(rest).toEqual(withQuote);
        expect(validateConfig(loaded).accounts[0]!.name).toBe(hostile);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("adopting where AWS Control Tower runs", () => {
  const governed: LiveOrganization = {
    ...live,
    servicePrincipals: ["controltower.amazonaws.com", "sso.amazonaws.com"],
    organizationalUnits: [...live.organizationalUnits, { id: "ou-ab12-11111111", name: "Security", parentId: "r-ab12", tags: {} }],
    accounts: [
      ...live.accounts,
      { id: "777777777777", name: "Log Archive", email: "log@example.com", status: "ACTIVE", parentId: "ou-ab12-11111111", tags: {} },
      { id: "888888888888", name: "Audit", email: "audit@example.com", status: "ACTIVE", parentId: "ou-ab12-11111111", tags: {} },
    ],
    policies: [
      { id: "p-aaaaaaaa", name: "aws-guardrails-AbCdEf", type: "SERVICE_CONTROL_POLICY", description: "", content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] }), targetIds: ["ou-ab12-11111111", "ou-ab12-aaaaaaaa"], tags: {} },
      { id: "p-bbbbbbbb", name: "Core-Guardrails", type: "SERVICE_CONTROL_POLICY", description: "", content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "ec2:*", Resource: "*" }] }), targetIds: ["r-ab12"], tags: { AWSAcceleratorManaged: "true" } },
    ],
  };

  it("leaves Control Tower's and Landing Zone Accelerator's policies to them, and names the landing zone it adopts", () => {
    const adopted = configFromLive(governed);
    expect(adopted.config.policies).toBeUndefined();
    expect(adopted.owned).toEqual(['policy p-aaaaaaaa ("aws-guardrails-AbCdEf"): AWS Control Tower, with its 2 attachments', 'policy p-bbbbbbbb ("Core-Guardrails"): Landing Zone Accelerator, with its 1 attachment']);
    // "Sandbox" is Control Tower's optional OU's default name too.
    expect(adopted.landingZone).toEqual(['OU ou-ab12-cccccccc ("Sandbox")', 'OU ou-ab12-11111111 ("Security")', 'account 777777777777 ("Log Archive")', 'account 888888888888 ("Audit")']);
    expect(adopted.config.accounts?.map((a) => a.name)).toEqual(expect.arrayContaining(["Log Archive", "Audit"]));
    // Without Control Tower's trusted access the same names are nobody's.
    expect(configFromLive({ ...governed, servicePrincipals: ["sso.amazonaws.com"] }).landingZone).toEqual([]);
  });
});
