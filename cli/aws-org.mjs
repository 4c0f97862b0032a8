// @ts-check
// The `aws-org` command (npm start, npm run synth, npm run cli): runs the command line from its
// esbuild bundle, built again whenever the sources change, else (esbuild not installed, sources
// that do not build, or AWS_ORG_FROM_SOURCE=1) from the TypeScript sources themselves.
// JavaScript, like what it imports first, so a fresh bundle and a JSON config need no TypeScript.
import { fileURLToPath } from "node:url";
import "../scripts/ts-resolve.mjs";
import { currentCliBundle } from "./bundle/current-cli-bundle.mjs";
import { runCliBundle } from "./bundle/run-cli-bundle.mjs";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const fromSource = process.env.AWS_ORG_FROM_SOURCE === "1";
const command = process.argv[2];
const bundle = fromSource ? undefined : (currentCliBundle(projectRoot, command) ?? (await (await import("./bundle/fresh-cli-bundle.js")).rebuiltCliBundle(projectRoot, command)));
if (bundle) runCliBundle(bundle);
else await import("./main.js");
