"""Verdicts shared by the graders of learners' images: evidence checks that need the image
built (and say why when it is not), the image builds, it runs as non-root, and the
service answered at all. Evidence keys: ``problem`` (the artifact could not be read),
``build`` (``ok``, ``error``, ``user``), ``ready``, ``health`` (``status``), ``logs``,
``down`` (why the container could not be probed) and ``uids`` (running processes)."""

from __future__ import annotations

from academy.grading.checks import Evidence, EvidenceCheck, Verdict
from academy.lab.dockerfile import is_root


class ImageCheck(EvidenceCheck):
    """An evidence check that needs the learner's image built."""

    def no_image(self, evidence: Evidence) -> Verdict | None:
        """A failing verdict when there is no image to judge, else None."""
        if "problem" in evidence:
            return Verdict(False, evidence["problem"])
        build = evidence.get("build") or {}
        if not build.get("ok"):
            return Verdict(False, f"the image did not build: {str(build.get('error'))[:300]}")
        return None


class Builds(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        return self.no_image(evidence) or Verdict(True, self.title)


class NonRoot(ImageCheck):
    """The image's final USER is not root and no running process has uid 0."""

    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        if is_root(evidence["build"].get("user", "")):
            return Verdict(False, "the image runs as root: its final stage sets no USER, or "
                                  "sets root")
        if 0 in (evidence.get("uids") or []):
            return Verdict(False, "a process in the container runs as uid 0 (root)")
        return Verdict(True, self.title)


def not_answering(evidence: Evidence, port: int, seconds: float) -> Verdict | None:
    """A failing verdict when the service never answered HTTP, with its last log line."""
    health = evidence.get("health") or {}
    if evidence.get("ready") and health.get("status") is not None:
        return None
    logs = (evidence.get("logs") or "").strip().splitlines()
    tail = f" (its last log line: {logs[-1][:200]})" if logs else ""
    if evidence.get("down"):
        return Verdict(False, f"{evidence['down']}{tail}")
    return Verdict(False, f"nothing answered HTTP on port {port} within {seconds:g} s of "
                          f"starting the container{tail}")
