// npm run bench: times `synth` (the app cdktf synth runs: node --import ./scripts/ts-resolve.mjs main.ts) on the
// default config and on a generated 1,000-account / 100-OU config, and reports median wall time
// and peak RSS against the targets.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedConfig, generatedConfigWithAccess, generatedConfigWithGuardrails } from "./generated-config.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-peak-rss.ts", import.meta.url));
const TARGET = { defaultSeconds: 2.5, defaultMegabytes: 150, largeRatio: 1.3 };

interface Sample { seconds: number; megabytes: number }

function synthOnce(configFile: string, scratch: string): Sample {
  const rssFile = join(scratch, "rss");
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "./scripts/ts-resolve.mjs", "--import", PRELOAD, "main.ts"], {
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

function measure(label: string, configFile: string, scratch: string): { seconds: number; megabytes: number } {
  synthOnce(configFile, scratch); // warm the file cache; not counted
  const samples = Array.from({ length: RUNS }, () => synthOnce(configFile, scratch));
  const result = { seconds: median(samples.map((s) => s.seconds)), megabytes: Math.max(...samples.map((s) => s.megabytes)) };
  console.log(`${label.padEnd(52)} median ${result.seconds.toFixed(2)} s   peak RSS ${result.megabytes.toFixed(0)} MB   (${RUNS} runs: ${samples.map((s) => s.seconds.toFixed(2)).join(", ")})`);
  return result;
}

const scratch = mkdtempSync(join(tmpdir(), "synth-bench-"));
try {
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
