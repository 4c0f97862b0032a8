// The parts of `tofu show -json <planfile>` that the plan comment reads.

export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

export interface ResourceChange {
  address: string;
  previous_address?: string;
  type: string;
  name: string;
  index?: string | number;
  mode?: "managed" | "data";
  action_reason?: string;
  change: {
    actions: PlanAction[];
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    after_unknown?: Record<string, unknown> | boolean | null;
    before_sensitive?: Record<string, unknown> | boolean | null;
    after_sensitive?: Record<string, unknown> | boolean | null;
    replace_paths?: (string | number)[][];
    importing?: { id?: string } | null;
  };
}

export interface StateResource {
  address: string;
  type: string;
  name: string;
  index?: string | number;
  values: Record<string, unknown>;
}

export interface PlanJson {
  format_version?: string;
  terraform_version?: string;
  resource_changes?: ResourceChange[];
  prior_state?: { values?: { root_module?: { resources?: StateResource[] } } };
  errored?: boolean;
}

/** One entry of a synthesized locals map, read loosely: accounts, OUs, policies, attachments. */
export interface SynthesizedEntry {
  organizational_unit?: string;
  parent?: string;
  name?: string;
  /** A policy's type (local.policies). */
  type?: string;
  /** An attachment's policy (local.policy_attachments). */
  policy?: string;
  /** An account assignment's (var.account_assignments) or a managed policy's (var.permission_set_managed_policies). */
  permission_set?: string;
  account?: string;
  principal?: string;
  arn?: string;
}

/** The synthesized stack (cdk.tf.json): its variables say where each account belongs, its locals what is attached where. */
export interface SynthesizedStack {
  variable?: Record<string, { default?: Record<string, SynthesizedEntry> }>;
  locals?: Record<string, Record<string, SynthesizedEntry>>;
}

/** A synthesized data map by name: a variable's default, or (JSON synthesized before variables held them) a local. */
export const synthesizedMap = (stack: SynthesizedStack | undefined, name: string): Record<string, SynthesizedEntry> =>
  stack?.variable?.[name]?.default ?? stack?.locals?.[name] ?? {};
