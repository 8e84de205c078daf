"""The lab with the real engine: a learner's build is offline (no registry, no index but
the wheelhouse), the service runs with no network and is probed from outside, and the lab
leaves nothing behind — no container, no image, no intermediate layer."""

from __future__ import annotations

import pytest

from academy.lab.provider import LabProvider

from ..conftest import ROOT

pytestmark = [pytest.mark.docker, pytest.mark.slow]

SERVER = b'''
import http.server, json, os, socket
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            socket.create_connection(("1.1.1.1", 53), timeout=1).close()
            net = "reachable"
        except OSError:
            net = "unreachable"
        body = json.dumps({"uid": os.getuid(), "net": net}).encode()
        self.send_response(200); self.end_headers(); self.wfile.write(body)
http.server.HTTPServer(("0.0.0.0", 8000), H).serve_forever()
'''


def test_build_serve_run_and_leave_nothing_behind():
    provider = LabProvider.discover(ROOT)
    client = provider.client
    with provider.open() as lab:
        fetch = lab.build({"Dockerfile": b"FROM python:3.11-slim\n"
                           b"RUN pip download --no-deps --index-url https://pypi.org/simple "
                           b"--no-index six==1.16.0 || echo offline\n"
                           b"RUN python -c \"import urllib.request as u; "
                           b"u.urlopen('https://pypi.org', timeout=3)\"\n"})
        assert not fetch.ok, "a build step reached the internet"
        build = lab.build({"Dockerfile": b"FROM python:3.11-slim\n"
                           b"RUN pip install --no-cache-dir numpy==2.4.6\n"
                           b"COPY server.py /srv/server.py\nUSER 4242\n"
                           b"CMD [\"python3\", \"/srv/server.py\"]\n", "server.py": SERVER})
        assert build.ok, build.error
        assert build.user == "4242" and build.size_mb and build.layers
        with lab.serve(build.image, port=8000, ready_path="/") as service:
            assert service.ready
            answer = service.request("GET", "/").json()
            assert answer == {"uid": 4242, "net": "unreachable"}
            assert set(service.process_uids()) == {4242}
        done = lab.run(build.image, ["-c", "import numpy; print(numpy.__version__)"],
                       entrypoint=["python3"])
        assert done.exit_code == 0 and done.output.strip() == "2.4.6"
        stuck = lab.run(build.image, ["-c", "import time; time.sleep(60)"],
                        entrypoint=["python3"], timeout=2)
        assert stuck.timed_out and stuck.exit_code is None
        run_id = lab.run_id
        layers = [layer["id"] for layer in build.layers if layer["id"].startswith("sha256:")]
        base = client.images.get(lab.standin).id
    import docker.errors

    assert client.containers.list(all=True, filters={"label": f"academy.lab={run_id}"}) == []
    for layer in layers:
        if layer == base:
            continue
        ancestors = {h.get("Id") for h in client.images.get(lab.standin).history()}
        if layer in ancestors:
            continue
        with pytest.raises(docker.errors.ImageNotFound):
            client.images.get(layer)


def test_a_from_outside_the_offer_is_refused_with_a_reason():
    with LabProvider.discover(ROOT).open() as lab:
        for text in (b"FROM ubuntu:24.04\n", b"ARG B=academy/debian-base:bookworm\nFROM $B\n"):
            result = lab.build({"Dockerfile": text})
            assert not result.ok and "the grader builds offline" in (result.error or "")


def test_a_service_that_dies_or_cannot_start_is_a_finding_not_a_crash():
    with LabProvider.discover(ROOT).open() as lab:
        build = lab.build({"Dockerfile": b"FROM python:3.11-slim\n"
                           b"CMD [\"python3\", \"-c\", \"raise SystemExit('no model')\"]\n"})
        assert build.ok, build.error
        with lab.serve(build.image, port=8000, ready_timeout=20) as service:
            assert not service.ready
            assert service.problem
            assert "exited" in service.problem or "stopped" in service.problem
            [answer] = service.requests([{"path": "/health"}])
            assert answer.status is None and answer.error
            assert "no model" in service.logs()
        with lab.serve(build.image, port=8000, user="nobody-here", ready_timeout=5) as service:
            assert not service.ready
            assert "did not start" in (service.problem or "")
