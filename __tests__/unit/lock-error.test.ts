import { describe, expect, it } from "vitest";
import { explainStateLock, parseStateLockError } from "../../tofu/lock-error.js";

// Shape of OpenTofu 1.12's message when the DynamoDB lock is held.
const TOFU_LOCK_ERROR = `
Error: Error acquiring the state lock

Error message: operation error DynamoDB: PutItem, https response error
StatusCode: 400, ConditionalCheckFailedException: The conditional request failed
Lock Info:
  ID:        0b8a3c5e-8f1d-7c2a-aa41-6f0e1d2c3b4a
  Path:      example-org-tofu-state/organization/terraform.tfstate
  Operation: OperationTypeApply
  Who:       runner@ci-host
  Version:   1.12.6
  Created:   2026-11-22 13:50:00.123456 +0000 UTC
  Info:

OpenTofu acquires a state lock to protect the state from being written
by multiple users at the same time.`;

describe("state lock errors", () => {
  it("reads who holds the lock", () => {
    expect(parseStateLockError(TOFU_LOCK_ERROR)).toEqual({
      id: "0b8a3c5e-8f1d-7c2a-aa41-6f0e1d2c3b4a",
      path: "example-org-tofu-state/organization/terraform.tfstate",
      operation: "OperationTypeApply",
      who: "runner@ci-host",
      created: "2026-11-22 13:50:00.123456 +0000 UTC",
    });
  });

  it("ignores other failures", () => {
    expect(parseStateLockError("Error: Instance cannot be destroyed")).toBeUndefined();
  });

  it("gives the command that releases a stale lock", () => {
    const text = explainStateLock(parseStateLockError(TOFU_LOCK_ERROR)!, "cdktf.out/stacks/organization");
    expect(text).toContain("locked for OperationTypeApply by runner@ci-host since 2026-11-22 13:50:00.123456 +0000 UTC");
    expect(text).toContain("tofu -chdir=cdktf.out/stacks/organization force-unlock -force 0b8a3c5e-8f1d-7c2a-aa41-6f0e1d2c3b4a");
  });
});
