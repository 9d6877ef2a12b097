"""Child process of the check benchmark: the data engine's load against a bare YAML parse,
in one warm interpreter, alternating, so that only the work itself is compared.

`python -m benchmarks.inprocess DATA ROUNDS TODAY` prints one JSON line:
{"parse": [seconds...], "check": [seconds...], "parse_cpu": [...], "check_cpu": [...], "errors": n}
(wall time and CPU time of this process for each round).
`python -m benchmarks.inprocess --parse-only DATA` parses the files once and exits (the
end-to-end baseline of `python -m macros check`).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import yaml


def parse_all(files: list[Path]) -> int:
    """Read every file with PyYAML's libyaml loader; return the number of documents."""
    count = 0
    for file in files:
        yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
        count += 1
    return count


def main(argv: list[str]) -> int:
    """Entry point."""
    if argv[0] == "--parse-only":
        parse_all(sorted(Path(argv[1]).rglob("*.yml")))
        return 0
    from macros.loading.loader import load
    from macros.validation.findings import Severity

    data, rounds, today = Path(argv[0]), int(argv[1]), dt.date.fromisoformat(argv[2])
    files = sorted(data.rglob("*.yml"))
    times: dict[str, list[float]] = {"parse": [], "check": [], "parse_cpu": [], "check_cpu": []}
    errors = 0
    load(data, today=today)  # warm-up: imports, caches of pydantic and the file system
    parse_all(files)
    for index in range(rounds):
        steps = ["parse", "check"] if index % 2 == 0 else ["check", "parse"]
        for step in steps:
            start, cpu = time.perf_counter(), time.process_time()
            if step == "parse":
                parse_all(files)
            else:
                result = load(data, today=today)
                errors = sum(f.severity is Severity.ERROR for f in result.findings)
            times[step].append(time.perf_counter() - start)
            times[f"{step}_cpu"].append(time.process_time() - cpu)
    print(json.dumps({**times, "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
