// Recognizes OpenTofu's "Error acquiring the state lock" and says how to release a stale lock.
// tofu prints the lock's details but not the command that releases it.

export interface StateLockInfo {
  id: string;
  path?: string;
  operation?: string;
  who?: string;
  created?: string;
}

/** The lock that blocked a tofu run, read from its output; undefined for any other failure. */
export function parseStateLockError(output: string): StateLockInfo | undefined {
  if (!/Error acquiring the state lock/i.test(output)) return undefined;
  const field = (name: string): string | undefined => new RegExp(`^\\s*${name}:[ \\t]*(.*)$`, "m").exec(output)?.[1]?.trim() || undefined;
  const id = field("ID");
  if (!id) return undefined;
  return { id, path: field("Path"), operation: field("Operation"), who: field("Who"), created: field("Created") };
}

/** What to tell a person whose run hit a lock: who holds it and the command that releases it. */
export function explainStateLock(lock: StateLockInfo, stackDir: string): string {
  const holder = [lock.operation && `for ${lock.operation}`, lock.who && `by ${lock.who}`, lock.created && `since ${lock.created}`]
    .filter(Boolean)
    .join(" ");
  return [
    `The state${lock.path ? ` ${lock.path}` : ""} is locked${holder ? ` ${holder}` : ""} (lock ID ${lock.id}).`,
    "If that run is still going, wait for it. If it died (a cancelled job, a killed process), release the lock with:",
    `  tofu -chdir=${stackDir} force-unlock -force ${lock.id}`,
  ].join("\n");
}
