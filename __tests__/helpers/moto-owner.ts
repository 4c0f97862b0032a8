// A process that starts a moto server, prints its pid, and waits to be killed: the end-to-end
// tests kill it with SIGKILL and check that moto does not outlive it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MotoServer } from "../../sandbox/moto-server.js";
import { createLoopbackCertificate } from "../../sandbox/tls-certificate.js";

const moto = await MotoServer.start(createLoopbackCertificate(mkdtempSync(join(tmpdir(), "moto-owner-"))));
process.stdout.write(`moto pid ${moto.pid}\n`);
setInterval(() => undefined, 60_000);
