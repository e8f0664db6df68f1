"""aiokafka peer for `npm run bench:core`: closed-loop Metadata / ApiVersions round trips
over ONE AIOKafkaConnection (aiokafka's connection-level object, not the producer/consumer).

Two modes:

  one-shot: python aiokafka_peer.py --host 127.0.0.1 --port 9092 --inflight 1,16,256 \
                --api metadata,apiversions --duration 3 --warmup 0.5
            runs every (api, inflight) cell and prints one JSON line per cell.

  serve:    python aiokafka_peer.py --host 127.0.0.1 --port 9092 --serve
            prints {"ready": ...}, then reads one JSON command per stdin line:
            {"cmd": "run", "api": "metadata", "inflight": 16, "warmupMs": 500, "durationMs": 3000}
            -> one JSON result line; {"cmd": "quit"} -> exits. bench/core/main.ts drives this
            mode so the clients take turns cell by cell against the same broker.

CPU is time.process_time() (user + system of this whole process, every thread) over the
measured window, so it is the same quantity as process.cpuUsage() on the Node side.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import sys
import time
from importlib.metadata import version as dist_version

from aiokafka.conn import create_conn
from aiokafka.protocol.admin import ApiVersionRequest
from aiokafka.protocol.metadata import MetadataRequest

API_KEYS = {"metadata": 3, "apiversions": 18}


def make_request(api: str):
    if api == "metadata":
        # No topics, no auto-creation: the same body as the Node clients send.
        return MetadataRequest([], False)
    if api == "apiversions":
        return ApiVersionRequest()
    raise ValueError(f"unknown api {api!r}")


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    idx = min(len(sorted_values) - 1, max(0, int(p / 100.0 * len(sorted_values) + 0.5) - 1))
    return sorted_values[idx]


async def run_cell(conn, api: str, inflight: int, warmup_s: float, duration_s: float) -> dict:
    request = make_request(api)
    loop = asyncio.get_running_loop()
    state = {"phase": 0}  # 0 warm-up, 1 measured, 2 draining
    latencies: list[float] = []
    errors: list[str] = []
    marks: dict[str, float] = {}

    async def lane() -> None:
        send = conn.send
        perf = time.perf_counter
        while state["phase"] < 2:
            start = perf()
            try:
                await send(request)
            except Exception as exc:  # noqa: BLE001 - reported, and this lane stops
                errors.append(f"{type(exc).__name__}: {exc}")
                return
            if state["phase"] == 1:
                latencies.append(perf() - start)

    def begin() -> None:
        state["phase"] = 1
        latencies.clear()
        marks["t0"] = time.perf_counter()
        marks["cpu0"] = time.process_time()
        # Timed from the real start of the window, so a late warm-up timer cannot shrink it.
        loop.call_later(duration_s, end)

    def end() -> None:
        marks["t1"] = time.perf_counter()
        marks["cpu1"] = time.process_time()
        marks["count"] = len(latencies)
        state["phase"] = 2

    loop.call_later(warmup_s, begin)
    await asyncio.gather(*(lane() for _ in range(inflight)))
    if "t1" not in marks:  # every lane died before the window closed
        if "t0" not in marks:
            state["phase"] = 1
            marks["t0"] = time.perf_counter()
            marks["cpu0"] = time.process_time()
        end()

    count = int(marks["count"])
    lat = sorted(latencies[:count])
    elapsed = marks["t1"] - marks["t0"]
    cpu = marks["cpu1"] - marks["cpu0"]
    return {
        "client": "aiokafka",
        "api": api,
        "inflight": inflight,
        "count": count,
        "elapsedMs": elapsed * 1e3,
        "rps": count / elapsed if elapsed > 0 else 0.0,
        "p50Ms": percentile(lat, 50) * 1e3 if lat else None,
        "p99Ms": percentile(lat, 99) * 1e3 if lat else None,
        "cpuMs": cpu * 1e3,
        "cpuUsPerRt": (cpu * 1e6 / count) if count else None,
        "errors": len(errors),
        "firstError": errors[0] if errors else None,
    }


def negotiated_versions(conn) -> dict:
    # AIOKafkaConnection picks the highest version both sides know, per request.
    out = {}
    for api in API_KEYS:
        struct = make_request(api).prepare(conn._versions)  # noqa: SLF001 - what send() does
        out[api] = struct.API_VERSION
    return out


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--inflight", default="1,16,256")
    ap.add_argument("--api", default="metadata,apiversions")
    ap.add_argument("--duration", type=float, default=3.0, help="measured seconds per cell")
    ap.add_argument("--warmup", type=float, default=0.5, help="warm-up seconds per cell")
    ap.add_argument("--serve", action="store_true", help="take cells as JSON lines on stdin")
    args = ap.parse_args()

    conn = await create_conn(args.host, args.port, client_id="bench-aiokafka", request_timeout_ms=30000)
    try:
        ready = {
            "ready": True,
            "client": "aiokafka",
            "version": dist_version("aiokafka"),
            "runtime": f"Python {platform.python_version()} ({platform.python_implementation()}), asyncio {type(asyncio.get_running_loop()).__name__}",
            "apiVersions": negotiated_versions(conn),
        }
        if args.serve:
            print(json.dumps(ready), flush=True)
            loop = asyncio.get_running_loop()
            while True:
                line = await loop.run_in_executor(None, sys.stdin.readline)
                if not line:
                    break
                cmd = json.loads(line)
                if cmd.get("cmd") == "quit":
                    break
                result = await run_cell(conn, cmd["api"], int(cmd["inflight"]), cmd["warmupMs"] / 1e3, cmd["durationMs"] / 1e3)
                print(json.dumps(result), flush=True)
        else:
            print(json.dumps(ready), flush=True)
            for api in args.api.split(","):
                for n in args.inflight.split(","):
                    result = await run_cell(conn, api, int(n), args.warmup, args.duration)
                    print(json.dumps(result), flush=True)
    finally:
        conn.close()


if __name__ == "__main__":
    asyncio.run(main())
