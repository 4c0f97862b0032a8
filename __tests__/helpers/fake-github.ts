// A local HTTP server that speaks the GitHub REST endpoints the project uses (issue comments,
// issues, pull requests of a commit), with pagination and injectable failures. Loopback only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface FakeComment { id: number; issue: number; body: string; login: string }
export interface FakeIssue { number: number; title: string; body: string; state: "open" | "closed"; labels: string[]; state_reason?: string }
export interface Injected { status: number; headers?: Record<string, string>; body?: unknown; times: number; match?: RegExp }

export class FakeGitHub {
  comments: FakeComment[] = [];
  issues: FakeIssue[] = [];
  pulls: { commit: string; number: number; merge_commit_sha: string; labels?: string[] }[] = [];
  requests: { method: string; path: string }[] = [];
  /** Answers used before the real handling, e.g. a 429 twice. */
  injected: Injected[] = [];
  /** Login of the token's user, as GitHub sees it. */
  login = "github-actions[bot]";
  private nextId = 1000;
  private server?: Server;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    this.requests.push({ method, path: url.pathname + url.search });
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(data));
    };
    const injected = this.injected.find((i) => i.times > 0 && (!i.match || i.match.test(`${method} ${url.pathname}`)));
    if (injected) {
      injected.times--;
      return send(injected.status, injected.body ?? { message: `injected ${injected.status}` }, injected.headers);
    }
    if (req.headers.authorization !== "token test-token") return send(401, { message: "Bad credentials" });

    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const paginate = (items: unknown[]) => {
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const links: string[] = [];
      const link = (p: number, rel: string) => {
        const next = new URL(url);
        next.searchParams.set("page", String(p));
        links.push(`<${next.toString()}>; rel="${rel}"`);
      };
      if (page < last) link(page + 1, "next"), link(last, "last");
      send(200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(", ") } : {});
    };
    const comment = (c: FakeComment) => ({ id: c.id, body: c.body, user: { login: c.login, type: "Bot" }, html_url: `https://github.test/c/${c.id}` });
    const issue = (i: FakeIssue) => ({ ...i, labels: i.labels.map((name) => ({ name })), html_url: `https://github.test/i/${i.number}` });

    let m: RegExpExecArray | null;
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const number = Number(m[1]);
      if (method === "GET") return paginate(this.comments.filter((c) => c.issue === number).map(comment));
      if (method === "POST") {
        const created = { id: this.nextId++, issue: number, body: String(body.body), login: this.login };
        this.comments.push(created);
        return send(201, comment(created));
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === "PATCH") {
      const found = this.comments.find((c) => c.id === Number(m![1]));
      if (!found) return send(404, { message: "Not Found" });
      found.body = String(body.body);
      return send(200, comment(found));
    }
    if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(url.pathname)) {
      if (method === "GET") {
        const state = url.searchParams.get("state") ?? "open";
        const label = url.searchParams.get("labels");
        return paginate(this.issues.filter((i) => i.state === state && (!label || i.labels.includes(label))).map(issue));
      }
      if (method === "POST") {
        const created: FakeIssue = { number: this.nextId++, title: String(body.title), body: String(body.body), state: "open", labels: (body.labels as string[]) ?? [] };
        this.issues.push(created);
        return send(201, issue(created));
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(url.pathname)) && method === "PATCH") {
      const found = this.issues.find((i) => i.number === Number(m![1]));
      if (!found) return send(404, { message: "Not Found" });
      Object.assign(found, body);
      return send(200, issue(found));
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/.exec(url.pathname)) && method === "GET") {
      const pull = this.pulls.find((p) => p.number === Number(m![1]));
      return paginate((pull?.labels ?? []).map((name) => ({ name })));
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname))) {
      return send(200, this.pulls.filter((p) => p.commit === m![1]).map((p) => ({ number: p.number, merge_commit_sha: p.merge_commit_sha, merged_at: "2026-11-22T00:00:00Z" })));
    }
    send(404, { message: "Not Found" });
  }
}
