// The project's layers, checked by __tests__/unit/architecture.test.ts (npx depcruise --validate).
// Each folder may import only from the folders listed for it: arrows point down, never up.
//   config                      what the user edits: it imports only config-language/define-organization.ts
//   config-language, terraform  reading, checking and resolving a config (which reads only
//                               terraform/keys.ts, with no imports: the keys it builds); Terraform names
//   limits                      AWS's documented limits and the warnings about them (config-language above it)
//   guardrail-impact            which actions a guardrail change denies where (reads config-language's types)
//   constructs -> stacks        the synthesized JSON
//   plan -> tofu, guard -> plan-comment -> github-api; adopt (reading a live organization into a config)
//   cli, sandbox, bench, scripts at the top; __tests__ imported by nothing else
const LAYERS = {
  config: ["config", "config-language"],
  "config-language": ["config-language", "terraform"],
  terraform: ["terraform"],
  limits: ["limits", "config-language", "terraform"],
  "guardrail-impact": ["guardrail-impact", "config-language"],
  constructs: ["constructs", "config-language", "terraform", "limits"],
  stacks: ["stacks", "constructs", "config-language", "terraform", "limits"],
  plan: ["plan", "terraform", "limits", "guardrail-impact"],
  tofu: ["tofu", "plan", "limits"],
  guard: ["guard", "plan", "terraform", "config-language", "guardrail-impact"],
  "plan-comment": ["plan-comment", "plan", "guard", "terraform", "limits", "guardrail-impact"],
  "github-api": ["github-api", "plan-comment"],
  adopt: ["adopt", "config-language", "plan", "terraform", "limits"],
  cli: ["cli", "config-language", "terraform", "limits", "guardrail-impact", "constructs", "stacks", "plan", "tofu", "guard", "plan-comment", "github-api", "adopt"],
  sandbox: ["sandbox", "cli", "config-language", "terraform", "limits", "guardrail-impact", "constructs", "stacks", "plan", "tofu", "guard", "plan-comment", "github-api", "adopt"],
};
const PROJECT_FOLDERS = [...Object.keys(LAYERS), "bench", "scripts", "__tests__"];

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `${layer}/ may import only from ${allowed.join(", ")}`,
  severity: "error",
  from: { path: `^${layer}/` },
  to: {
    path: `^(${PROJECT_FOLDERS.filter((f) => !allowed.includes(f)).join("|")})/`,
    // The aws-org launcher registers the hook that lets Node run the sources when there is no bundle.
    ...(layer === "cli" ? { pathNot: "^scripts/ts-resolve\\.mjs$" } : {}),
  },
}));

module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true } },
    {
      name: "config-imports-only-define-organization",
      comment: "what the user edits imports the types of defineOrganization and nothing else, so loading a config loads nothing else",
      severity: "error",
      from: { path: "^config/" },
      to: { path: "^config-language/", pathNot: "^config-language/define-organization\\.ts$" },
    },
    {
      name: "no-test-code-outside-tests",
      comment: "nothing outside __tests__/ imports from it",
      severity: "error",
      from: { pathNot: "^__tests__/" },
      to: { path: "^__tests__/" },
    },
    {
      name: "main-is-thin",
      comment: "main.ts: load config -> validate -> create stacks -> synth",
      severity: "error",
      from: { path: "^main\\.ts$" },
      to: { path: `^(${PROJECT_FOLDERS.filter((f) => !["config-language", "stacks"].includes(f)).join("|")})/` },
    },
    {
      name: "no-package-index-of-provider-bindings",
      comment: "import provider bindings by submodule: the package index costs ~10 s per synth",
      severity: "error",
      from: {},
      to: { path: "node_modules/@cdktf/provider-aws/lib/index\\.js$" },
    },
    {
      name: "config-language-reads-only-terraform-keys",
      comment: "config-language/ builds for_each keys from terraform/keys.ts, which imports nothing; names.ts would load the provider bindings",
      severity: "error",
      from: { path: "^config-language/" },
      to: { path: "^terraform/", pathNot: "^terraform/keys\\.ts$" },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|cdktf\\.out|\\.scratch|\\.sandbox|\\.build)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
