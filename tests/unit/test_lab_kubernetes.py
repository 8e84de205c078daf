"""The manifest reader shared by the Kubernetes graders: every way the sandbox's answer can
fall short becomes one readable problem, and good YAML becomes objects with their sources."""

from __future__ import annotations

from academy.grading.checks import Answer
from academy.lab import kubernetes as k8s

FOLDER = "data/k8s/"
SERVICE = """\
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8000}]}
"""


def test_objects_come_with_their_file_and_document_number():
    answer = Answer({FOLDER: "", f"{FOLDER}service.yaml": "---\n" + SERVICE + "---\n" + SERVICE})
    manifests = k8s.manifests_from_answer(answer, FOLDER)
    assert manifests.problems == []
    assert [o["kind"] for o in manifests.objects] == ["Service", "Service"]
    assert manifests.sources == [f"{FOLDER}service.yaml#1", f"{FOLDER}service.yaml#2"]


def test_a_failed_call_is_a_problem_not_an_exception():
    manifests = k8s.manifests_from_answer(Answer(error="NameError: x"), FOLDER)
    assert manifests.objects == [] and len(manifests.problems) == 1


def test_a_missing_folder_and_an_empty_folder_are_named():
    missing = k8s.manifests_from_answer(Answer({FOLDER: None}), FOLDER)
    assert missing.problems == [f"the folder {FOLDER} does not exist"]
    empty = k8s.manifests_from_answer(Answer({FOLDER: "", f"{FOLDER}notes.txt": "hi"}), FOLDER)
    assert empty.problems == [f"there are no .yaml files in {FOLDER}"]


def test_broken_yaml_names_the_file_and_line():
    answer = Answer({FOLDER: "", f"{FOLDER}bad.yaml": "kind: Service\nmetadata: {name: [\n"})
    [problem] = k8s.manifests_from_answer(answer, FOLDER).problems
    assert problem.startswith(f"{FOLDER}bad.yaml is not valid YAML at line")
