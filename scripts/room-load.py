#!/usr/bin/env python3
"""Load on a hosted room, on loopback: PARTICIPANTS people connected, all writing at once, then
pairs and fours, then all dot-voting at once. The facilitator's terminal runs in a pseudo-terminal
this script reads; the latency of an answer is from the moment its participant sends it to the
moment the shared screen first shows a count that includes it ("k of N answered": the k-th answer
the room took is matched to the k-th acknowledgement). Every contribution must be stored.

Usage: scripts/room-load.py path/to/groundwork [participants]   (make bench runs it)
Prints TSV rows: figure, value, target, verdict. Needs the PyPI package websockets.
"""
import asyncio, json, os, pty, re, select, shutil, signal, subprocess, sys, tempfile, termios, threading, time, fcntl, struct

import websockets

BINARY = os.path.abspath(sys.argv[1])
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 50
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix="groundwork-room-load-")
DEADLINE = time.monotonic() + 120


def rows(*items):
    for item in items:
        print("\t".join(item), flush=True)


# The exercise, allowed a room of COUNT: a copy of the bundled scripts with 1-2-4-All's limit raised.
dialogues = os.path.join(WORK, "dialogues")
shutil.copytree(os.path.join(REPO, "dialogues"), dialogues)
exercise = os.path.join(dialogues, "group", "one-two-four-all.yaml")
text = open(exercise).read().replace("participants: {min: 3, max: 12}", f"participants: {{min: 3, max: {COUNT + 2}}}")
open(exercise, "w").write(text)

# The room's files go where this script looks for them, whatever the caller's GROUNDWORK_HOME.
env = {k: v for k, v in os.environ.items() if k != "GROUNDWORK_HOME"}
env = dict(env, XDG_DATA_HOME=os.path.join(WORK, "data"), XDG_CACHE_HOME=os.path.join(WORK, "cache"),
           XDG_CONFIG_HOME=os.path.join(WORK, "config"), TERM="xterm-256color", NO_COLOR="1")
pid, fd = pty.fork()
if pid == 0:
    os.execve(BINARY, [BINARY, "group", "one-two-four-all", "--host", "--address", "127.0.0.1:0", "--facilitator", "fay",
                       "--dialogues", dialogues, "--prompts", os.path.join(REPO, "prompts")], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))

screen = []  # (time, text)
acknowledged = []  # ms from a send to its acknowledgement, every round
lock = threading.Lock()


def read_screen():
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        now = time.monotonic()
        with lock:
            screen.append((now, chunk.decode("utf-8", "replace")))


threading.Thread(target=read_screen, daemon=True).start()


def all_text():
    with lock:
        return "".join(text for _, text in screen)


def wait_for(pattern, seconds=30):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = re.search(pattern, all_text())
        if found:
            return found
        time.sleep(0.01)
    raise SystemExit(f"room-load: the shared screen never showed {pattern!r}; it showed: {all_text()[-600:]!r}")


def first_times(step_marker):
    """When the shared screen first showed each count 'k of N answered' after `step_marker`."""
    with lock:
        chunks = list(screen)
    seen, times, started = "", {}, False
    for at, text in chunks:
        seen += text
        if not started:
            index = seen.find(step_marker)
            if index < 0:
                continue
            started, seen = True, seen[index:]
        for match in re.finditer(r"\((\d+) of (\d+) answered\.\)", seen):
            times.setdefault(int(match.group(1)), at)
    return times


def type_line(line):
    os.write(fd, line.encode() + b"\r")


async def main():
    found = wait_for(r"open http://127\.0\.0\.1:(\d+)/\?code=([A-Z0-9]{6})")
    port, code = int(found.group(1)), found.group(2)
    sockets, names = [], [f"p{n:02d}" for n in range(COUNT)]
    for name in names:
        ws = await websockets.connect(f"ws://127.0.0.1:{port}/live", max_size=None)
        await ws.send(json.dumps({"type": "join", "code": code, "name": name}))
        sockets.append(ws)
    wait_for(rf"{COUNT} joined")
    readers, units = {}, {}

    async def drain(index, ws):
        """Each client's incoming messages; replies are recorded with their arrival time, and the
        latest view's step and unit (who answers with whom)."""
        try:
            async for raw in ws:
                message = json.loads(raw)
                if message.get("type") == "reply":
                    readers.setdefault(index, []).append((time.monotonic(), message))
                elif message.get("type") == "view":
                    group = message["view"]["group"]
                    units[index] = (group["stepID"], tuple(group.get("unit", [])))
        except websockets.ConnectionClosed:
            pass

    tasks = [asyncio.create_task(drain(i, ws)) for i, ws in enumerate(sockets)]
    type_line("/start")
    wait_for(r"Step 1 of \d+: The question")
    type_line("how could this room do better")
    wait_for(r"Step 2 of \d+: On your own")

    async def round_of(indices, make_text, marker, next_marker):
        readers.clear()
        sent = {}
        await asyncio.sleep(0.2)
        async def send(i):
            sent[i] = time.monotonic()
            await sockets[i].send(json.dumps({"type": "answer", "id": f"{marker}-{i}", "text": make_text(i)}))
        await asyncio.gather(*(send(i) for i in indices))
        print(f"room-load: {marker}: sends took {(max(sent.values()) - min(sent.values())) * 1000:.1f} ms", file=sys.stderr)
        try:
            wait_for(next_marker, 20)
        except SystemExit:
            refused = [message for got in readers.values() for _, message in got if message.get("status") != "accepted"]
            print(f"room-load: stuck in {marker}: {len(readers)} replied; refused: {refused[:3]}", file=sys.stderr)
            raise
        await asyncio.sleep(0.2)
        acks = sorted((at, i) for i, got in readers.items() for at, message in got if message.get("status") == "accepted")
        refused = [message for got in readers.values() for _, message in got if message.get("status") != "accepted"]
        if refused:
            print(f"room-load: {marker}: {len(refused)} answers refused: {refused[:3]}", file=sys.stderr)
        shown = first_times(marker)
        latencies = []
        for k, (_, i) in enumerate(acks, start=1):
            if k in shown:
                latencies.append((shown[k] - sent[i]) * 1000)
        acknowledged.extend((at - sent[i]) * 1000 for at, i in acks)
        return len(acks), sorted(latencies)

    everyone = list(range(COUNT))
    took, writes = await round_of(everyone, lambda i: f"idea {i}: more time for thinking, fewer status meetings",
                                  "On your own", r"Step 3 of \d+: In pairs")
    async def leaders(step):
        """One member of each unit of `step` (the room pairs people in the order they joined)."""
        end = time.monotonic() + 20
        while time.monotonic() < end and not all(units.get(i, ("",))[0] == step for i in everyone):
            await asyncio.sleep(0.02)
        first = {}
        for i in everyone:
            first.setdefault(units[i][1], i)
        return sorted(first.values())

    await round_of(await leaders("pairs"), lambda i: f"pair of {i}: write things down", "In pairs", r"Step 4 of \d+: In fours")
    four_leaders = await leaders("fours")
    await round_of(four_leaders, lambda i: f"four of {i}: fewer meetings", "In fours", r"Step 6 of \d+: Dot vote")
    voted, votes = await round_of(everyone, lambda i: f"{i % COUNT + 1} {(i * 7) % COUNT + 1}", "Dot vote", r"Step 7 of \d+")
    type_line("/end")
    wait_for(r"summary is saved")
    type_line("")
    for task in tasks:
        task.cancel()
    for ws in sockets:
        await ws.close()
    return took, writes, voted, votes, len(four_leaders)


def percentile(values, p):
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[index]


try:
    took, writes, voted, votes, fours = asyncio.run(main())
finally:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass

groups = os.path.join(WORK, "data", "groundwork", "groups")
saved = json.load(open(os.path.join(groups, [f for f in os.listdir(groups) if f.endswith(".json")][0])))
stored = saved["state"]["contributions"]
by_step = {step: sum(1 for c in stored if c["stepID"] == step) for step in ["alone", "pairs", "fours", "dots"]}
expected = {"alone": COUNT, "pairs": COUNT // 2, "fours": fours, "dots": COUNT}
both = writes + votes
p99 = percentile(sorted(both), 99)
rows(
    ("room: participants connected at once", str(COUNT), "50", "met" if COUNT >= 50 else "missed"),
    ("room: contributions stored (writes, pairs, fours, votes)",
     f"{by_step['alone']}/{expected['alone']}, {by_step['pairs']}/{expected['pairs']}, {by_step['fours']}/{expected['fours']}, {by_step['dots']}/{expected['dots']}",
     "all", "met" if by_step == expected else "missed"),
    ("room: submit to shared screen, all writing at once, p50 / p99", f"{percentile(writes, 50):.1f} / {percentile(writes, 99):.1f} ms", "", "—"),
    ("room: submit to shared screen, all voting at once, p50 / p99", f"{percentile(votes, 50):.1f} / {percentile(votes, 99):.1f} ms", "", "—"),
    ("room: submit to the participant's acknowledgement, every round, p50 / p99",
     f"{percentile(sorted(acknowledged), 50):.1f} / {percentile(sorted(acknowledged), 99):.1f} ms", "", "—"),
    ("room: submit to shared screen, p99 of both rounds", f"{p99:.1f} ms", "< 50 ms", "met" if p99 < 50 else "missed"),
)
shutil.rmtree(WORK, ignore_errors=True)
