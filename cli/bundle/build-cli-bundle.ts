// Builds the command line (cli/main.ts and everything it imports, libraries included) into one
// ESM bundle with esbuild: Node then reads a few files instead of hundreds and resolves no
// package, which is most of what a synth costs (`npm run bench:synth` measures both ways).
import { readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Loader, Plugin } from "esbuild";
import { installedPackages, sourceFingerprint, type SourceFile } from "./current-cli-bundle.mjs";

/** What a build produced. */
export interface CliBundleBuild {
  /** The bundle's entry point. */
  entry: string;
  /** The project files (relative to the project root) the bundle holds. */
  sources: string[];
  /** sourceFingerprint() of exactly the contents that were bundled. */
  fingerprint: string;
}

const LOADERS: Record<string, Loader> = { ".ts": "ts", ".mts": "ts", ".js": "js", ".mjs": "js", ".json": "json" };

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
        const text = content.toString("utf8");
        return { contents: loader === "ts" || loader === "js" ? text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)) : text, loader };
      });
    },
  };
}

/** Bundles cli/main.ts into `outDir`, which must be inside the project so node_modules resolves. */
export async function buildCliBundle(projectRoot: string, outDir: string): Promise<CliBundleBuild> {
  const { build } = await import("esbuild");
  // The recipe is part of what a bundle was built from: changing an option here rebuilds it.
  const recipe = fileURLToPath(import.meta.url);
  const read: SourceFile[] = [{ path: relative(projectRoot, recipe), content: readFileSync(recipe) }];
  const packages = installedPackages(projectRoot);
  await build({
    absWorkingDir: projectRoot,
    entryPoints: { main: "cli/main.ts" },
    outdir: outDir,
    bundle: true,
    // Each command stays its own chunk, loaded only when it runs (cli/main.ts imports them lazily).
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node24",
    // jsonc-parser is a UMD module whose requires esbuild cannot follow: Node loads it from node_modules.
    external: ["jsonc-parser"],
    // Libraries bundled from CommonJS call require() for Node's own modules; the compile cache keeps
    // V8's compiled code of the bundle between runs, as scripts/ts-resolve.mjs does for the sources.
    banner: {
      js: 'import { createRequire as __createRequire, enableCompileCache as __enableCompileCache } from "node:module"; __enableCompileCache(); const require = __createRequire(import.meta.url);',
    },
    plugins: [projectSources(projectRoot, read)],
    logLevel: "silent",
  });
  return { entry: join(outDir, "main.js"), sources: read.map((file) => file.path).sort(), fingerprint: sourceFingerprint(projectRoot, read, packages) };
}
