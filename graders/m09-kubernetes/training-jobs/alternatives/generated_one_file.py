"""A correct solution written differently: both workloads generated from one Python function
and written with yaml.safe_dump_all into a single file, the environment shared through a
ConfigMap and envFrom, restartPolicy OnFailure, options written as --name=value, day names
in the schedule ("MON") with an explicit Etc/UTC time zone, a tighter retry budget, and a
non-root user."""

from pathlib import Path

import yaml

for old in Path("data/k8s").glob("*.yaml"):
    old.unlink()


def job_spec(data_version, ttl):
    return {
        "backoffLimit": 2,
        "activeDeadlineSeconds": 5400,
        "ttlSecondsAfterFinished": ttl,
        "template": {
            "metadata": {"labels": {"app.kubernetes.io/name": "churn-trainer"}},
            "spec": {
                "restartPolicy": "OnFailure",
                "securityContext": {"runAsNonRoot": True, "runAsUser": 1000, "runAsGroup": 1000},
                "containers": [{
                    "name": "train",
                    "image": "academy/churn-trainer:2.3.0",
                    "command": ["python3", "-m", "trainer.train"],
                    "args": [f"--data-version={data_version}", "--output-dir=/outputs"],
                    "envFrom": [{"configMapRef": {"name": "trainer-env"}}],
                    "resources": {"requests": {"cpu": "500m", "memory": "512Mi"},
                                  "limits": {"cpu": "1", "memory": "1Gi"}},
                    "securityContext": {"readOnlyRootFilesystem": True,
                                        "allowPrivilegeEscalation": False},
                    "volumeMounts": [{"name": "scratch", "mountPath": "/outputs"}],
                }],
                "volumes": [{"name": "scratch", "emptyDir": {"sizeLimit": "1Gi"}}],
            },
        },
    }


documents = [
    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "trainer-env"},
     "data": {"MLFLOW_TRACKING_URI": "http://mlflow.mlops.svc:5000",
              "MODEL_NAME": "churn-classifier"}},
    {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "train-churn"},
     "spec": job_spec("2024-06", 3600)},
    {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "retrain-churn"},
     "spec": {"schedule": "0 3 * * MON", "timeZone": "Etc/UTC",
              "concurrencyPolicy": "Forbid", "successfulJobsHistoryLimit": 1,
              "failedJobsHistoryLimit": 5,
              "jobTemplate": {"spec": job_spec("latest", 86400)}}},
]
Path("data/k8s/training.yml").write_text(yaml.safe_dump_all(documents, sort_keys=False))
