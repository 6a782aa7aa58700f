-- wrk script: the mixed load. Each connection cycles through a fixed
-- schedule of good and bad requests:
--   45% generate W1 (PNG), 5% generate as SVG by GET with a varying text,
--   30% decode the W1 PNG,
--   8% garbage bodies to /api/decode (415) and broken JSON to /api/generate (400),
--   8% a PNG bomb header declaring 100000×100000 pixels (413),
--   2% an upload over the 8 MiB limit (413 from Content-Length alone),
--   2% GET /healthz.
-- The response callback counts statuses per thread; done() prints them.
local w1 = "https://example.com/product/0123456789?batch=42"
local f = assert(io.open(assert(os.getenv("W1_PNG"), "set W1_PNG"), "rb"))
local w1png = f:read("*a")
f:close()

-- PNG signature and an IHDR chunk (with its CRC) for a 100000×100000
-- 8-bit greyscale image, and nothing else.
local bomb = "\137\80\78\71\13\10\26\10\0\0\0\13\73\72\68\82\0\1\134\160\0\1\134\160\8\0\0\0\0\141\57\84\20"
local oversize = string.rep("\0", 8 * 1024 * 1024 + 1)

local json = { ["Content-Type"] = "application/json" }
local png = { ["Content-Type"] = "image/png" }
local reqs = {}
local function add(n, r)
  for _ = 1, n do reqs[#reqs + 1] = r end
end

function init(args)
  add(45, wrk.format("POST", "/api/generate", json, '{"text":"' .. w1 .. '"}'))
  add(30, wrk.format("POST", "/api/decode", png, w1png))
  add(4, wrk.format("POST", "/api/decode", { ["Content-Type"] = "application/octet-stream" }, "garbage, not an image \1\2\3"))
  add(4, wrk.format("POST", "/api/generate", json, '{"text": "unterminated'))
  add(8, wrk.format("POST", "/api/decode", png, bomb))
  add(2, wrk.format("POST", "/api/decode", png, oversize))
  add(2, wrk.format("GET", "/healthz"))
  for i = 1, 5 do
    reqs[#reqs + 1] = wrk.format("GET", "/api/generate?format=svg&text=mixed-" .. i)
  end
  -- Shuffle so that bad requests are spread through the schedule.
  math.randomseed(os.time())
  for i = #reqs, 2, -1 do
    local j = math.random(i)
    reqs[i], reqs[j] = reqs[j], reqs[i]
  end
  counter = 0
  statuses = {}
end

function request()
  counter = counter % #reqs + 1
  return reqs[counter]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

local report = dofile((os.getenv("LOAD_DIR") or "bench/load") .. "/report.lua")
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local keys = {}
  for status in pairs(total) do keys[#keys + 1] = status end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. total[status] end
  io.write("STATUSES " .. table.concat(parts, " ") .. "\n")
  report.done(summary, latency, requests)
end
