"""A correct solution written differently: the manifests are built as Python dicts and
written with yaml.safe_dump, one file per object, with the ConfigMap keys named in lower
case (env[].valueFrom maps them to the variables), the port named "web", a pod-level
non-root user with a group, and the token in the Secret's stringData."""

from pathlib import Path

import yaml

for old in Path("data/k8s").glob("*.yaml"):
    old.unlink()

labels = {"app": "model-server", "component": "inference"}


def from_config(var, key):
    return {"name": var, "valueFrom": {"configMapKeyRef": {"name": "serving-config", "key": key}}}


objects = {
    "configmap": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "serving-config"},
                  "data": {"model-name": "churn-classifier", "threshold": "0.35",
                           "log-level": "info"}},
    "secret": {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "serving-token"},
               "type": "Opaque", "stringData": {"token": "dev-only-4f9c2a71"}},
    "deployment": {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "model-server"},
        "spec": {
            "selector": {"matchLabels": labels},
            "strategy": {"type": "RollingUpdate",
                         "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "securityContext": {"runAsUser": 2000, "runAsGroup": 2000,
                                        "runAsNonRoot": True},
                    "containers": [{
                        "name": "model-server",
                        "image": "academy/model-server:1.4.2",
                        "args": ["serve", "--port", "8080", "--workers", "1"],
                        "ports": [{"name": "web", "containerPort": 8080}],
                        "env": [from_config("MODEL_NAME", "model-name"),
                                from_config("DECISION_THRESHOLD", "threshold"),
                                from_config("LOG_LEVEL", "log-level"),
                                {"name": "API_TOKEN", "valueFrom": {"secretKeyRef": {
                                    "name": "serving-token", "key": "token"}}}],
                        "resources": {"requests": {"cpu": "0.5", "memory": "256Mi"},
                                      "limits": {"cpu": "0.5", "memory": "256Mi"}},
                        "readinessProbe": {"httpGet": {"path": "/ready", "port": "web"},
                                           "periodSeconds": 3},
                        "livenessProbe": {"httpGet": {"path": "/healthz", "port": "web"},
                                          "periodSeconds": 20, "timeoutSeconds": 2},
                    }],
                },
            },
        },
    },
    "service": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "model-server"},
                "spec": {"selector": labels,
                         "ports": [{"name": "http", "port": 80, "targetPort": "web"}]}},
    "hpa": {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "model-server"},
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                        "name": "model-server"},
                     "minReplicas": 2, "maxReplicas": 10,
                     "metrics": [{"type": "Resource", "resource": {
                         "name": "cpu", "target": {"type": "Utilization",
                                                   "averageUtilization": 70}}}]}},
}

for name, obj in objects.items():
    Path(f"data/k8s/{name}.yaml").write_text(yaml.safe_dump(obj, sort_keys=False))
