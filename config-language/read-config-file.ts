// Reads a config file into a plain value, and turns every way that can fail into a ConfigError
// that names the file and what is wrong (with line and column where there is one): never a stack
// trace, never a crash.
import { readFileSync, statSync } from "node:fs";
import { dirname, extname, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ParseError } from "jsonc-parser";
import type { ConfigIssue } from "./errors.js";
import { ConfigError } from "./errors.js";
import { importModule } from "./import-module.js";
import { jsoncParser } from "./jsonc-parser.js";
import { decodeUtf8, duplicateKeyProblems, hasByteOrderMark, lineAndColumn } from "./json-text.js";
import { jsonDepthOverflow, MAX_CONFIG_DEPTH, plainData } from "./plain-data.js";

const MODULE_EXTENSIONS = new Set([".ts", ".mts", ".js", ".mjs"]);

const fileProblem = (file: string, message: string) => new ConfigError(`(${file})`, [{ path: "(file)", message }]);

/** The file's bytes as text, refusing anything that is not UTF-8 (AWS names and emails are). */
function readUtf8(file: string, path: string): string {
  const text = decodeUtf8(readFileSync(path));
  if (text === undefined) throw fileProblem(file, "is not UTF-8 text: save it as UTF-8");
  // A config file's BOM is dropped, as editors on Windows write one.
  return hasByteOrderMark(text) ? text.slice(1) : text;
}

/** jsonc-parser's "PropertyNameExpected" -> "property name expected". */
const inWords = (code: string): string => code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

function readJson(file: string, path: string): unknown {
  const { parseTree, printParseErrorCode } = jsoncParser();
  const text = readUtf8(file, path);
  if (text.trim() === "") throw fileProblem(file, 'is empty: a JSON config is an object, e.g. { "accounts": [] }');
  const tooDeep = jsonDepthOverflow(text);
  if (tooDeep !== undefined) throw new ConfigError(`(${file})`, [{ path: lineAndColumn(text, tooDeep), message: `nests deeper than ${MAX_CONFIG_DEPTH} levels: no config needs that` }]);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // Only the first syntax error: the parser's recovery makes the later ones echoes of it.
  const issues: ConfigIssue[] = errors.slice(0, 1).map((error) => ({
    path: lineAndColumn(text, error.offset),
    message: `not valid JSON: ${inWords(printParseErrorCode(error.error))}`,
  }));
  if (issues.length === 0) for (const { place, message } of duplicateKeyProblems(text, tree)) issues.push({ path: place, message });
  if (issues.length > 0) throw new ConfigError(`(${file})`, issues);
  return JSON.parse(text) as unknown;
}

/** esbuild's "Transform failed" message lists each error as "<file>:<line>:<col>: ERROR: <text>". */
function syntaxIssues(message: string): ConfigIssue[] {
  return [...message.matchAll(/^.*:(\d+):(\d+): ERROR: (.*)$/gm)].map(([, line, column, text]) => ({
    path: `line ${line}, column ${Number(column) + 1}`,
    message: `TypeScript syntax error: ${text}`,
  }));
}

/**
 * Node's own TypeScript parser (what runs a .ts config): its stack starts "<file>:<line>", then the
 * line, then a caret under the column.
 */
function nativeSyntaxIssues(error: Error & { code?: string }, path: string): ConfigIssue[] {
  if (error.code !== "ERR_INVALID_TYPESCRIPT_SYNTAX" && error.code !== "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX") return [];
  const lines = (error.stack ?? "").split("\n");
  const at = lines.findIndex((line) => line.startsWith(`${path}:`) || line.startsWith(`${pathToFileURL(path).href}:`));
  const lineNo = at >= 0 ? lines[at]!.slice(lines[at]!.lastIndexOf(":") + 1) : undefined;
  const caret = at >= 0 ? lines.slice(at + 1).find((line) => /^\s*\^+\s*$/.test(line)) : undefined;
  const where = lineNo && caret ? `line ${lineNo}, column ${caret.indexOf("^") + 1}` : lineNo ? `line ${lineNo}` : "(file)";
  return [{ path: where, message: `TypeScript syntax error: ${error.message}` }];
}

/** Where in `file` an error was thrown, from its stack: "line L, column C", if it was there. */
function thrownAt(error: Error, path: string): string | undefined {
  const url = pathToFileURL(path).href;
  for (const line of (error.stack ?? "").split("\n")) {
    const match = /\((.*):(\d+):(\d+)\)$|at (.*):(\d+):(\d+)$/.exec(line.trim());
    const [where, lineNo, column] = match ? (match[1] ? [match[1], match[2], match[3]] : [match[4], match[5], match[6]]) : [];
    if (where === path || where === url) return `line ${lineNo}, column ${column}`;
  }
  return undefined;
}

/** Files a config could import from config/ before the config language moved to config-language/. */
const MOVED_FROM_CONFIG = /\/config\/(define-organization|schema)\.(js|ts)$/;

/** A config written before the move imports defineOrganization from config/: say where it is now. */
function movedImport(error: Error & { code?: string; url?: string }, path: string): string | undefined {
  if (error.code !== "ERR_MODULE_NOT_FOUND") return undefined;
  const missing = /Cannot find module '([^']+)'/.exec(error.message)?.[1] ?? error.url ?? "";
  if (!MOVED_FROM_CONFIG.test(missing.replace(/^file:\/\//, ""))) return undefined;
  const language = resolve(fileURLToPath(new URL("./define-organization.js", import.meta.url)));
  let target = relative(dirname(path), language).split(sep).join("/");
  if (!target.startsWith(".")) target = `./${target}`;
  const name = missing.split("/").slice(-2).join("/").replace(/\.(js|ts)$/, "");
  return `imports ${name}, which moved to config-language/: import { defineOrganization } from "${target}"`;
}

async function readModule(file: string, path: string): Promise<unknown> {
  readUtf8(file, path);
  let module: { default?: unknown };
  try {
    module = (await importModule(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    const err = error as Error;
    const syntax = err.name === "TransformError" ? syntaxIssues(err.message) : nativeSyntaxIssues(err, path);
    if (syntax.length > 0) throw new ConfigError(`(${file})`, syntax);
    const moved = movedImport(err, path);
    if (moved) throw new ConfigError(`(${file})`, [{ path: "(imports)", message: moved }]);
    const at = thrownAt(err, path);
    throw new ConfigError(`(${file})`, [{ path: at ?? "(file)", message: `failed while loading: ${err.message.split("\n")[0]}` }]);
  }
  if (module.default === undefined) throw fileProblem(file, "has no default export: end it with `export default defineOrganization({ ... })`");
  const issues: ConfigIssue[] = [];
  const data = plainData(module.default, issues);
  if (issues.length > 0) throw new ConfigError(`(${file})`, issues);
  return data;
}

/** Reads a .ts/.js module's default export, or a .json file. */
export async function readConfigFile(file: string): Promise<unknown> {
  const path = resolve(file);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw fileProblem(file, "does not exist");
  }
  if (isDirectory) throw fileProblem(file, "is a directory: name the config file in it, e.g. config/organization.ts");
  const extension = extname(path);
  if (extension === ".json") return readJson(file, path);
  if (MODULE_EXTENSIONS.has(extension)) return readModule(file, path);
  throw fileProblem(file, `has the extension "${extension}": a config is a .ts, .js or .json file`);
}
