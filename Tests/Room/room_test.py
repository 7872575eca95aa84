#!/usr/bin/env python3
"""The hosted room, tried as people meet it: the facilitator's terminal in tmux (the shared
screen), three participants in headless Chromium at phone width and one in a terminal
(`groundwork group join`), through a whole 1-2-4-All with private writing, a reveal and a dot
vote, with the host killed (-9) and resumed halfway. Beside it: security checks over raw HTTP and
WebSocket (codes, tokens, other people's private answers, oversized and flooding clients, HTML
and escape-code injection).

Usage: Tests/Room/room_test.py [path/to/groundwork]   (make room-test; part of make test)
Needs tmux, chromium, chromium-driver and the PyPI packages selenium and websockets.
"""
import asyncio, json, os, re, shutil, struct, subprocess, sys, tempfile, time, urllib.error, urllib.parse, urllib.request

import websockets
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, ".build", "debug", "groundwork"))
WORK = tempfile.mkdtemp(prefix="groundwork-room-test-")
ENV = dict(os.environ, XDG_DATA_HOME=os.path.join(WORK, "data"), XDG_CACHE_HOME=os.path.join(WORK, "cache"),
           XDG_CONFIG_HOME=os.path.join(WORK, "config"), NO_COLOR="", TERM="xterm-256color")
TMUX = ["tmux", "-L", "groundwork-room-test"]
SHOTS = os.path.join(WORK, "screenshots")
failures = []
checks = 0


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        failures.append(what)
        print("FAIL", what, flush=True)


def wait(predicate, what, seconds=10.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    check(False, "timed out: " + what)
    return None


# The shared screen ---------------------------------------------------------------------------

def tmux(*args):
    return subprocess.run(TMUX + list(args), capture_output=True, text=True, env=ENV)


def start_terminal(session, command):
    shell = " ".join(f"'{part}'" for part in command)
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", f"exec {shell}")
    # What a finished program printed stays readable.
    tmux("set-option", "-t", session, "remain-on-exit", "on")


def screen(session, escapes=False):
    args = ["capture-pane", "-p", "-J", "-S", "-2000", "-t", session] + (["-e"] if escapes else [])
    return tmux(*args).stdout


def type_into(session, line):
    tmux("send-keys", "-t", session, "-l", line)
    tmux("send-keys", "-t", session, "Enter")


def pane_pid(session):
    return int(tmux("list-panes", "-t", session, "-F", "#{pane_pid}").stdout.split()[0])


def host(session, *extra):
    start_terminal(session, [BINARY, "group", *extra])
    found = wait(lambda: re.search(r"open (http://127\.0\.0\.1:(\d+)/)\?code=([A-Z0-9]{6})", screen(session)), "the room opens")
    return found.group(1), int(found.group(2)), found.group(3)


# Browsers ------------------------------------------------------------------------------------

def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=360,800",
                 "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_window_size(360, 800)
    return driver


def join(driver, url, code, name):
    driver.get(f"{url}?code={code}")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "join").click()
    wait(lambda: driver.find_elements(By.ID, "me"), f"{name} reaches their page")
    wait(lambda: "connected" in driver.find_element(By.ID, "link").text, f"{name}'s page connects")


def page_status(driver):
    try:
        return driver.find_element(By.TAG_NAME, "body").get_attribute("data-status")
    except Exception:
        return None


def page_step(driver):
    try:
        return driver.find_element(By.TAG_NAME, "body").get_attribute("data-step")
    except Exception:
        return None


def note_text(driver):
    try:
        return driver.find_element(By.ID, "note").text
    except Exception:
        return ""


def at(driver, step, status="answering"):
    return wait(lambda: page_step(driver) == step and page_status(driver) == status and
                "connected" in driver.find_element(By.ID, "link").text, f"a page at {step}/{status}")


def write(driver, text):
    field = driver.find_element(By.ID, "text")
    field.clear()
    field.send_keys(text)
    driver.find_element(By.ID, "send").click()


def vote(driver, dots):
    for option, count in dots.items():
        field = driver.find_element(By.NAME, f"dot-{option}")
        field.clear()
        field.send_keys(str(count))
    driver.find_element(By.ID, "send").click()


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, name + ".png")
    driver.save_screenshot(path)
    with open(path, "rb") as png:
        head = png.read(24)
    width = struct.unpack(">I", head[16:20])[0]
    check(head[:8] == b"\x89PNG\r\n\x1a\n" and width == 360, f"{name}: a 360-pixel-wide screenshot (got {width})")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    check(overflow <= 0, f"{name}: nothing wider than a 360-pixel phone (overflow {overflow}px)")


# Plain HTTP and WebSocket clients --------------------------------------------------------------

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(url, data=None, cookie=None):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode() if data is not None else None)
    if cookie:
        request.add_header("Cookie", f"groundwork-room={cookie}")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def cookie_of(driver):
    return driver.get_cookie("groundwork-room")["value"]


async def socket_exchange(port, messages, cookie=None, listen=1.0):
    """Sends messages on one socket; returns everything received within `listen` seconds after."""
    headers = {"Cookie": f"groundwork-room={cookie}"} if cookie else {}
    received = []
    async with websockets.connect(f"ws://127.0.0.1:{port}/live", additional_headers=headers, max_size=None) as ws:
        for message in messages:
            await ws.send(message if isinstance(message, str) else json.dumps(message))
        try:
            while True:
                received.append(json.loads(await asyncio.wait_for(ws.recv(), listen)))
        except (asyncio.TimeoutError, websockets.ConnectionClosed):
            pass
    return received


async def cut_off(port, cookie, messages):
    """Whether the server closes a socket that sends `messages`."""
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/live", additional_headers={"Cookie": f"groundwork-room={cookie}"},
                                      max_size=None) as ws:
            for message in messages:
                await ws.send(message)
            for _ in range(200):
                await asyncio.wait_for(ws.recv(), 3)
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else -1
    except asyncio.TimeoutError:
        return None
    return None


def run(coroutine):
    return asyncio.run(coroutine)


# The whole exercise ----------------------------------------------------------------------------

def main():
    url, port, code = host("host", "one-two-four-all", "--host", "--address", "127.0.0.1:0", "--facilitator", "fay")
    check("Plain HTTP" in screen("host"), "the shared screen says the room is plain HTTP")

    # Security before anyone joins.
    status, body, _ = http(url + "join", {"code": "WRONG9", "name": "mallory"})
    check(status == 403 and "does not open this room" in body, "a wrong code is refused")
    status, _, headers = http(url + "room")
    check(status == 303 and headers.get("Location", "").endswith("/"), "no token: the room page sends you to join")
    check(http(url + "words.md")[0] == 403, "no token: nobody's words")
    check(http(url + "answer", {"text": "sneaky"})[0] == 403, "no token: no answer")
    check(http(url + "room", cookie="f" * 64)[0] == 303, "a forged token opens nothing")
    got = run(socket_exchange(port, [{"type": "answer", "id": "x", "text": "hi"}, {"type": "hello", "token": "0" * 64},
                                     {"type": "join", "code": "WRONG9", "name": "mallory"}]))
    check([m.get("text") for m in got] == ["Please join the room first.", "Please join the room again.",
                                          "that code does not open this room; check the code on the shared screen"],
          f"a socket without a token is refused everything ({got})")
    _, headers = http(url)[0], http(url)[2]
    check("frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), "pages refuse to be framed")

    drivers = {name: browser() for name in ["ana", "ben", "chi"]}
    for name, driver in drivers.items():
        join(driver, url, code, name)
    check(http(url + "join", {"code": code, "name": "ANA"})[0] == 403, "a name already in the room is refused")
    start_terminal("dee", [BINARY, "group", "join", f"127.0.0.1:{port}", "--code", code, "--name", "dee"])
    wait(lambda: "You are in the room as dee" in screen("dee"), "dee joins from a terminal")
    wait(lambda: "4 joined" in screen("host"), "the shared screen counts four")
    shot(drivers["ana"], "01-waiting")

    type_into("host", "/start")
    wait(lambda: "Step 1 of 8" in screen("host"), "the exercise starts")
    type_into("host", "how do we get our fridays back")
    for driver in drivers.values():
        at(driver, "alone")
    shot(drivers["ben"], "02-private-writing")
    check("Private" in drivers["ben"].page_source, "a private step says so on the page")

    secrets = {"ana": "ana-secret no standup on fridays", "ben": "<img src=x onerror=alert(1)> ben-secret",
               "chi": "\x1b[31mred\x1b[0m chi-secret"}
    ben_cookie = cookie_of(drivers["ben"])

    async def ben_listens():
        return await socket_exchange(port, [], cookie=ben_cookie, listen=4.0)

    # Ben's socket listens while the others write: nothing of theirs may reach him.
    import threading
    heard_by_ben = []
    listener = threading.Thread(target=lambda: heard_by_ben.extend(run(ben_listens())))
    listener.start()
    time.sleep(0.3)
    submitted = time.time()
    write(drivers["ana"], secrets["ana"])
    wait(lambda: "1 of 4 answered" in screen("host"), "the shared screen shows progress at once", 3)
    shown_after = time.time() - submitted
    check(shown_after < 1.5, f"progress reached the shared screen in {shown_after:.2f}s")
    write(drivers["chi"], secrets["chi"])
    type_into("dee", "dee-secret fewer meetings")
    wait(lambda: "3 of 4 answered" in screen("host"), "three have written")
    check("ana-secret" not in screen("host") and "chi-secret" not in screen("host"), "no private answer on the shared screen before the reveal")
    listener.join()
    check(heard_by_ben and all("secret" not in json.dumps(m) for m in heard_by_ben),
          f"ben's socket heard {len(heard_by_ben)} messages and none holds anyone's private answer")
    check(all("secret" not in drivers[n].page_source for n in ["ben"]), "ben's page holds nobody's private answer")

    # A phone that sleeps: the draft is still there after a reload.
    field = drivers["ben"].find_element(By.ID, "text")
    field.send_keys("half-typed draft")
    drivers["ben"].refresh()
    at(drivers["ben"], "alone")
    check(drivers["ben"].find_element(By.ID, "text").get_attribute("value") == "half-typed draft", "a draft survives a reload")

    # A dropped socket: the same token reconnects and answers.
    got = run(socket_exchange(port, [{"type": "answer", "id": "r1", "text": secrets["ben"]}], cookie=ben_cookie))
    check(any(m.get("type") == "reply" and m.get("status") == "accepted" for m in got), f"a reconnected socket answers ({got[-1:]})")
    wait(lambda: "Step 3 of 8" in screen("host"), "everyone wrote: on to the pairs")

    # Oversized and flooding clients are cut off; the room goes on.
    code_big = run(cut_off(port, ben_cookie, ["x" * 40000]))
    check(code_big in (1009, 1002, -1), f"an oversized message closes that socket (code {code_big})")
    flood = [json.dumps({"type": "hello", "token": ben_cookie})] * 60
    code_flood = run(cut_off(port, ben_cookie, flood))
    check(code_flood == 1008, f"a flooding socket is cut off (code {code_flood})")

    # Pairs: ana & ben, chi & dee.
    for driver in drivers.values():
        at(driver, "pairs")
    shot(drivers["chi"], "03-pairs")
    check("with ben" in drivers["ana"].page_source, "ana's page names her pair")
    write(drivers["ana"], "pair one: written updates on friday")
    wait(lambda: "1 of 2 answered" in screen("host"), "one pair answered")
    at(drivers["ben"], "pairs", "answered")

    # The safety net: the crisis lines reach that person's page alone; the room pauses for the
    # facilitator; nobody's words are on the shared screen.
    write(drivers["chi"], "honestly i want to kill myself")
    note = wait(lambda: note_text(drivers["chi"]) if "emergency" in note_text(drivers["chi"]) else None, "the crisis lines on chi's page")
    check(note and "emergency" in note, "chi's page shows the crisis lines")
    wait(lambda: "safety net responded" in screen("host"), "the shared screen pauses for the facilitator")
    check("kill myself" not in screen("host"), "the words are not on the shared screen")
    at(drivers["ana"], "pairs", "paused")
    check("emergency" not in note_text(drivers["ana"]), "nobody else sees the crisis lines")
    type_into("host", "/pause")
    at(drivers["chi"], "pairs", "answering")

    # The host is killed mid-exercise and resumed; acknowledged answers are kept.
    os.kill(pane_pid("host"), 9)
    wait(lambda: "reconnecting" in drivers["chi"].find_element(By.ID, "link").text, "pages notice the host is gone")
    tmux("kill-session", "-t", "host")
    start_terminal("host2", [BINARY, "group", "--resume"])
    wait(lambda: "Opening the room again" in screen("host2"), "the room is resumed")
    wait(lambda: "connected" in drivers["chi"].find_element(By.ID, "link").text, "pages reconnect with their tokens", 15)
    check(page_status(drivers["ana"]) == "answered", "ana's pair answer survived the kill")
    wait(lambda: "Connection lost" in screen("dee"), "the terminal participant noticed the drop")
    check("You are with chi for this step" in screen("dee"), "the terminal names dee's pair")
    # The safety net from a terminal: the crisis lines once (they come as the reply and as a
    # private message), the room paused for the facilitator, then the same turn goes on.
    type_into("dee", "i have the pills counted out for tonight")
    wait(lambda: "safety net responded" in screen("host2"), "a terminal's answer pauses the room too")
    wait(lambda: "emergency number" in screen("dee"), "the crisis lines in dee's terminal")
    time.sleep(1)
    check(screen("dee").count("emergency number") == 1, f"the crisis lines shown once in the terminal ({screen('dee').count('emergency number')})")
    check("pills" not in screen("host2"), "the terminal's words are not on the shared screen")
    type_into("host2", "/pause")
    wait(lambda: "Going on" in screen("host2"), "the room goes on")
    type_into("dee", "pair two: no meetings after three")
    wait(lambda: "Step 4 of 8" in screen("host2"), "the pairs are done after the resume")

    # Fours (one four), the reveal, the dot vote.
    at(drivers["chi"], "fours")
    write(drivers["chi"], "fridays for deep work")
    for driver in drivers.values():
        at(driver, "dots")
    shot(drivers["ana"], "04-dot-vote")
    ballot = drivers["ana"].find_elements(By.CSS_SELECTOR, ".dots label.option")
    labels = [label.text for label in ballot]
    check(len(labels) == 4, f"the ballot holds the four private ideas ({labels})")
    check(any("<img src=x onerror=alert(1)>" in label for label in labels), "injected HTML shows as text on the page")
    check(not drivers["ana"].find_elements(By.CSS_SELECTOR, "label img"), "injected HTML makes no element")
    check(all(name not in " ".join(labels) for name in ["ana:", "ben:", "chi:", "dee:"]), "the ballot names nobody")
    host_screen = screen("host2", escapes=True)
    check("chi-secret" in host_screen and "\x1b[31mred" not in host_screen, "escape codes in an answer are inert on the shared screen")
    for name, dots in [("ana", {1: 1, 2: 1}), ("ben", {2: 2}), ("chi", {3: 1})]:
        vote(drivers[name], dots)
    check("3 of 4 answered" in wait(lambda: screen("host2") if "3 of 4 answered" in screen("host2") else None, "votes counted") or "",
          "three votes counted")
    type_into("dee", "1 4")
    wait(lambda: "Step 7 of 8" in screen("host2"), "the vote ends")
    type_into("host2", "deep work fridays")
    wait(lambda: "Step 8 of 8" in screen("host2"), "the next step")
    type_into("host2", "fay books the fridays from next week")
    wait(lambda: "The summary is saved in" in screen("host2"), "the exercise ends with its summary saved")
    at(drivers["ana"], "", "ended")
    shot(drivers["ana"], "05-ended")

    status, body, headers = http(url + "words.md", cookie=cookie_of(drivers["ana"]))
    check(status == 200 and "ana-secret" in body and "ben-secret" not in body, "ana takes home her own words and nobody else's")
    check("attachment" in headers.get("Content-Disposition", ""), "the words come as a download")
    type_into("host2", "")
    wait(lambda: "room is closed" in screen("host2"), "Enter closes the room")
    time.sleep(0.5)
    try:
        http(url)
        stopped = False
    except Exception:
        stopped = True
    check(stopped, "the server stops when the facilitator closes the ended room")
    groups = os.path.join(ENV["XDG_DATA_HOME"], "groundwork", "groups")
    saved = [json.load(open(os.path.join(groups, f))) for f in os.listdir(groups) if f.endswith(".json")]
    check(len(saved) == 1, "one group file")
    raw = [c["raw"] for c in saved[0]["state"]["contributions"]]
    for text in ["ana-secret", "ben-secret", "chi-secret", "dee-secret", "pair one", "pair two", "fridays for deep work"]:
        check(any(text in r for r in raw), f"'{text}' is stored")
    votes = [c for c in saved[0]["state"]["contributions"] if c["stepID"] == "dots"]
    check(len(votes) == 4, f"every vote is stored ({len(votes)})")
    mode = os.stat(os.path.join(groups, os.listdir(groups)[0])).st_mode & 0o777
    check(mode == 0o600, f"the group file is private ({oct(mode)})")

    for driver in drivers.values():
        driver.quit()


if __name__ == "__main__":
    started = time.time()
    try:
        main()
    finally:
        tmux("kill-server")
    print(f"room test: {checks - len(failures)} of {checks} checks passed in {time.time() - started:.0f}s; screenshots in {SHOTS}")
    sys.exit(1 if failures else 0)
