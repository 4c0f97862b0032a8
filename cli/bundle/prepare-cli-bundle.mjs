// @ts-check
// npm's postinstall: builds the CLI bundle once the packages are in place, so the first `npm start`
// after `npm ci` runs a bundle instead of building one (~1.3 s). Quiet, and never fails the install:
// without esbuild, or with sources that do not build, the first run does what it always did.
import { fileURLToPath } from "node:url";
import "../../scripts/ts-resolve.mjs";
import { currentCliBundle } from "./current-cli-bundle.mjs";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
if (process.env.AWS_ORG_FROM_SOURCE !== "1" && !currentCliBundle(projectRoot, undefined)) {
  await (await import("./fresh-cli-bundle.js")).rebuiltCliBundle(projectRoot, undefined);
}
