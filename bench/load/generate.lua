-- wrk script: POST /api/generate with the standard workload W1
-- (level H, scale 10, quiet zone 4, PNG: the service's defaults).
wrk.method = "POST"
wrk.body = '{"text":"https://example.com/product/0123456789?batch=42"}'
wrk.headers["Content-Type"] = "application/json"

local report = dofile((os.getenv("LOAD_DIR") or "bench/load") .. "/report.lua")
done = report.done
