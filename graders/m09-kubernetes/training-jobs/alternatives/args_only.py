"""A correct solution written differently: the image has no ENTRYPOINT, so the whole command
line can go in args alone (args replace the image's CMD); the tracking URI comes from a
Secret and the model name is a literal; the schedule writes Monday as 1-1 and the minute
as 00; the CronJob is written by hand in flow style."""

from pathlib import Path

Path("data/k8s/secret.yaml").write_text("""\
apiVersion: v1
kind: Secret
metadata: {name: mlflow-access}
type: Opaque
stringData: {uri: "http://mlflow.mlops.svc:5000"}
""")

Path("data/k8s/retrain-cronjob.yaml").write_text("""\
apiVersion: batch/v1
kind: CronJob
metadata: {name: retrain-churn}
spec:
  schedule: "00 3 * * 1-1"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 2
  failedJobsHistoryLimit: 2
  jobTemplate:
    spec:
      backoffLimit: 1
      activeDeadlineSeconds: 6000
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: trainer
              image: academy/churn-trainer:2.3.0
              args: [python, -m, trainer.train, --data-version, latest, --output-dir, /outputs]
              env:
                - {name: MODEL_NAME, value: churn-classifier}
                - name: MLFLOW_TRACKING_URI
                  valueFrom: {secretKeyRef: {name: mlflow-access, key: uri}}
              resources:
                requests: {cpu: 250m, memory: 256Mi}
                limits: {cpu: 250m, memory: 256Mi}
              securityContext: {readOnlyRootFilesystem: true}
              volumeMounts: [{name: out, mountPath: /outputs}]
          volumes: [{name: out, emptyDir: {medium: Memory}}]
""")
