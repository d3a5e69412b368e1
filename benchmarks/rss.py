"""Run a command; print its wall time, CPU time and peak RSS (the process and its children) as JSON."""

import json
import os
import subprocess
import sys
import time

start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
if status != 0:
    sys.stderr.write(err)
    sys.exit(1)
# CPU time (user + system) is what the work costs whatever else runs on the machine; wall time is what a
# user waits, and shrinks when DuckDB's threads share the work.
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}))
