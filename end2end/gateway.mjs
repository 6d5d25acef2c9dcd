// A stand-in for an SMS gateway behind the webhook sender, for the browser tests: it keeps every
// text it is given, and fails the first try of any number ending in 9999 (as a busy gateway
// would), so the organizer's send-again can be tried. GET /sent?to=NUMBER lists the texts a
// number was sent. Usage: node gateway.mjs PORT
import http from "node:http";

const port = Number(process.argv[2]);
const sent = new Map();
const failed = new Set();

http
  .createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (req.method === "GET" && url.pathname === "/sent") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(sent.get(url.searchParams.get("to")) ?? []));
      return;
    }
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const message = JSON.parse(body || "{}");
      if (String(message.to).endsWith("9999") && !failed.has(message.id)) {
        failed.add(message.id);
        res.statusCode = 503;
        res.end("gateway busy");
        return;
      }
      const texts = sent.get(message.to) ?? [];
      texts.push(message.text);
      sent.set(message.to, texts);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ id: `gw-${message.id}` }));
    });
  })
  .listen(port, "127.0.0.1");
