"""Runs commands side by side, round after round, and prints the medians of CPU time
(user + sys, from the kernel's rusage of each child), wall time and peak memory.

    python3 benches/measure.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]

Each COMMAND runs through no shell: split on spaces; a '<FILE' word is standard input.
Standard output goes to /dev/null. Rounds interleave the commands, so a load that comes
and goes on a shared machine falls on all of them alike.

Peak memory comes from one more run under GNU time (/usr/bin/time): a child forked from
Python inherits Python's own peak in its rusage, which would hide small programs.
"""
import subprocess
import tempfile
import os
import statistics
import sys
import time


def run(argv):
    stdin = None
    args = []
    for word in argv:
        if word.startswith("<"):
            stdin = word[1:]
        else:
            args.append(word)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        out = os.open(os.devnull, os.O_WRONLY)
        os.dup2(out, 1)
        os.dup2(out, 2)
        if stdin:
            os.dup2(os.open(stdin, os.O_RDONLY), 0)
        try:
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        sys.exit(f"measure.py: {' '.join(argv)} exited with {code}")
    return usage.ru_utime + usage.ru_stime, wall


def peak_mib(argv):
    """Peak resident memory of one run, from GNU time."""
    args = [w for w in argv if not w.startswith("<")]
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return int(report.read().split()[-1]) / 1024


def main():
    rounds = int(sys.argv[1])
    commands = [a.split("=", 1) for a in sys.argv[2:]]
    results = {name: [] for name, _ in commands}
    for _ in range(rounds):
        for name, command in commands:
            results[name].append(run(command.split()))
    print(f"| command | CPU (user+sys), median of {rounds} | wall, median | peak RSS |")
    print("|---|---:|---:|---:|")
    for name, _ in commands:
        cpu = statistics.median(r[0] for r in results[name])
        wall = statistics.median(r[1] for r in results[name])
        rss = peak_mib(dict(commands)[name].split())
        print(f"| {name} | {cpu * 1000:.0f} ms | {wall * 1000:.0f} ms | {rss:.1f} MiB |")


main()
