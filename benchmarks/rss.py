"""Run a command; print its wall time and peak RSS (the process and its children) as JSON."""

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
print(json.dumps({"wall": wall, "peak_mib": usage.ru_maxrss / 1024}))
