import { describe, expect, it } from "vitest";
import defaultConfig from "../../config/organization.js";
import type { ConfigIssue } from "../../config-language/errors.js";
import { configProblems } from "../helpers/config-problems.js";
import { validateConfig } from "../../config-language/validate.js";

/** The problems a config has; [] when it is valid. */
const problems = (config: unknown, configDir?: string): ConfigIssue[] => configProblems(config, configDir);

const base = { emailConvention: "aws-{name}@example.com", organizationalUnits: [{ name: "Prod" }] };
const withAccounts = (...accounts: object[]) => ({ ...base, accounts });
const withUnits = (...organizationalUnits: object[]) => ({ ...base, organizationalUnits });

describe("config validation", () => {
  it("accepts both shipped configs", async () => {
    expect(problems(defaultConfig)).toEqual([]);
    const example = (await import("../../config/examples/gitops-environments.js")).default;
    expect(problems(example, "config/examples")).toEqual([]);
  });

  it.each([
    ["no @", "aws.example.com"],
    ["two @", "a@b@example.com"],
    ["undotted domain", "aws@localhost"],
    ["shorter than 6", "a@b.c"],
    ["longer than 64", `${"a".repeat(60)}@example.com`],
  ])("rejects an email with %s", (_, email) => {
    expect(problems(withAccounts({ name: "a", email }))).toEqual([
      { path: "accounts[0].email", message: expect.stringContaining("6-64 characters, exactly one @, and a dotted domain") },
    ]);
  });

  it("rejects duplicate emails compared case-insensitively", () => {
    expect(problems(withAccounts({ name: "a", email: "Ops@Example.com" }, { name: "b", email: "ops@example.com" }))).toEqual([
      { path: "accounts[1].email", message: expect.stringContaining("already used by accounts[0]") },
    ]);
  });

  it("rejects an email convention that collides with an explicit email", () => {
    expect(problems(withAccounts({ name: "a" }, { name: "b", email: "AWS-A@example.com" }))[0]?.path).toBe("accounts[1].email");
  });

  it("requires an email when there is no convention", () => {
    expect(problems({ accounts: [{ name: "a" }] })).toEqual([{ path: "accounts[0].email", message: "is required when no emailConvention is set" }]);
  });

  it("rejects duplicate account names", () => {
    expect(problems(withAccounts({ name: "a" }, { name: "a", email: "other@example.com" }))).toEqual([
      { path: "accounts[1].name", message: expect.stringContaining("must be unique") },
    ]);
  });

  it("rejects duplicate OU names among siblings but allows them under different parents", () => {
    expect(problems(withUnits({ name: "Prod" }, { name: "Prod" }))).toEqual([
      { path: "organizationalUnits[1].name", message: expect.stringContaining("unique among siblings") },
    ]);
    expect(problems(withUnits({ name: "A" }, { name: "B" }, { name: "Prod", parent: "A" }, { name: "Prod", parent: "B" }))).toEqual([]);
  });

  it("rejects an account name over 50 and an OU name over 128 characters", () => {
    expect(problems(withAccounts({ name: "x".repeat(51) }))).toContainEqual({
      path: "accounts[0].name",
      message: "account names are at most 50 characters",
    });
    expect(problems(withUnits({ name: "x".repeat(129) }))).toEqual([
      { path: "organizationalUnits[0].name", message: "OU names are at most 128 characters" },
    ]);
  });

  it("rejects an OU or an account naming an unknown parent", () => {
    expect(problems(withUnits({ name: "A", parent: "Nowhere" }))).toEqual([
      { path: "organizationalUnits[0].parent", message: 'names an unknown organizational unit "Nowhere"' },
    ]);
    expect(problems(withAccounts({ name: "a", organizationalUnit: "Nowhere" }))).toEqual([
      { path: "accounts[0].organizationalUnit", message: 'names an unknown organizational unit "Nowhere"' },
    ]);
  });

  it("asks for a path when a parent name is ambiguous", () => {
    const config = { ...withUnits({ name: "A" }, { name: "B" }, { name: "Prod", parent: "A" }, { name: "Prod", parent: "B" }), accounts: [{ name: "a", organizationalUnit: "Prod" }] };
    expect(problems(config)).toEqual([{ path: "accounts[0].organizationalUnit", message: expect.stringContaining("ambiguous") }]);
  });

  it("rejects a cycle", () => {
    const issues = problems(withUnits({ name: "A", parent: "B" }, { name: "B", parent: "A" }));
    expect(issues).toEqual([
      { path: "organizationalUnits[0].parent", message: 'forms a cycle: "A" is its own ancestor' },
      { path: "organizationalUnits[1].parent", message: 'forms a cycle: "B" is its own ancestor' },
    ]);
    expect(problems(withUnits({ name: "A", parent: "A" }))).toEqual([
      { path: "organizationalUnits[0].parent", message: 'forms a cycle: "A" is its own ancestor' },
    ]);
  });

  it("allows 5 levels of OUs below the root and rejects a 6th", () => {
    const chain = ["L1", "L2", "L3", "L4", "L5"].map((name, i, all) => (i === 0 ? { name } : { name, parent: all[i - 1] }));
    expect(problems(withUnits(...chain))).toEqual([]);
    expect(problems(withUnits(...chain, { name: "L6", parent: "L5" }))).toEqual([
      { path: "organizationalUnits[5].parent", message: 'nests "L1/L2/L3/L4/L5/L6" 6 levels below the root; AWS allows at most 5' },
    ]);
  });

  it("rejects import ids that are not 12 digits or repeat", () => {
    expect(problems(withAccounts({ name: "a", id: "12345" }))).toEqual([{ path: "accounts[0].id", message: "must be a 12-digit AWS account id" }]);
    expect(problems(withAccounts({ name: "a", id: "111111111111" }, { name: "b", id: "111111111111" }))).toEqual([
      { path: "accounts[1].id", message: expect.stringContaining("already imported by accounts[0]") },
    ]);
  });

  it("rejects an organization id not of the form o-[a-z0-9]{10,32}", () => {
    for (const id of ["o-short", "org-abcdefghij", "o-ABCDEFGHIJ"]) {
      expect(problems({ organization: { id } })).toEqual([{ path: "organization.id", message: "must match o-[a-z0-9]{10,32}" }]);
    }
    expect(problems({ organization: { id: "o-abcdefghij" } })).toEqual([]);
  });

  it("rejects unknown policy types", () => {
    expect(problems({ organization: { enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "MAGIC_POLICY"] } })).toEqual([
      { path: "organization.enabledPolicyTypes[1]", message: expect.stringContaining("SERVICE_CONTROL_POLICY") },
    ]);
  });

  it("rejects policy types and service access under CONSOLIDATED_BILLING", () => {
    expect(problems({ organization: { featureSet: "CONSOLIDATED_BILLING", enabledPolicyTypes: ["TAG_POLICY"], awsServiceAccessPrincipals: ["sso.amazonaws.com"] } })).toEqual([
      { path: "organization.awsServiceAccessPrincipals", message: expect.stringContaining("needs featureSet ALL") },
      { path: "organization.enabledPolicyTypes", message: expect.stringContaining("need featureSet ALL") },
    ]);
  });

  it("rejects an invalid role name", () => {
    expect(problems(withAccounts({ name: "a", roleName: "has spaces" }))).toEqual([
      { path: "accounts[0].roleName", message: expect.stringContaining("IAM role name") },
    ]);
    expect(problems(withAccounts({ name: "a", roleName: "x".repeat(65) }))[0]?.path).toBe("accounts[0].roleName");
  });

  it("rejects billing access other than ALLOW or DENY", () => {
    expect(problems(withAccounts({ name: "a", iamUserAccessToBilling: "MAYBE" }))).toEqual([
      { path: "accounts[0].iamUserAccessToBilling", message: expect.stringMatching(/ALLOW.*DENY/) },
    ]);
  });

  it("rejects create-only settings on an imported account", () => {
    expect(problems(withAccounts({ name: "a", id: "111111111111", roleName: "Admin" }))).toEqual([
      { path: "accounts[0].roleName", message: expect.stringContaining("applies only when AWS creates an account") },
    ]);
  });

  it("checks OU renames: a new name, and not the name of a sibling that still exists", () => {
    expect(problems(withUnits({ name: "Apps", renamedFrom: "Workloads" }))).toEqual([]);
    expect(problems(withUnits({ name: "Apps", renamedFrom: "Apps" }))).toEqual([{ path: "organizationalUnits[0].renamedFrom", message: "is the same as name" }]);
    expect(problems(withUnits({ name: "Apps", renamedFrom: "Prod" }, { name: "Prod" }))).toEqual([
      { path: "organizationalUnits[0].renamedFrom", message: '"Prod" is still the name of a sibling OU: one OU cannot become another' },
    ]);
  });

  it("rejects unknown fields, so a typo is not silently ignored", () => {
    expect(problems(withAccounts({ name: "a", organisationalUnit: "Prod" }))).toEqual([
      { path: "accounts[0]", message: expect.stringContaining("organisationalUnit") },
    ]);
  });

  it("reports every problem at once, in config order", () => {
    const issues = problems({
      organization: { featureSet: "CONSOLIDATED_BILLING", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"], id: "bad" },
      organizationalUnits: [{ name: "A", parent: "Missing" }, { name: "B" }, { name: "B" }],
      accounts: [
        { name: "x".repeat(60), email: "bad" },
        { name: "dup", email: "same@example.com", id: "1" },
        { name: "dup", email: "SAME@example.com", iamUserAccessToBilling: "NO" },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      "accounts[0].email",
      "accounts[0].name",
      "accounts[1].id",
      "accounts[2].email",
      "accounts[2].iamUserAccessToBilling",
      "accounts[2].name",
      "organization.enabledPolicyTypes",
      "organization.id",
      "organizationalUnits[0].parent",
      "organizationalUnits[2].name",
    ]);
  });
});

describe("the JSON Schema for JSON configs", () => {
  it("is up to date with the zod schema (npm run schema)", async () => {
    const { JSON_SCHEMA_FILE, organizationJsonSchema } = await import("../../config-language/write-json-schema.js");
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(JSON_SCHEMA_FILE, "utf8")).toBe(organizationJsonSchema());
  });

  it("carries every field's description, and the README's input table is made from it (npm run schema)", async () => {
    const { README_FILE, organizationJsonSchemaObject, readmeWithInputs } = await import("../../config-language/write-json-schema.js");
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(README_FILE, "utf8");
    expect(readme).toBe(readmeWithInputs(readme));
    const accounts = organizationJsonSchemaObject().properties?.accounts as { items: { properties: Record<string, { description?: string }> } };
    for (const [field, property] of Object.entries(accounts.items.properties)) expect(property.description, field).toBeTruthy();
    expect(readme).toContain("| `accounts[].roleName` | string (`^[\\w+=,.@-]{1,64}$`) | `OrganizationAccountAccessRole` |");
  });

  it("lets a JSON config name it", () => {
    expect(problems({ $schema: "./organization.schema.json", accounts: [] })).toEqual([]);
  });
});

describe("rules AWS documents (Organizations API reference and quotas)", () => {
  const paths = (config: unknown) => problems(config).map((p) => `${p.path}: ${p.message}`);

  it.each([
    ["a key of 129 characters", { ["k".repeat(129)]: "v" }, "tag keys are 1-128 characters"],
    ["an empty key", { "": "v" }, "tag keys are 1-128 characters"],
    ["a value of 257 characters", { Owner: "v".repeat(257) }, "tag values are at most 256 characters"],
    ["an aws: key in any case", { "AWS:CreatedBy": "me" }, "tag keys starting with aws: are reserved for AWS"],
    ["a template in a value", { Owner: '${file("/etc/hostname")}' }, "tag values may hold only letters, digits, spaces and _ . : / = + - @"],
    ["an ampersand in a value", { Team: "Finance & Ops" }, "tag values may hold only"],
  ])("refuses a tag with %s", (_, tags, message) => {
    expect(paths(withAccounts({ name: "a", tags })).join("\n")).toContain(message);
  });

  it("accepts tags in any language, with spaces and the allowed signs", () => {
    expect(problems(withAccounts({ name: "a", tags: { "Kostenstelle/Équipe": "Zürich 1 _.:/=+-@", Leer: "" } }))).toEqual([]);
  });

  it("counts defaultTags and Name toward the 50 tags AWS allows on a resource", () => {
    const tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
    expect(problems(withAccounts({ name: "a", tags }))).toEqual([
      { path: "accounts[0].tags", message: "come to 51 tags with defaultTags and Name; AWS allows at most 50 per resource" },
    ]);
    expect(problems({ ...withAccounts({ name: "a", tags }), defaultTags: {} })).toEqual([]);
  });

  it("says what to do when a name cannot be a Name tag, and accepts an explicit tags.Name", () => {
    expect(problems(withUnits({ name: "Finance & Ops" }))).toEqual([
      { path: "organizationalUnits[0].name", message: expect.stringContaining("becomes the Name tag, and tag values may hold only letters, digits, spaces and _ . : / = + - @: rename it, or set tags.Name") },
    ]);
    expect(problems(withUnits({ name: "Finance & Ops", tags: { Name: "Finance and Ops" } }))).toEqual([]);
  });

  it.each([
    ["5 characters", "a@b.c"],
    ["65 characters", `${"a".repeat(53)}@example.com`],
    ["a space", "a b@example.com"],
    ["non-ASCII", "zoë@example.com"],
    ["a leading dot", ".ops@example.com"],
    ["a comma before the @", "o,ps@example.com"],
    ["a percent sign before the @", "ops%x@example.com"],
    ["an underscore in the domain", "ops@exa_mple.com"],
    ["a domain starting with a hyphen", "ops@-example.com"],
    ["a domain ending with a dot", "ops@example.com."],
  ])("refuses an email with %s", (_, email) => {
    expect(problems(withAccounts({ name: "a", email }))).toEqual([{ path: "accounts[0].email", message: expect.stringContaining("must be a valid email address") }]);
  });

  it("checks the addresses an email convention produces", () => {
    expect(problems(withAccounts({ name: "ops,eu", tags: { Name: "ops-eu" } }))).toEqual([
      { path: "accounts[0].email", message: expect.stringContaining('the emailConvention gives "aws-ops,eu@example.com", which is not valid') },
    ]);
  });

  it.each([
    ["a line break", "Prod\nuction"],
    ["a bidirectional override", "Prod\u202euction"],
    ["a zero-width space", "Prod\u200buction"],
    ["a control character", "Prod\u0007"],
  ])("refuses an OU name with %s", (_, name) => {
    expect(paths(withUnits({ name, tags: { Name: "ok" } }))).toEqual([
      "organizationalUnits[0].name: must not contain control characters, line breaks, bidirectional overrides or zero-width characters",
    ]);
  });

  it("reports siblings whose names differ only by case or look-alike characters", () => {
    expect(paths(withUnits({ name: "Prod" }, { name: "prod" }))).toEqual([
      'organizationalUnits[1].name: "prod" differs from its sibling organizationalUnits[0] ("Prod") only by case or look-alike characters: two OUs that read the same',
    ]);
    // The fullwidth letters of U+FF30... fold to "Prod" under NFKC.
    expect(paths(withUnits({ name: "Prod" }, { name: "\uff30rod", tags: { Name: "Prod2" } }))[0]).toContain("only by case or look-alike characters");
    expect(paths(withAccounts({ name: "Web" }, { name: "web", email: "web2@example.com" }))[0]).toContain('accounts[1].name: "web" differs from accounts[0] ("Web") only by case');
  });

  it("refuses Terraform template syntax and cdktf token text in names", () => {
    expect(paths(withAccounts({ name: "a${b}" }))).toContain("accounts[0].name: must not contain ${ or %{ (Terraform template syntax)");
    expect(paths(withUnits({ name: "x%{if}", tags: { Name: "x" } }))).toContain("organizationalUnits[0].name: must not contain ${ or %{ (Terraform template syntax)");
    expect(paths(withAccounts({ name: "TfToken[TOKEN.1]" })).join()).toContain("must not contain TfToken[ (reserved by cdktf)");
  });

  it("refuses JavaScript object internals as names and tag keys instead of dropping them", () => {
    const config = JSON.parse('{"emailConvention": "aws-{name}@example.com", "defaultTags": {"__proto__": "x"}, "accounts": [{"name": "constructor", "tags": {"constructor": "y"}}]}');
    expect(paths(config)).toEqual(
      expect.arrayContaining([
        'accounts[0].name: "constructor" is a JavaScript object internal, which this tool cannot carry as a name or key: choose another',
        'accounts[0].tags.constructor: "constructor" is a JavaScript object internal, which this tool cannot carry as a name or key: choose another',
        'defaultTags.__proto__: "__proto__" is a JavaScript object internal, which this tool cannot carry as a name or key: choose another',
      ]),
    );
  });

  it("checks the provider version constraint", () => {
    expect(problems({ provider: { versionConstraint: "~> 6.25" } })).toEqual([]);
    expect(problems({ provider: { versionConstraint: ">= 6.0, < 7.0" } })).toEqual([]);
    expect(paths({ provider: { versionConstraint: "six-ish" } })).toEqual(['provider.versionConstraint: must be a version constraint, e.g. "~> 6.25" or ">= 6.0, < 7.0"']);
  });

  it("refuses a previous name claimed by two OUs", () => {
    expect(paths(withUnits({ name: "A", renamedFrom: "Old" }, { name: "B", renamedFrom: "Old" }))).toEqual([
      'organizationalUnits[1].renamedFrom: "Old" is already claimed by organizationalUnits[0]: one OU can become only one',
    ]);
  });

  it("refuses closeOnDeletion on an imported account, where it would silently do nothing", () => {
    expect(paths(withAccounts({ name: "a", id: "111111111111", closeOnDeletion: true }))).toEqual([
      "accounts[0].closeOnDeletion: is not applied to imported accounts (their create-only arguments are ignored, or the first plan would replace them), so remove this field",
    ]);
  });

  it("lists thousands of problems of a 10,000-account config in config order, first ones and a count, in seconds", () => {
    const accounts = Array.from({ length: 10_000 }, (_, i) => ({ name: `acct-${i}`, email: i % 3 === 0 ? `bad-${i}.example.com` : `acct-${i}@example.com` }));
    const started = performance.now();
    let message = "";
    try {
      validateConfig({ accounts });
    } catch (error) {
      message = (error as Error).message;
    }
    const seconds = (performance.now() - started) / 1000;
    expect(message).toContain("Invalid organization config (inline): 3334 problems");
    const listed = message.split("\n").filter((line) => line.startsWith("  - "));
    expect(listed).toHaveLength(100);
    expect(listed[0]).toContain("accounts[0].email");
    expect(listed[1]).toContain("accounts[3].email");
    expect(message).toContain("… and 3234 more problems");
    expect(seconds).toBeLessThan(30); // a bound against quadratic blow-ups, far above the ~1 s it takes
  });

  it("checks OU ids: the documented format, and each id once", () => {
    expect(paths(withUnits({ name: "A", id: "ou-ab12-abcdefgh" }, { name: "B", id: "ou-ab12-abcdefgh" }))).toEqual([
      "organizationalUnits[1].id: ou-ab12-abcdefgh is already imported by organizationalUnits[0]: an OU can be imported once",
    ]);
    expect(paths(withUnits({ name: "A", id: "ou-AB-1" }))).toEqual(["organizationalUnits[0].id: must be an OU id: ou-, 4-32 of a-z 0-9, -, 8-32 of a-z 0-9"]);
  });

  it("fills every {name} of the email convention, not only the first", () => {
    const model = validateConfig({ emailConvention: "aws+{name}-{name}@example.com", accounts: [{ name: "Web App" }] }, "(test)");
    expect(model.accounts[0]!.email).toBe("aws+web-app-web-app@example.com");
  });

  it("refuses sibling OUs and accounts whose names differ only by look-alike characters (Unicode's confusables)", () => {
    // A Cyrillic "о" in "Prоd", a capital "I" for the "l" of "lnfra", a zero for an "O".
    expect(problems(withUnits({ name: "Prod" }, { name: "Pr\u043ed" }, { name: "Infra" }, { name: "lnfra" }))).toEqual([
      { path: "organizationalUnits[1].name", message: expect.stringContaining("only by case or look-alike characters") },
      { path: "organizationalUnits[3].name", message: expect.stringContaining("only by case or look-alike characters") },
    ]);
    expect(problems(withAccounts({ name: "BACKUP-01" }, { name: "BACKUP-O1" }))).toEqual([
      { path: "accounts[1].name", message: expect.stringContaining("only by case or look-alike characters") },
    ]);
    // Names that only share letters are fine; the same name under different parents is fine.
    expect(problems(withUnits({ name: "Prod" }, { name: "Prods" }, { name: "Team" }, { name: "Prod", parent: "Team" }))).toEqual([]);
  });
});
