// @ts-check
// Preloaded into a measured process (node --import): on exit, writes its peak RSS in bytes to
// the file named by BENCH_RSS_FILE. JavaScript: a .ts preload would make Node load its TypeScript
// stripper before the measured program starts, which by itself slows a bundled synth of 10,000
// assignments from 0.5 s to 0.85 s and adds 200 MB (measured); the program should pay for what it loads.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
