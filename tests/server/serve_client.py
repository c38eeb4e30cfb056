"""Helpers for the `vigie serve` tests: start a server on 127.0.0.1 port 0,
read the address it prints, send requests with urllib, stop it.

Only loopback addresses are ever contacted; every wait is bounded.
"""
import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request


class Server:
    def __init__(self, vigie, args, log_path, env=None, ready_timeout=60):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen([vigie, "serve", *args], stdout=subprocess.DEVNULL, stderr=self.log,
                                     env=env)
        deadline = time.time() + ready_timeout
        self.base = None
        while time.time() < deadline:
            with open(log_path) as f:
                m = re.search(r"listening on (http://127\.0\.0\.1:\d+/)", f.read())
            if m:
                self.base = m.group(1).rstrip("/")
                break
            if self.proc.poll() is not None:
                raise RuntimeError("vigie serve exited with %d: %s" % (self.proc.returncode, open(log_path).read()))
            time.sleep(0.05)
        if not self.base:
            self.stop()
            raise RuntimeError("vigie serve did not print its address within %ds" % ready_timeout)

    def url(self, path, params=None):
        q = "?" + urllib.parse.urlencode(params, doseq=True) if params else ""
        return self.base + path + q

    @staticmethod
    def _headers(msg):
        h = {k.lower(): v for k, v in msg.items()}
        h["content-security-policy-count"] = len(msg.get_all("Content-Security-Policy") or [])
        return h

    def request(self, path, params=None, method="GET", body=None, headers=None, timeout=120):
        """Returns (status, headers dict with lower-case names, body bytes)."""
        req = urllib.request.Request(self.url(path, params), data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, self._headers(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, self._headers(e.headers), e.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


class Checks:
    def __init__(self):
        self.fails = 0

    def ok(self, cond, what, detail=""):
        if cond:
            print("ok: " + what)
        else:
            self.fails += 1
            print("FAIL: " + what + (": " + detail if detail else ""))
        return cond

    def eq(self, got, want, what):
        return self.ok(got == want, what, "got %r, want %r" % (str(got)[:300], str(want)[:300]))

    def finish(self):
        if self.fails:
            print("%d check(s) failed" % self.fails)
            raise SystemExit(1)
        print("all checks passed")


def cli(vigie, *args, env=None):
    """Runs the CLI; returns (exit status, stdout bytes, stderr text)."""
    p = subprocess.run([vigie, *args], capture_output=True, env=env, timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def error_message(body):
    try:
        return json.loads(body)["error"]
    except (ValueError, KeyError, TypeError):
        return None
