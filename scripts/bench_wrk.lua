-- wrk script of scripts/bench.py: at the end of a run, print one JSON line
-- with requests/s, latency percentiles (ms) and the error counts.
-- "non2xx" is wrk's status error count (responses with a status of 400 or more);
-- redirects are caught before measuring, by the check that every page answers 200.

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, '
      .. '"p99_ms": %.3f, "max_ms": %.3f, "non2xx": %d, "socket_errors": %d}\n',
    summary.requests,
    seconds,
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    latency.max / 1000,
    errors.status,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
