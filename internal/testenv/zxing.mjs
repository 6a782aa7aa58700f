// A line-oriented bridge from Go tests to zxing-cpp 3.1 (the npm package
// zxing-wasm): one JSON request per input line, one JSON answer per output
// line, in order. Started by testenv.StartZXing; not part of the library.
//
// Requests:
//   {"op": "read", "image": "<base64 PNG/JPEG/…>", "formats": ["QRCode"],
//    "tryHarder": true, "maxSymbols": 255, "pure": false}
//   {"op": "write", "text": "…", "format": "MicroQRCode", "options": "ecLevel=M,version=3"}
// Answers: {"results": [...]} for read, {"symbol": {...}} for write, or
// {"error": "…"}.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

const dir = process.argv[2];
const zx = await import(path.join(dir, "dist/es/full/index.js"));
await zx.prepareZXingModule({
  overrides: { wasmBinary: fs.readFileSync(path.join(dir, "dist/full/zxing_full.wasm")) },
  fireImmediately: true,
});

function point(p) {
  return [p.x, p.y];
}

async function read(req) {
  const bytes = Buffer.from(req.image, "base64");
  const results = await zx.readBarcodes(new Uint8Array(bytes), {
    formats: req.formats && req.formats.length ? req.formats : [],
    tryHarder: req.tryHarder !== false,
    isPure: !!req.pure,
    maxNumberOfSymbols: req.maxSymbols || 255,
  });
  return {
    results: results.map((r) => ({
      format: r.format,
      text: r.text,
      bytes: Buffer.from(r.bytes).toString("base64"),
      version: r.version,
      ecLevel: r.ecLevel,
      symbologyId: r.symbologyIdentifier,
      contentType: r.contentType,
      hasECI: r.hasECI,
      mirrored: r.isMirrored,
      inverted: r.isInverted,
      sequenceSize: r.sequenceSize,
      sequenceIndex: r.sequenceIndex,
      sequenceId: r.sequenceId,
      position: [r.position.topLeft, r.position.topRight, r.position.bottomRight, r.position.bottomLeft].map(point),
    })),
  };
}

async function write(req) {
  const w = await zx.writeBarcode(req.text, { format: req.format, options: req.options || "" });
  if (w.error) {
    return { error: w.error };
  }
  const png = Buffer.from(await w.image.arrayBuffer()).toString("base64");
  return {
    symbol: {
      width: w.symbol.width,
      height: w.symbol.height,
      modules: Buffer.from(w.symbol.data).toString("base64"),
      png,
      svg: w.svg,
    },
  };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  let answer;
  try {
    const req = JSON.parse(line);
    if (req.op === "read") {
      answer = await read(req);
    } else if (req.op === "write") {
      answer = await write(req);
    } else {
      answer = { error: "unknown op " + req.op };
    }
  } catch (e) {
    answer = { error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
