// Reads backend.tf.json: the S3 bucket, key and DynamoDB lock table that hold the state.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError, fieldIssues } from "./errors.js";
import { AWS_REGION_PATTERN } from "./schema.js";

const backendFileSchema = z.object({
  terraform: z.object({
    backend: z.object({
      s3: z
        .object({
          bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name: 3-63 of a-z 0-9 . -"),
          key: z.string().min(1, "must not be empty"),
          region: z.string().regex(AWS_REGION_PATTERN, "must be an AWS region like us-east-1"),
          dynamodb_table: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, "must be a DynamoDB table name: 3-255 of A-Z a-z 0-9 _ . -"),
          encrypt: z.literal(true, { message: "must be true: state holds account emails and ids" }),
          /** OpenTofu's own S3 lock file, beside or instead of the DynamoDB table. */
          use_lockfile: z.boolean().default(false),
        })
        .strict(),
    }),
  }),
});

export type BackendSettings = z.output<typeof backendFileSchema>["terraform"]["backend"]["s3"];

export const DEFAULT_BACKEND_FILE = "backend.tf.json";

export function loadBackendSettings(file = process.env.ORG_BACKEND_FILE ?? DEFAULT_BACKEND_FILE): BackendSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`(${file})`, [{ path: "(file)", message: `cannot be read as JSON: ${(error as Error).message}` }]);
  }
  const parsed = backendFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`(${file})`, fieldIssues(parsed.error));
  }
  return parsed.data.terraform.backend.s3;
}
