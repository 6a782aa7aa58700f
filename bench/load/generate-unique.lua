-- wrk script: POST /api/generate with W1 made unique per request (thread
-- id and a counter in place of its product number), so that every request
-- misses the response cache and is encoded and rendered: the cost of new
-- texts, where generate.lua measures the cached path of a repeated one.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local report = dofile((os.getenv("LOAD_DIR") or "bench/load") .. "/report.lua")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  n = 0
end

function request()
  n = n + 1
  -- W1 with its ten digits replaced by thread id and counter: the same
  -- length and segments as W1 (version 5 at level H), a new text every time.
  return wrk.format(nil, nil, nil,
    string.format('{"text":"https://example.com/product/%d%09d?batch=42"}', id, n % 1000000000))
end

done = report.done
