// The project's layers, checked by __tests__/unit/architecture.test.ts (npx depcruise --validate).
// Each folder may import only from the folders listed for it: arrows point down, never up.
//   config, terraform           what the user writes (which reads only terraform/keys.ts, with no
//                               imports: the keys it builds); Terraform names
//   constructs -> stacks        the synthesized JSON
//   plan -> tofu, guard -> plan-comment -> github-api; adopt (reading a live organization into a config)
//   cli, sandbox, bench, scripts at the top; __tests__ imported by nothing else
const LAYERS = {
  config: ["config", "terraform"],
  terraform: ["terraform"],
  constructs: ["constructs", "config", "terraform"],
  stacks: ["stacks", "constructs", "config", "terraform"],
  plan: ["plan", "terraform"],
  tofu: ["tofu", "plan"],
  guard: ["guard", "plan", "terraform", "config"],
  "plan-comment": ["plan-comment", "plan", "guard", "terraform"],
  "github-api": ["github-api", "plan-comment"],
  adopt: ["adopt", "config", "plan"],
  cli: ["cli", "config", "terraform", "constructs", "stacks", "plan", "tofu", "guard", "plan-comment", "github-api", "adopt"],
  sandbox: ["sandbox", "cli", "config", "terraform", "constructs", "stacks", "plan", "tofu", "guard", "plan-comment", "github-api", "adopt"],
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
    // A cycle through a type-only import is no cycle at run time (config/define-organization.ts).
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } } },
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
      to: { path: `^(${PROJECT_FOLDERS.filter((f) => !["config", "stacks"].includes(f)).join("|")})/` },
    },
    {
      name: "no-package-index-of-provider-bindings",
      comment: "import provider bindings by submodule: the package index costs ~10 s per synth",
      severity: "error",
      from: {},
      to: { path: "node_modules/@cdktf/provider-aws/lib/index\\.js$" },
    },
    {
      name: "config-reads-only-terraform-keys",
      comment: "config/ builds for_each keys from terraform/keys.ts, which imports nothing; names.ts would load the provider bindings",
      severity: "error",
      from: { path: "^config/" },
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
