"""A correct solution written differently: all five objects in one multi-document file,
the whole ConfigMap and Secret imported with envFrom, the Secret as base64 `data`, numeric
ports, `matchExpressions` in the Deployment's selector, the entrypoint spelled out in
`command` with `--port=$(SERVER_PORT)` expanded by the kubelet, the image pinned under its
full registry name, and a CPU target given as an average value (350m of a 500m request is
70%)."""

import base64
from pathlib import Path

for old in Path("data/k8s").glob("*.yaml"):
    old.unlink()

TOKEN = base64.b64encode(b"dev-only-4f9c2a71").decode()

Path("data/k8s/model-server.yml").write_text(f"""\
apiVersion: v1
kind: ConfigMap
metadata: {{name: churn-settings}}
data: {{MODEL_NAME: churn-classifier, DECISION_THRESHOLD: "0.35", LOG_LEVEL: info}}
---
apiVersion: v1
kind: Secret
metadata: {{name: churn-credentials}}
type: Opaque
data:
  API_TOKEN: {TOKEN}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
  labels: {{app.kubernetes.io/name: churn-api}}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  selector:
    matchExpressions:
      - {{key: app.kubernetes.io/name, operator: In, values: [churn-api]}}
  template:
    metadata:
      labels: {{app.kubernetes.io/name: churn-api, app.kubernetes.io/version: "1.4.2"}}
    spec:
      containers:
        - name: api
          image: docker.io/academy/model-server:1.4.2
          imagePullPolicy: Always
          command: [model-server]
          args: [serve, "--port=$(SERVER_PORT)"]
          env:
            - {{name: SERVER_PORT, value: "8080"}}
          envFrom:
            - configMapRef: {{name: churn-settings}}
            - secretRef: {{name: churn-credentials}}
          ports:
            - {{containerPort: 8080, protocol: TCP}}
          resources:
            requests: {{cpu: 500m, memory: 300Mi}}
            limits: {{cpu: 1500m, memory: 1Gi}}
          readinessProbe:
            httpGet: {{path: /ready, port: 8080}}
          livenessProbe:
            httpGet: {{path: /healthz, port: 8080}}
            initialDelaySeconds: 15
---
apiVersion: v1
kind: Service
metadata: {{name: model-server}}
spec:
  type: ClusterIP
  selector: {{app.kubernetes.io/name: churn-api}}
  ports:
    - {{port: 80, targetPort: 8080, protocol: TCP}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {{name: churn-api}}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: churn-api}}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {{type: AverageValue, averageValue: 350m}}
""")
