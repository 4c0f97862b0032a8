// How long one `tofu plan` may run before it is killed: grown with the work, not a fixed number a
// large organization outgrows. A plan refreshes every resource instance the stack manages, each one
// or more throttled AWS reads, so the bound is a base plus a share per instance; TOFU_PLAN_TIMEOUT_MINUTES sets it outright.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_TOFU_TIMEOUT_MS } from "./tofu-runner.js";

/** Per managed instance: several times what a refresh costs under Organizations' throttling (about 1 request a second). */
export const PLAN_MS_PER_INSTANCE = 2_000;

interface SynthesizedJson {
  variable?: Record<string, { default?: unknown }>;
  resource?: Record<string, Record<string, { for_each?: unknown }>>;
}

/** Resource instances in the synthesized stack: a for_each over var.<name> counts that variable's entries, anything else one. */
export function managedInstances(synthesized: SynthesizedJson): number {
  let instances = 0;
  for (const byName of Object.values(synthesized.resource ?? {})) {
    for (const resource of Object.values(byName)) {
      const variable = typeof resource.for_each === "string" ? /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(resource.for_each)?.[1] : undefined;
      const entries = variable === undefined ? undefined : synthesized.variable?.[variable]?.default;
      instances += entries && typeof entries === "object" ? Object.keys(entries).length : 1;
    }
  }
  return instances;
}

export function planTimeoutMs(dir: string, env: NodeJS.ProcessEnv = process.env): number {
  const set = env.TOFU_PLAN_TIMEOUT_MINUTES;
  if (set !== undefined && set !== "") {
    const minutes = Number(set);
    if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`TOFU_PLAN_TIMEOUT_MINUTES is "${set}": give a number of minutes above 0, or unset it to derive the bound from the stack`);
    return minutes * 60_000;
  }
  let synthesized: SynthesizedJson = {};
  try {
    synthesized = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as SynthesizedJson;
  } catch {
    // No stack JSON: planStack reports that itself; the base bound is enough to get there.
  }
  return DEFAULT_TOFU_TIMEOUT_MS + managedInstances(synthesized) * PLAN_MS_PER_INSTANCE;
}
