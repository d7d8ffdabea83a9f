#!/usr/bin/env python3
"""Top frames of a dotnet-trace speedscope file (build/bench/profile-hit.sh).

Thread time is sampled for every managed thread, busy or not. Samples of waiting threads (in native code
whose innermost managed frame is a wait: thread pool workers parked on their semaphore, the socket engine in
epoll, timers, the finalizer) are dropped, so the shares are of the time threads spent working. Prints the frames with the most inclusive time (the pipeline's stages) and the most
exclusive time (where the CPU goes).

usage: top-frames.py FILE.speedscope.json [inclusive-count] [exclusive-count]
       top-frames.py FILE.speedscope.json --callers REGEX [depth]
         who calls the frames matching REGEX (e.g. Monitor.Enter_Slowpath): the managed frames above the match,
         up to depth levels (4 by default), each chain with its share of busy time
"""
import json
import re
import sys
from collections import Counter

WAIT = re.compile(
    r"LowLevelLifoSemaphore|WaitHandle\.Wait|Monitor\.Wait\b|Monitor\.Wait\(|WaitForSocketEvents|Thread\.Sleep|"
    r"ManualResetEventSlim\.Wait|SemaphoreSlim\.Wait|WaitSubsystem|Interop\+Sys\.Read|RunFinalizers|"
    r"Task\.SpinThenBlockingWait|Task\.InternalWaitCore|WaitOneNoCheck|EventPipe|DiagnosticServer")
PSEUDO = ("UNMANAGED_CODE_TIME", "CPU_TIME")


def is_frame(name):
    """Real frames are module!method; the exporter adds process, thread and CPU/native pseudo frames."""
    return "!" in name and not name.startswith("Process")


def is_waiting(stack):
    managed = [f for f in stack if is_frame(f)]
    if not managed:
        return False
    # The finalizer thread's wait shows as CPU time.
    return "GC.RunFinalizers" in managed[-1] or (stack[-1] != "CPU_TIME" and bool(WAIT.search(managed[-1])))


def display(name):
    return name.split("!", 1)[-1]


def stacks(profile, frames):
    """Yields (stack as a tuple of frame names, outermost first; weight in ms)."""
    if profile["type"] == "sampled":
        for sample, weight in zip(profile["samples"], profile["weights"]):
            yield tuple(frames[i] for i in sample), weight
        return
    stack, last = [], None
    for event in profile["events"]:
        if last is not None and stack and event["at"] > last:
            yield tuple(stack), event["at"] - last
        last = event["at"]
        if event["type"] == "O":
            stack.append(frames[event["frame"]])
        elif stack:
            stack.pop()


def short(name):
    name = re.sub(r"\(.*\)$", "", name)
    name = re.sub(r"\[[^\]]*\]", "", name)
    return name if len(name) <= 150 else name[:147] + "..."


def callers(data, frames, pattern, depth):
    wanted = re.compile(pattern)
    chains = Counter()
    busy = 0.0
    for profile in data["profiles"]:
        for stack, weight in stacks(profile, frames):
            if is_waiting(stack):
                continue
            busy += weight
            frames_only = [f for f in stack if is_frame(f)]
            hit = next((i for i in range(len(frames_only) - 1, -1, -1) if wanted.search(frames_only[i])), None)
            if hit is not None:
                chains[" <- ".join(display(f) for f in reversed(frames_only[max(0, hit - depth):hit + 1]))] += weight
    total = sum(chains.values())
    print(f"frames matching {pattern}: {100 * total / busy:.1f} % of busy time; callers, innermost first")
    for chain, weight in chains.most_common(30):
        print(f"{100 * weight / busy:6.1f} %  {chain}")


def main():
    path = sys.argv[1]
    if len(sys.argv) > 3 and sys.argv[2] == "--callers":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        frames = [short(f["name"]) for f in data["shared"]["frames"]]
        callers(data, frames, sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 4)
        return
    top_inclusive = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    top_exclusive = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    frames = [short(f["name"]) for f in data["shared"]["frames"]]
    inclusive, exclusive = Counter(), Counter()
    busy = idle = 0.0
    for profile in data["profiles"]:
        for stack, weight in stacks(profile, frames):
            if is_waiting(stack):
                idle += weight
                continue
            busy += weight
            frames_only = [f for f in stack if is_frame(f)]
            for name in set(frames_only):
                inclusive[name] += weight
            leaf = frames_only[-1] if frames_only else stack[-1]
            exclusive[leaf + (" (native)" if stack[-1] == "UNMANAGED_CODE_TIME" else "")] += weight
    print(f"busy thread time {busy / 1000:.1f} s, waiting {idle / 1000:.1f} s (dropped)")
    print(f"\nTop {top_inclusive} frames by inclusive share of busy time")
    for name, weight in inclusive.most_common(top_inclusive):
        print(f"{100 * weight / busy:6.1f} %  {display(name)}")
    print(f"\nTop {top_exclusive} frames by exclusive share of busy time")
    for name, weight in exclusive.most_common(top_exclusive):
        print(f"{100 * weight / busy:6.1f} %  {display(name)}")


if __name__ == "__main__":
    main()
