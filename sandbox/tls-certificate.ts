// A throwaway certificate for 127.0.0.1 so moto speaks HTTPS. The state bucket's policy denies
// every request without TLS, and moto enforces bucket policies: plain HTTP would be refused,
// exactly as it would be on AWS.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export interface TlsCertificate {
  certFile: string;
  keyFile: string;
}

export function createLoopbackCertificate(dir: string): TlsCertificate {
  const certFile = join(dir, "moto-cert.pem");
  const keyFile = join(dir, "moto-key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", keyFile, "-out", certFile],
    { stdio: "ignore" },
  );
  return { certFile, keyFile };
}
