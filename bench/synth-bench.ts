// npm run bench: times a synth two ways, the app cdktf synth runs (main.ts from source, through
// scripts/ts-resolve.mjs) and `aws-org synth` (the CLI's esbuild bundle, what npm start and the
// plan path run), on the default config and on generated 1,000-account / 100-OU configs, and
// reports median wall time and peak RSS against the targets; first, the commands as a user types
// them (npm run synth, npx cdktf synth), whole.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedConfig, generatedConfigWithAccess, generatedConfigWithGuardrails } from "./generated-config.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-peak-rss.mjs", import.meta.url));
const TARGET = { defaultSeconds: 2.5, defaultMegabytes: 150, largeRatio: 1.3 };

interface Sample { seconds: number; megabytes: number }

/** How a synth is started: the arguments to node, given the output directory. */
type Synth = (outDir: string) => string[];
const SYNTHS: Record<string, Synth> = {
  "cdktf app (main.ts)": () => ["--import", "./scripts/ts-resolve.mjs", "--import", PRELOAD, "main.ts"],
  "aws-org synth (bundle)": (outDir) => ["--import", PRELOAD, "cli/aws-org.mjs", "synth", "--quiet", "--out", outDir],
};

function synthOnce(synth: Synth, configFile: string, scratch: string): Sample {
  const rssFile = join(scratch, "rss");
  const started = performance.now();
  const result = spawnSync(process.execPath, synth(join(scratch, "out")), {
    cwd: ROOT,
    env: { ...process.env, ORG_CONFIG: configFile, CDKTF_OUTDIR: join(scratch, "out"), BENCH_RSS_FILE: rssFile },
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`synth failed for ${configFile}:\n${result.stderr}`);
  return { seconds, megabytes: Number(readFileSync(rssFile, "utf8")) / 1024 / 1024 };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Both ways, interleaved; returns the cdktf app's figures (the targets are set for it). */
function measure(label: string, configFile: string, scratch: string): { seconds: number; megabytes: number } {
  const samples = new Map(Object.keys(SYNTHS).map((way) => [way, [] as Sample[]]));
  for (const synth of Object.values(SYNTHS)) synthOnce(synth, configFile, scratch); // warm the file cache and build the bundle; not counted
  for (let run = 0; run < RUNS; run++) for (const [way, synth] of Object.entries(SYNTHS)) samples.get(way)!.push(synthOnce(synth, configFile, scratch));
  const results = [...samples].map(([way, runs]) => {
    const result = { seconds: median(runs.map((s) => s.seconds)), megabytes: Math.max(...runs.map((s) => s.megabytes)) };
    console.log(`${label.padEnd(52)} ${way.padEnd(24)} median ${result.seconds.toFixed(2)} s   peak RSS ${result.megabytes.toFixed(0)} MB   (${RUNS} runs: ${runs.map((s) => s.seconds.toFixed(2)).join(", ")})`);
    return result;
  });
  return results[0]!;
}

/** What a user types, timed whole (npm, npx and the cdktf CLI included), on the default config. */
const COMMANDS: Record<string, (outDir: string) => [string, string[]]> = {
  "npm run synth": (outDir) => ["npm", ["run", "--silent", "synth", "--", "--out", outDir]],
  "npx cdktf synth": (outDir) => ["npx", ["cdktf", "synth", "--output", outDir]],
  "  cdktf CLI without npx": (outDir) => ["node_modules/.bin/cdktf", ["synth", "--output", outDir]],
  "  its app alone (main.ts)": () => ["bash", ["scripts/project-node.sh", "node", "--import", "./scripts/ts-resolve.mjs", "main.ts"]],
};

function commandOnce(command: [string, string[]], outDir: string): number {
  const started = performance.now();
  const result = spawnSync(command[0], command[1], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outDir }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stderr}`);
  return (performance.now() - started) / 1000;
}

function measureCommands(scratch: string): void {
  const out = join(scratch, "commands-out");
  const samples = new Map(Object.keys(COMMANDS).map((name) => [name, [] as number[]]));
  for (const make of Object.values(COMMANDS)) commandOnce(make(out), out); // warm-up, not counted
  for (let run = 0; run < RUNS; run++) for (const [name, make] of Object.entries(COMMANDS)) samples.get(name)!.push(commandOnce(make(out), out));
  for (const [name, runs] of samples) console.log(`${"default config, as typed".padEnd(52)} ${name.padEnd(26)} median ${median(runs).toFixed(2)} s   (${RUNS} runs: ${runs.map((s) => s.toFixed(2)).join(", ")})`);
}

const scratch = mkdtempSync(join(tmpdir(), "synth-bench-"));
try {
  measureCommands(scratch);
  const largeConfig = join(scratch, "large.json");
  writeFileSync(largeConfig, JSON.stringify(generatedConfig()));
  console.log(`synth benchmark on ${process.platform}/${process.arch}, node ${process.version}`);
  const base = measure("default config", "config/organization.ts", scratch);
  const large = measure("1,000 accounts / 100 OUs", largeConfig, scratch);
  const guarded = join(scratch, "guarded.json");
  writeFileSync(guarded, JSON.stringify(generatedConfigWithGuardrails()));
  measure("  + 20 SCPs, 500 attachments", guarded, scratch);
  const access = join(scratch, "access.json");
  writeFileSync(access, JSON.stringify(generatedConfigWithAccess()));
  measure("  + 10 permission sets via OUs (10,000 assignments)", access, scratch);
  const ratio = large.seconds / base.seconds;
  const verdicts = [
    [`default ≤ ${TARGET.defaultSeconds} s`, base.seconds <= TARGET.defaultSeconds],
    [`default ≤ ${TARGET.defaultMegabytes} MB`, base.megabytes <= TARGET.defaultMegabytes],
    [`1,000 accounts ≤ ${TARGET.largeRatio} × default (${ratio.toFixed(2)} ×)`, ratio <= TARGET.largeRatio],
  ] as const;
  for (const [what, ok] of verdicts) console.log(`${ok ? "PASS" : "MISS"}  ${what}`);
  process.exitCode = verdicts.every(([, ok]) => ok) ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
