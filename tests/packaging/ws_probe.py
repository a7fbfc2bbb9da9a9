#!/usr/bin/env python3
"""Minimal WebSocket client (standard library only) that checks a PromptCraft engine answers.

    ws_probe.py HOST PORT [--chat]

Opens ws://HOST:PORT/ws/chat/<session>/ with a raw RFC 6455 handshake, waits for `connection_ack`,
sends `ping` and waits for `pong`; with --chat it also sends a `chat_message` and waits for the
stored answer (`message` replying to it: with no provider configured its status is `offline`).
Prints what it received; exits 0 on success, 1 with a reason otherwise.
"""
import base64
import hashlib
import json
import os
import socket
import struct
import sys
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
DEADLINE_S = 15.0


def fail(reason):
    print(f"ws_probe: FAIL: {reason}", file=sys.stderr)
    sys.exit(1)


class Conn:
    def __init__(self, host, port, path):
        self.sock = socket.create_connection((host, port), timeout=DEADLINE_S)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                fail(f"connection closed during the handshake; got {self.buf!r}")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        if not lines[0].startswith("HTTP/1.1 101"):
            fail(f"expected 101 Switching Protocols, got {lines[0]!r}")
        headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:] if ":" in l)}
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != accept:
            fail("wrong Sec-WebSocket-Accept")

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                fail("connection closed by the engine")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def recv_json(self):
        """Next text message as a dict (control frames are handled; fragments are joined)."""
        payload = b""
        while True:
            b0, b1 = self._read(2)
            opcode, fin, length = b0 & 0x0F, b0 & 0x80, b1 & 0x7F
            if length == 126:
                (length,) = struct.unpack(">H", self._read(2))
            elif length == 127:
                (length,) = struct.unpack(">Q", self._read(8))
            data = self._read(length)  # server frames are not masked
            if opcode == 0x8:
                code = struct.unpack(">H", data[:2])[0] if len(data) >= 2 else None
                fail(f"engine closed the connection (code {code}, reason {data[2:]!r})")
            if opcode == 0x9:
                self._send(0xA, data)
                continue
            if opcode == 0xA:
                continue
            payload += data
            if fin:
                return json.loads(payload.decode("utf-8"))

    def _send(self, opcode, data):
        mask = os.urandom(4)
        n = len(data)
        header = bytes([0x80 | opcode])
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def send_json(self, obj):
        self._send(0x1, json.dumps(obj).encode("utf-8"))

    def wait_for(self, predicate, what):
        end = time.monotonic() + DEADLINE_S
        while time.monotonic() < end:
            self.sock.settimeout(max(0.1, end - time.monotonic()))
            try:
                msg = self.recv_json()
            except socket.timeout:
                break
            print(f"ws_probe: received {json.dumps(msg)[:300]}")
            if predicate(msg):
                return msg
            if msg.get("type") == "error":
                fail(f"engine sent an error while waiting for {what}")
        fail(f"no {what} within {DEADLINE_S:.0f} s")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    host, port = sys.argv[1], int(sys.argv[2])
    chat = "--chat" in sys.argv[3:]
    session = f"packaging_probe_{int(time.time() * 1000)}"
    conn = Conn(host, port, f"/ws/chat/{session}/")
    ack = conn.wait_for(lambda m: m.get("type") == "connection_ack", "connection_ack")
    if ack.get("session_id") != session:
        fail(f"connection_ack names session {ack.get('session_id')!r}, expected {session!r}")
    conn.send_json({"type": "ping"})
    conn.wait_for(lambda m: m.get("type") == "pong", "pong")
    if chat:
        conn.send_json({"type": "chat_message", "message_id": "probe-1", "content": "Hello from the packaging test"})
        answer = conn.wait_for(lambda m: m.get("type") == "message" and m.get("reply_to") == "probe-1",
                               "answer to chat_message")
        if not answer.get("content"):
            fail("the answer has no content")
    conn._send(0x8, struct.pack(">H", 1000))
    print("ws_probe: OK")


if __name__ == "__main__":
    main()
