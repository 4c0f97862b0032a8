// One sandbox: the tools, a moto server, a scratch directory, and helpers that run the user's
// commands (cdktf synth, tofu init/plan/apply) against them. stop() always cleans up.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBackendSettings, type BackendSettings } from "../config-language/backend.js";
import type { OrganizationConfigInput } from "../config-language/schema.js";
import type { PlanJson } from "../plan/plan-json.js";
import type { STACK_NAMES } from "../stacks/organization-app.js";
import { sandboxEnvironment, writeBackendOverrides } from "./aws-environment.js";
import { MotoServer, type OrganizationsLimits } from "./moto-server.js";
import { synthesize } from "./synthesize.js";
import { planStack } from "../tofu/plan-stack.js";
import { Tofu, type TofuResult } from "../tofu/tofu-runner.js";
import { ensureTools, type SandboxTools } from "./tools.js";
import { writeSandboxConfig } from "./sandbox-config.js";
import { createLoopbackCertificate } from "./tls-certificate.js";

export type StackName = (typeof STACK_NAMES)[keyof typeof STACK_NAMES];

export class Sandbox {
  readonly backend: BackendSettings = loadBackendSettings();

  readonly tools: SandboxTools;
  readonly moto: MotoServer;
  readonly tofu: Tofu;
  readonly workDir: string;
  readonly backendOverrides: string;

  private constructor(tools: SandboxTools, moto: MotoServer, tofu: Tofu, workDir: string, backendOverrides: string) {
    this.tools = tools;
    this.moto = moto;
    this.tofu = tofu;
    this.workDir = workDir;
    this.backendOverrides = backendOverrides;
  }

  /** `limits`: AWS's Organizations limits moto enforces (the sandbox's defaults unless a test needs leniency, and says so). */
  static async start(limits: Partial<OrganizationsLimits> | "off" = {}): Promise<Sandbox> {
    const tools = await ensureTools();
    const workDir = mkdtempSync(join(tmpdir(), "aws-org-sandbox-"));
    const tls = createLoopbackCertificate(workDir);
    const moto = await MotoServer.start(tls, limits).catch((error: unknown) => {
      rmSync(workDir, { recursive: true, force: true });
      throw error;
    });
    const tofu = new Tofu(tools.tofuBin, sandboxEnvironment(moto.endpoint, tls.certFile, tools));
    const overrides = writeBackendOverrides(join(workDir, "backend-moto.hcl"), moto.endpoint, tls.certFile);
    return new Sandbox(tools, moto, tofu, workDir, overrides);
  }

  async stop(): Promise<void> {
    this.tofu.stopAll();
    await this.moto.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /** Writes `config` as JSON and synthesizes it with cdktf into <workDir>/<name>; returns the out dir. */
  async synth(name: string, config: OrganizationConfigInput, options: { bootstrapped?: boolean; backendFile?: string } = {}): Promise<string> {
    const outDir = join(this.workDir, name);
    const configFile = writeSandboxConfig(join(this.workDir, `${name}.config.json`), config);
    await synthesize({ outDir, configFile, bootstrapped: options.bootstrapped ?? true, backendFile: options.backendFile });
    return outDir;
  }

  stackDir(outDir: string, stack: StackName): string {
    return join(outDir, "stacks", stack);
  }

  /** tofu init; an S3 backend gets moto's endpoints through -backend-config. */
  init(dir: string, extra: string[] = []): Promise<TofuResult> {
    const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { terraform?: { backend?: Record<string, unknown> } };
    const overrides = json.terraform?.backend?.s3 ? [`-backend-config=${this.backendOverrides}`] : [];
    return this.tofu.run(dir, ["init", "-no-color", "-input=false", ...overrides, ...extra]);
  }

  /** Plans an initialized stack as `aws-org plan` does; `exitCode` is plan's -detailed-exitcode (0 none, 2 changes). */
  async plan(dir: string, extra: string[] = []): Promise<{ exitCode: number; json: PlanJson }> {
    const planned = await planStack(this.tofu, dir, { init: false, planArgs: extra });
    if (planned.outcome === "failed") throw new Error(`tofu plan failed in ${dir}:\n${planned.error}`);
    return { exitCode: planned.outcome === "changes" ? 2 : 0, json: planned.plan };
  }

  apply(dir: string, extra: string[] = []): Promise<TofuResult> {
    return this.tofu.run(dir, ["apply", "-no-color", "-input=false", "-auto-approve", ...extra]);
  }
}

/** Addresses by tofu's own action names ("create", "update", "delete", "import"): what the e2e tests assert. */
export function addressesByAction(plan: PlanJson): Record<string, string[]> {
  const summary: Record<string, string[]> = {};
  const add = (key: string, address: string) => (summary[key] ??= []).push(address);
  for (const change of plan.resource_changes ?? []) {
    const actions = change.change.actions;
    if (change.change.importing) add("import", change.address);
    if (actions.includes("delete") && actions.includes("create")) add("replace", change.address);
    else if (!actions.includes("no-op") && !actions.includes("read")) for (const action of actions) add(action, change.address);
  }
  for (const list of Object.values(summary)) list.sort();
  return summary;
}
