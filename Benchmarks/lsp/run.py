#!/usr/bin/env python3
"""Measures how long `lumen lsp` takes to check a draft again after a keystroke.

Usage: run.py [--lumen PATH] [--draft FILE] [--edits N]

Starts the server, opens the draft, then N times: changes one character of the
text (a digit in a comment at its end, so the draft stays valid) and asks for a
hover at once, which makes the server analyse the new text before answering
(without waiting for the input to pause). The time from sending the change to
the hover's reply is the re-check's latency: the draft, the drafts beside it
and the standard library (kept parsed) checked, and the diagnostics published.
Prints the median and the 90th percentile.
"""
import argparse, json, os, statistics, subprocess, time

def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

def read_message(stream):
    length = None
    while True:
        line = stream.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))

def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser()
    parser.add_argument("--lumen", default=os.path.join(root, ".build", "release", "lumen"))
    parser.add_argument("--draft", default=os.path.join(root, "Examples", "climate", "city-energy.lumen"))
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    path = os.path.abspath(args.draft)
    uri = "file://" + path
    text = open(path, encoding="utf-8").read()
    server = subprocess.Popen([args.lumen, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    def send(message):
        server.stdin.write(frame(message))
        server.stdin.flush()
    def until_reply(number):
        while True:
            message = read_message(server.stdout)
            if message.get("id") == number:
                return message
    send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}})
    until_reply(0)
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "lumen", "version": 0, "text": text}}})
    hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": hover})
    until_reply(1)  # the first analysis parses the standard library
    times = []
    for edit in range(1, args.edits + 1):
        changed = text + f"# edit {edit % 10}\n"
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": edit}, "contentChanges": [{"text": changed}]}})
        send({"jsonrpc": "2.0", "id": edit + 1, "method": "textDocument/hover", "params": hover})
        until_reply(edit + 1)
        times.append((time.perf_counter() - start) * 1000)
    send({"jsonrpc": "2.0", "id": 10_000, "method": "shutdown"})
    until_reply(10_000)
    send({"jsonrpc": "2.0", "method": "exit"})
    server.wait()
    times.sort()
    print(f"{os.path.basename(path)}: {args.edits} edits, re-check after a change: "
          f"median {statistics.median(times):.1f} ms, 90th percentile {times[int(len(times) * 0.9) - 1]:.1f} ms")

if __name__ == "__main__":
    main()
