// Finds or builds tofu and the AWS provider once, before any end-to-end test file runs; a cold
// build prints its progress here.
import { describeMotoDeviations } from "../../sandbox/moto-server.js";
import { ensureTools } from "../../sandbox/tools.js";

export default async function setup(): Promise<void> {
  const tools = await ensureTools();
  process.stderr.write(`[e2e] tofu ${tools.tofuBin}, hashicorp/aws ${tools.providerVersion} via ${tools.cliConfigFile}\n${describeMotoDeviations()}\n`);
}
