-- wrk script: POST /api/decode with the W1 PNG as a raw body. The file
-- is named by the environment variable W1_PNG (run.sh fetches it from the
-- server under test).
local f = assert(io.open(assert(os.getenv("W1_PNG"), "set W1_PNG"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "image/png"

local report = dofile((os.getenv("LOAD_DIR") or "bench/load") .. "/report.lua")
done = report.done
