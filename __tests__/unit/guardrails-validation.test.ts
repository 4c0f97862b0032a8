import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ConfigIssue } from "../../config-language/errors.js";
import { configProblems } from "../helpers/config-problems.js";
import { policyContentSize, policyDocumentAsSent, POLICY_TYPE_LIMITS } from "../../config-language/policy-rules.js";
import { validateConfig } from "../../config-language/validate.js";

const dir = mkdtempSync(join(tmpdir(), "guardrails-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problems = (config: unknown): ConfigIssue[] => configProblems(config, dir);

const deny = (action = "organizations:LeaveOrganization") => ({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: action, Resource: "*" }] });
const base = {
  organization: { enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY", "RESOURCE_CONTROL_POLICY"], awsServiceAccessPrincipals: ["guardduty.amazonaws.com"] },
  emailConvention: "aws-{name}@example.com",
  organizationalUnits: [{ name: "Workloads" }, { name: "Prod", parent: "Workloads" }, { name: "Prod" }],
  accounts: [{ name: "app", organizationalUnit: "Workloads/Prod" }, { name: "security" }],
};
const withPolicies = (...policies: object[]) => ({ ...base, policies });
const scp = (name: string, targets: object = { root: true }, content: unknown = deny()) => ({ name, content, targets });

describe("guardrail validation", () => {
  it("accepts policies on the root, OUs by name or path, and accounts, and builds them into the model", () => {
    const model = validateConfig(
      withPolicies(
        scp("DenyLeave"),
        scp("OnOus", { organizationalUnits: ["Workloads", "Workloads/Prod"], accounts: ["app"] }),
        { name: "Tags", type: "TAG_POLICY", content: { tags: { CostCenter: { tag_key: { "@@assign": "CostCenter" } } } }, targets: { accounts: ["security"] } },
      ),
      "(test)",
      { configDir: dir },
    );
    expect(model.policies.map((p) => [p.name, p.type, p.targets])).toEqual([
      ["DenyLeave", "SERVICE_CONTROL_POLICY", [{ kind: "root" }]],
      ["OnOus", "SERVICE_CONTROL_POLICY", [{ kind: "ou", key: "Workloads" }, { kind: "ou", key: "Workloads/Prod" }, { kind: "account", name: "app" }]],
      ["Tags", "TAG_POLICY", [{ kind: "account", name: "security" }]],
    ]);
  });

  it("reads a policy file relative to the config file and names the file in its problems", () => {
    writeFileSync(join(dir, "good.json"), JSON.stringify(deny()));
    writeFileSync(join(dir, "broken.json"), '{\n  "Version": "2012-10-17",\n  "Statement": [\n}');
    writeFileSync(join(dir, "allowy.json"), JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Maybe", Action: "s3", Resource: "*" }] }));
    expect(problems(withPolicies(scp("Good", {}, "good.json")))).toEqual([]);
    const found = problems(withPolicies(scp("Broken", {}, "broken.json"), scp("Allowy", {}, "allowy.json"), scp("Missing", {}, "missing.json"), scp("Abs", {}, "/etc/passwd.json")));
    expect(found).toEqual(
      expect.arrayContaining([
        { path: "policies[0].content", message: expect.stringMatching(/"broken\.json" is not valid JSON: .* line 4, column 1/) },
        { path: "policies[1].content.Statement[0].Effect", message: 'must be "Allow" or "Deny" (in allowy.json)' },
        { path: "policies[1].content.Statement[0].Action", message: expect.stringContaining('"s3" is not an action') },
        { path: "policies[2].content", message: expect.stringContaining('cannot read "missing.json"') },
        { path: "policies[3].content", message: expect.stringContaining("absolute path") },
      ]),
    );
  });

  it("holds SCPs and RCPs to their grammar", () => {
    const found = problems(
      withPolicies(
        scp("NoVersion", {}, { Statement: { Effect: "Deny", Action: "*", Resource: "*" } }),
        scp("Both", {}, { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", NotAction: "s3:*", Resource: "*" }] }),
        scp("Principal", {}, { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] }),
        scp("BadCondition", {}, { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEquals: "x" } }] }),
        scp("Sids", {}, { Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Deny", Action: "*", Resource: "*" }, { Sid: "A", Effect: "Deny", Action: "*", Resource: "*" }] }),
        { name: "Rcp", type: "RESOURCE_CONTROL_POLICY", content: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }] } },
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { path: "policies[0].content.Version", message: expect.stringContaining("2012-10-17") },
        { path: "policies[1].content.Statement[0]", message: "needs exactly one of Action or NotAction" },
        { path: "policies[2].content.Statement[0].Principal", message: expect.stringContaining("SCPs apply to the principals") },
        { path: "policies[3].content.Statement[0].Condition.StringEquals", message: "must map condition keys to values" },
        { path: "policies[4].content.Statement", message: expect.stringContaining('Sid "A" is used twice') },
        { path: "policies[5].content.Statement[0]", message: expect.stringContaining('write guardrails as "Deny"') },
      ]),
    );
  });

  it("holds management policies to their top-level shape and operators", () => {
    const found = problems(
      withPolicies(
        { name: "WrongKey", type: "TAG_POLICY", content: { services: {} } },
        { name: "BadOperator", type: "TAG_POLICY", content: { tags: { Team: { tag_key: { "@@assing": "Team" } } } } },
      ),
    );
    expect(found).toEqual([
      { path: "policies[0].content.services", message: 'is not a top-level key of a TAG_POLICY: it holds only "tags"' },
      { path: "policies[0].content.tags", message: 'is required: a TAG_POLICY is { "tags": { ... } }' },
      { path: "policies[1].content.tags.Team.tag_key.@@assing", message: expect.stringContaining("is not a policy operator") },
    ]);
  });

  it("counts a document's size as AWS receives it: minified by jsonencode, <>& escaped", () => {
    const content = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": "<&>" } } }] };
    expect(policyDocumentAsSent(content)).toBe(
      '{"Statement":[{"Action":"*","Condition":{"StringLike":{"aws:PrincipalArn":"\\u003c\\u0026\\u003e"}},"Effect":"Deny","Resource":"*"}],"Version":"2012-10-17"}',
    );
    const limit = POLICY_TYPE_LIMITS.SERVICE_CONTROL_POLICY.maxSize;
    // Pad a Sid so the document is exactly at the limit, then one character over.
    const padded = (extra: number) => {
      const doc = { Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Deny", Action: "*", Resource: "*" }] };
      doc.Statement[0]!.Sid = "S".repeat(limit - policyContentSize(doc) + extra);
      return doc;
    };
    expect(policyContentSize(padded(0))).toBe(limit);
    expect(problems(withPolicies(scp("AtLimit", {}, padded(0))))).toEqual([]);
    expect(problems(withPolicies(scp("Over", {}, padded(1))))).toEqual([
      { path: "policies[0].content", message: "is 5,121 characters as sent to AWS (minified JSON); a SERVICE_CONTROL_POLICY holds at most 5,120" },
    ]);
  });

  it("refuses a policy whose type is not enabled, unknown targets, repeats and AWS's own policies", () => {
    const found = problems(
      withPolicies(
        { ...scp("Backup"), type: "BACKUP_POLICY", content: { plans: {} } },
        scp("Targets", { organizationalUnits: ["Nope", "Prod", "Workloads", "Workloads"], accounts: ["ghost", "app", "app"] }),
        scp("targets"),
        scp("FullAWSAccess"),
        { ...scp("Adopted"), id: "p-FullAWSAccess" },
        { ...scp("Twice"), id: "p-abcdefgh12" },
        { ...scp("Again"), id: "p-abcdefgh12" },
        scp("A/B"),
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { path: "policies[0].type", message: expect.stringContaining("BACKUP_POLICY is not in organization.enabledPolicyTypes") },
        { path: "policies[1].targets.organizationalUnits[0]", message: 'names an unknown organizational unit "Nope"' },
        { path: "policies[1].targets.organizationalUnits[1]", message: expect.stringContaining('"Prod" is ambiguous') },
        { path: "policies[1].targets.organizationalUnits[3]", message: expect.stringContaining("listed twice") },
        { path: "policies[1].targets.accounts[0]", message: expect.stringContaining('unknown account "ghost"') },
        { path: "policies[1].targets.accounts[2]", message: expect.stringContaining("listed twice") },
        { path: "policies[2].name", message: expect.stringContaining("duplicates policies[1]") },
        { path: "policies[3].name", message: expect.stringContaining("AWS's own policy") },
        { path: "policies[4].id", message: expect.stringContaining("AWS-managed") },
        { path: "policies[6].id", message: expect.stringContaining("already imported by policies[5]") },
        { path: "policies[7].name", message: expect.stringContaining('must not contain "/"') },
      ]),
    );
  });

  it("allows four SCPs of the config per target (AWS's five include FullAWSAccess) and says which policies crowd it", () => {
    const five = ["A", "B", "C", "D", "E"].map((name) => scp(name, { organizationalUnits: ["Workloads"] }));
    expect(problems(withPolicies(...five.slice(0, 4)))).toEqual([]);
    expect(problems(withPolicies(...five))).toEqual([
      {
        path: "policies[4].targets",
        message: 'attaches 5 SERVICE_CONTROL_POLICYs to the OU "Workloads" (policies [0], [1], [2], [3], [4]); AWS allows 5 per target, one of them its own FullAWSAccess, which stays attached, so at most 4 from this config',
      },
    ]);
    // Tag policies have no AWS default: all ten are the config's.
    const tags = Array.from({ length: 10 }, (_, i) => ({ name: `T${i}`, type: "TAG_POLICY", content: { tags: {} }, targets: { root: true } }));
    expect(problems(withPolicies(...tags))).toEqual([]);
  });

  it("checks delegated administrators: accounts of the config, trusted principals, each once", () => {
    const model = validateConfig({ ...base, delegatedAdministrators: { security: ["guardduty.amazonaws.com"] } }, "(test)", { configDir: dir });
    expect(model.delegatedAdministrators).toEqual([{ account: "security", servicePrincipal: "guardduty.amazonaws.com" }]);
    expect(problems({ ...base, delegatedAdministrators: { ghost: ["guardduty.amazonaws.com"], security: ["macie.amazonaws.com", "guardduty.amazonaws.com", "guardduty.amazonaws.com"], app: ["not a principal"] } })).toEqual(
      expect.arrayContaining([
        { path: "delegatedAdministrators.ghost", message: expect.stringContaining('unknown account "ghost"') },
        { path: "delegatedAdministrators.security[0]", message: expect.stringContaining("macie.amazonaws.com is not in organization.awsServiceAccessPrincipals") },
        { path: "delegatedAdministrators.security[2]", message: '"guardduty.amazonaws.com" is listed twice' },
        { path: "delegatedAdministrators.app[0]", message: "must be a service principal like sso.amazonaws.com" },
      ]),
    );
  });

  it("reports guardrail problems together with every other problem of the file", () => {
    const found = problems({ ...withPolicies(scp("X", { accounts: ["ghost"] })), accounts: [{ name: "app", email: "bad" }] });
    expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(["accounts[0].email", "policies[0].targets.accounts[0]"]));
  });
});

describe("policies read exactly as AWS reads them (issue #23 §3)", () => {
  const doc = (statement: object, version = "2012-10-17") => ({ Version: version, Statement: [statement] });
  const rcp = (name: string, content: unknown) => ({ name, type: "RESOURCE_CONTROL_POLICY", content, targets: { root: true } });
  const tag = (name: string, tags: unknown) => ({ name, type: "TAG_POLICY", content: { tags }, targets: { root: true } });

  it("a Resource is \"*\" or an ARN with one of AWS's partitions; a placeholder left unfilled is named; policy variables pass", () => {
    const found = problems(
      withPolicies(
        scp("Ok", {}, doc({ Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::logs/${aws:username}/*", "arn:aws-us-gov:s3:::x", "arn:*:iam::*:role/x"] })),
        scp("Placeholder", {}, doc({ Effect: "Deny", Action: "iam:*", Resource: "arn:${PARTITION}:iam::${ACCOUNT_ID}:role/Admin" })),
        scp("NotArn", {}, doc({ Effect: "Deny", Action: "iam:*", NotResource: ["*", "my-bucket"] })),
        scp("Partition", {}, doc({ Effect: "Deny", Action: "iam:*", Resource: "arn:amazon:iam::*:role/x" })),
        scp("Empty", {}, doc({ Effect: "Deny", Action: "iam:*", Resource: [] })),
      ),
    );
    expect(found).toEqual([
      { path: "policies[1].content.Statement[0].Resource", message: '"arn:${PARTITION}:iam::${ACCOUNT_ID}:role/Admin" holds ${PARTITION}, a placeholder left unfilled (not a policy variable such as ${aws:username}): put in its value' },
      { path: "policies[2].content.Statement[0].NotResource[1]", message: '"my-bucket" is not "*" or an ARN (arn:partition:service:region:account:resource)' },
      { path: "policies[3].content.Statement[0].Resource", message: '"arn:amazon:iam::*:role/x" names partition "amazon": AWS\'s are aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc' },
      { path: "policies[4].content.Statement[0].Resource", message: 'must be "*", an ARN, or a non-empty list of them' },
    ]);
  });

  it("an SCP's and an RCP's Version is 2012-10-17, and an RCP holds only the elements of AWS's RCP syntax table", () => {
    const found = problems(
      withPolicies(
        scp("OldVersion", {}, doc({ Effect: "Deny", Action: "s3:*", Resource: "*" }, "2008-10-17")),
        rcp("NotActionRcp", doc({ Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: "*" })),
        rcp("NotPrincipalRcp", doc({ Effect: "Deny", Principal: "*", NotPrincipal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "s3:*", Resource: "*" })),
        rcp("OldRcp", doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }, "2008-10-17")),
      ),
    );
    expect(found).toEqual([
      { path: "policies[0].content.Version", message: 'must be "2012-10-17": the SCP syntax page allows no other' },
      { path: "policies[1].content.Statement[0].NotAction", message: "is not a statement element here: RCPs support Action only (the RCP syntax page's elements table has no NotAction)" },
      { path: "policies[2].content.Statement[0].NotPrincipal", message: 'is not a statement element here: RCPs support Principal "*" only (the RCP syntax page\'s elements table has no NotPrincipal)' },
      { path: "policies[3].content.Version", message: 'must be "2012-10-17": the RCP syntax page allows no other' },
    ]);
  });

  it("a policy file that repeats a key, is not UTF-8 or starts with a BOM is refused, and says which", () => {
    writeFileSync(join(dir, "twice.json"), '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Deny", "Action": "s3:*", "Action": "iam:*", "Resource": "*" }]\n}');
    writeFileSync(join(dir, "latin1.json"), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    writeFileSync(join(dir, "bom.json"), `\uFEFF${JSON.stringify(deny())}`);
    const found = problems(withPolicies(scp("Twice", {}, "twice.json"), scp("Latin1", {}, "latin1.json"), scp("Bom", {}, "bom.json")));
    expect(found).toEqual([
      { path: "policies[0].content", message: '"twice.json" at line 3, column 55: duplicate key "Action" in the same object: keep one' },
      { path: "policies[1].content", message: '"latin1.json" is not UTF-8 text: save it as UTF-8' },
      { path: "policies[2].content", message: '"bom.json" starts with a byte order mark (BOM), which is not JSON: save it as UTF-8 without BOM' },
    ]);
  });

  it("a tag policy's tag_key matches its policy key but for case, and its values are lists of strings", () => {
    const found = problems(
      withPolicies(
        tag("Good", { costcenter: { tag_key: { "@@assign": "CostCenter" }, tag_value: { "@@assign": ["100", "200*"] }, enforced_for: { "@@assign": ["secretsmanager:*", "ec2:instance", "s3:ALL_SUPPORTED"] } } }),
        tag("Mismatch", { costcenter: { tag_key: { "@@assign": "Owner" } } }),
        tag("Types", { env: { tag_key: { "@@assign": ["Env"] }, tag_value: { "@@assign": "prod" }, enforced_for: { "@@assign": ["ec2 instance"] } } }),
      ),
    );
    expect(found).toEqual([
      { path: "policies[1].content.tags.costcenter.tag_key.@@assign", message: 'is "Owner", which does not match its policy key "costcenter": they may differ only in case' },
      { path: "policies[2].content.tags.env.enforced_for.@@assign[0]", message: '"ec2 instance" is not "service:resourceType", "service:*" or "service:ALL_SUPPORTED"' },
      { path: "policies[2].content.tags.env.tag_key.@@assign", message: "must be a string: the tag key as resources must spell it" },
      { path: "policies[2].content.tags.env.tag_value.@@assign", message: "must be a list of strings" },
    ]);
  });
});
